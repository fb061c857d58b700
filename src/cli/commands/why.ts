import { UsageError } from '../../core/errors.js';
import { ACCOUNT_OPTIONS, loadAccountInputs, describeInputProblems, readSessionPolicy, readUserFile } from '../../account/inputs.js';
import { parseDeniedMessage, readDecodedAuthorizationMessage, type DeniedMessage } from '../../account/message.js';
import { findPrincipal } from '../../account/model.js';
import { describeMessagePolicyType, explainDenial, withArticle, type StatementOut, type Unknown, type WhyAnswer } from '../../account/why.js';
import { InputError } from '../../core/errors.js';
import type { Request } from '../../engine/types.js';
import { parseCommandArgs, parseKeyValues } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, type Io } from '../io.js';

const usage = `Usage: iamcheck why 'MESSAGE' --account FILE... [options]
       iamcheck why --principal ARN --action ACTION --resource ARN --account FILE... [options]

Explains an access denial against the whole account: the decision, which policy type blocked it (identity,
SCP at which level, RCP, permissions boundary, session, resource or trust policy), the statements that decided
it or came closest, the smallest fix as a policy snippet, and what the account files cannot see.

MESSAGE is the error as AWS printed it: \`User: ARN is not authorized to perform: ACTION on resource: ARN ...\`,
with or without the AWS CLI's \`An error occurred (AccessDenied) when calling the X operation:\` prefix, an
AccessDeniedException JSON body or an S3 XML error. Pass \`-\` to read it from standard input.

Request (instead of, or to complete, the message):
  --principal <arn>          user, role or assumed-role session (arn:aws:sts::ACCT:assumed-role/ROLE/SESSION)
  --action <service:Action>
  --resource <arn>
  --resource-account <id>    account that owns the resource when its ARN carries none (S3)
  --context <key=value>      a request-context value (repeatable)
  --session-policy <file>    the session policy of an assumed-role or federated session

Account:
  --account <file>           output of \`aws iam get-account-authorization-details\` or \`iamcheck fetch\`
                             (repeatable: pages or files are merged)
  --live                     decode EC2's encoded authorization message with STS DecodeAuthorizationMessage,
                             and, without --account, fetch the account with your AWS credentials
  --profile <name>, --region <region>   for --live
  --org <file>               {"scps": [[root...], [ou...], [account...]], "rcps": [[...]]} (schemas/org.schema.json)
  --resource-policies <file> {"<resource ARN>": policy | {"name", "document"}} (schemas/resource-policies.schema.json)

Options:
  --format <name>            text | json (default: text)

Exit codes: 0 allowed; 1 denied; 2 usage or input error.
`;

const REGIONAL_ARN = /^arn:[\w-]+:[\w-]+:([a-z]{2}(?:-[a-z]+)+-\d+):/;

/** Text of the message: the positional argument(s), or standard input for `-`. */
async function messageText(positionals: string[], io: Io): Promise<string | undefined> {
  if (positionals.length === 0) return undefined;
  if (positionals.length === 1 && positionals[0] === '-') {
    if (!io.readStdin) throw new UsageError('why: cannot read standard input here.');
    return io.readStdin();
  }
  return positionals.join(' ');
}

function where(s: StatementOut): string {
  return `${s.file}:${s.line}:${s.column}`;
}

function label(s: StatementOut): string {
  const sid = s.sid ? `"${s.sid}"` : `#${s.statementIndex + 1}`;
  const level = s.level !== undefined ? ` level ${s.level}` : '';
  return `${s.policy} ${sid}${s.via ? ` (${s.via})` : ` (${describeMessagePolicyType(s.policyType)}${level})`}`;
}

function indent(text: string, by: string): string {
  return text.split('\n').map((l) => `${by}${l}`).join('\n');
}

/** The answer for a terminal. */
export function formatWhy(a: WhyAnswer): string {
  const lines: string[] = [];
  const who = a.principal.sessionName !== undefined ? `${a.principal.arn} → role ${a.principal.name}` : a.principal.arn;
  lines.push(`${a.decision}  ${a.request.action} on ${a.request.resource}  (${who})`);
  if (a.blockedBy) {
    const level = a.blockedLevel !== undefined ? ` at organization level ${a.blockedLevel}${a.blockedLevel === 0 ? ' (root)' : ''}` : '';
    lines.push(`  blocked by: ${describeMessagePolicyType(a.blockedBy)}${level}${a.decision === 'implicitDeny' ? ` — none allows ${a.request.action}` : ' — an explicit Deny applies'}`);
  }
  if (a.message && (a.message.decision || a.message.policyType)) {
    const said = `${a.message.decision ?? 'denied'}${a.message.policyType ? ` in ${withArticle(a.message.policyType)}` : ''}`;
    lines.push(`  AWS said: ${said}${a.agreesWithMessage === true ? ' — the account files agree' : ''}`);
  }
  if (a.disagreement) lines.push(`  ! ${a.disagreement}`);
  for (const s of a.determining) lines.push(`  ${a.decision === 'allowed' ? 'allowed by' : 'denied by'}: ${label(s)}  ${where(s)}`);
  for (const s of a.closest) {
    lines.push(`  closest: ${label(s)}  ${where(s)}`);
    for (const f of s.failing ?? []) lines.push(`    ${f}`);
  }
  if (a.fix) {
    lines.push(`  fix: ${a.fix.message}${a.fix.via ? ` (${a.fix.policy}, ${a.fix.via})` : ''}`);
    if (a.fix.snippet) lines.push(indent(JSON.stringify(a.fix.snippet, null, 2), '    '));
  }
  for (const n of a.notes) lines.push(`  note: ${n}`);
  for (const e of a.errors) lines.push(`  not evaluated: ${e.message}`);
  if (a.unknowns.length) {
    lines.push('  not visible in the account files:');
    for (const u of a.unknowns) lines.push(`    - ${u.message}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The answer as the `--format json` contract: request, decision, blockedBy, determining, closest, fix, unknowns. */
export function whyJson(a: WhyAnswer): Record<string, unknown> {
  return {
    request: a.request,
    principal: a.principal,
    decision: a.decision,
    blockedBy: a.blockedBy,
    ...(a.blockedLevel !== undefined ? { blockedLevel: a.blockedLevel } : {}),
    determining: a.determining,
    closest: a.closest,
    fix: a.fix,
    unknowns: a.unknowns,
    ...(a.message ? { message: a.message } : {}),
    agreesWithMessage: a.agreesWithMessage,
    ...(a.disagreement ? { disagreement: a.disagreement } : {}),
    notes: a.notes,
    errors: a.errors,
  };
}

export const command: Command = {
  name: 'why',
  summary: 'Explain an AccessDenied message (or a request) against an account dump: what blocked it and the fix',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('why', args, {
      principal: { type: 'string' },
      action: { type: 'string' },
      resource: { type: 'string' },
      'resource-account': { type: 'string' },
      context: { type: 'string', multiple: true },
      'session-policy': { type: 'string' },
      ...ACCOUNT_OPTIONS,
      'resource-policies': { type: 'string' },
      'message-file': { type: 'string' },
      format: { type: 'string' },
    });
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`why: unknown --format \`${format}\`; use text or json.`);

    const text = values['message-file'] ? (await readUserFile(io.cwd, values['message-file'])).text : await messageText(positionals, io);
    let message: DeniedMessage | undefined;
    const context: Record<string, string | string[]> = parseKeyValues('--context', values.context);
    const extraUnknowns: Unknown[] = [];
    if (text !== undefined) {
      message = parseDeniedMessage(text);
      if (message.encodedMessage) {
        if (values.live) {
          const { createStsClient, decodeAuthorizationMessage, describeAwsError } = await import('../../account/live.js');
          try {
            const sts = await createStsClient({ ...(values.profile ? { profile: values.profile } : {}), ...(values.region ? { region: values.region } : {}) });
            const decoded = readDecodedAuthorizationMessage(await decodeAuthorizationMessage(sts, message.encodedMessage));
            message = { ...message, ...Object.fromEntries(Object.entries(decoded).filter(([k, v]) => k !== 'context' && v !== undefined)) };
            for (const [k, v] of Object.entries(decoded.context)) {
              // Keys are the message's text: define them as own data properties (`__proto__` stays a key).
              if (!Object.hasOwn(context, k)) Object.defineProperty(context, k, { value: v, enumerable: true, writable: true, configurable: true });
            }
          } catch (error) {
            throw new InputError(`Could not decode the authorization message: ${describeAwsError(error)}`, undefined, undefined, undefined,
              'The caller needs sts:DecodeAuthorizationMessage; or pass the request with --principal/--action/--resource.');
          }
        } else {
          extraUnknowns.push({ kind: 'conditionValue', message: 'The message carries an encoded authorization message with the exact request context; run with --live to decode it (STS DecodeAuthorizationMessage).' });
        }
      }
    }
    const principal = values.principal ?? message?.principal;
    const action = values.action ?? message?.action;
    let resource = values.resource ?? message?.resource;
    if (!action) {
      throw new UsageError(text !== undefined
        ? 'why: could not find the action in the message. Paste the whole error (`User: ARN is not authorized to perform: ACTION on resource: ARN …`), or give --action.'
        : 'why: pass an AWS error message, or --principal, --action and --resource.');
    }
    if (!principal) throw new UsageError('why: the message names no principal; give --principal ARN (the user, role or assumed-role session that made the call).');
    const assumedContext: string[] = [];
    if (!resource) {
      resource = '*';
      extraUnknowns.push({ kind: 'assumedValue', message: 'The message names no resource; the request was evaluated on `*`. Give --resource ARN if the action acts on a resource.' });
    }
    const region = REGIONAL_ARN.exec(resource)?.[1];
    if (region && !Object.keys(context).some((k) => k.toLowerCase() === 'aws:requestedregion')) {
      context['aws:RequestedRegion'] = region;
      assumedContext.push('aws:RequestedRegion');
    }
    const request: Request = { principal, action, resource };
    if (values['resource-account']) request.resourceAccount = values['resource-account'];
    if (Object.keys(context).length) request.context = context;

    const inputs = await loadAccountInputs({
      // With --account, --live only decodes the message; the account comes from the files.
      ...(values.account ? { account: values.account } : {}), live: values.live === true && !values.account?.length,
      ...(values.profile ? { profile: values.profile } : {}), ...(values.region ? { region: values.region } : {}),
      ...(values.org ? { org: values.org } : {}), ...(values['resource-policies'] ? { resourcePolicies: values['resource-policies'] } : {}),
    }, io.cwd, 'why');
    io.stderr(describeInputProblems(inputs.findings));
    if (!findPrincipal(inputs.account, principal)) {
      throw new InputError(`The principal ${principal} is not in the account files (${inputs.account.users.size} users, ${inputs.account.roles.size} roles).`,
        inputs.account.files[0], undefined, undefined,
        'Pass the dump of the account the principal belongs to; for a role session, the role must be in it.');
    }
    const sessionPolicy = values['session-policy'] ? await readSessionPolicy(io.cwd, values['session-policy']) : undefined;
    const answer = explainDenial(inputs.account, request, {
      ...(inputs.org ? { org: inputs.org } : {}),
      ...(inputs.resourcePolicies ? { resourcePolicies: inputs.resourcePolicies } : {}),
      ...(sessionPolicy ? { sessionPolicy } : {}),
      ...(message ? { message } : {}),
      assumedContext,
    })!;
    answer.unknowns.push(...extraUnknowns);
    io.stdout(format === 'json' ? `${JSON.stringify(whyJson(answer), null, 2)}\n` : formatWhy(answer));
    return answer.decision === 'allowed' ? EXIT.ok : EXIT.findings;
  },
};
