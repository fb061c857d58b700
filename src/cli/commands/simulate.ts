import { resolve } from 'node:path';
import { InputError, UsageError } from '../../core/errors.js';
import { createSourceFile } from '../../core/source.js';
import { authorize } from '../../engine/index.js';
import type { PolicySet, Request } from '../../engine/types.js';
import { formatDecision } from '../../format/decision.js';
import { parsePolicy } from '../../policy/index.js';
import { detectFormat, readSource } from '../../policy/read.js';
import type { NormalizedPolicy, PolicyKind } from '../../policy/types.js';
import { parseCommandArgs, parseKeyValues } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, type Io } from '../io.js';

const usage = `Usage: iamcheck simulate --principal ARN --action ACTION --resource ARN [policies] [options]

Decides one request the way AWS does: allowed, explicitDeny or implicitDeny, with the statements that decided it.

Policies (JSON or YAML files; each flag may name several files where it says so):
  --policy <file>            identity-based policy of the principal (repeatable)
  --resource-policy <file>   resource-based policy of the resource (bucket policy, key policy, ...), or the
                             role's trust policy when the action is sts:AssumeRole*
  --boundary <file>          permissions boundary of the principal
  --session-policy <file>    session policy (AssumeRole* or GetFederationToken)
  --scp <file[,file...]>     service control policies of one organization level; repeat the flag once per level,
                             root first, account last (an Allow is needed at every level)
  --rcp <file[,file...]>     resource control policies of one level, same order

Request:
  --principal <arn>          user, role, assumed-role session, federated user, account root, or a service name
  --action <service:Action>
  --resource <arn>
  --resource-account <id>    account that owns the resource when its ARN carries none (S3); default: the caller's
  --context <key=value>      a request-context value (repeat a key for a multivalued key); keys AWS derives from
                             the principal (aws:username, aws:PrincipalArn, ...) are filled in unless given
  --service-linked-role      the principal is a service-linked role (SCPs and RCPs do not restrict it)
  --management-account       the principal is in the organization's management account (SCPs do not apply)
  --resource-in-management-account  the resource is in the management account (RCPs do not apply)

Options:
  --explain                  show every statement, the closest Allow and the smallest fix
  --format <name>            text | json (default: text)

Exit codes: 0 allowed; 1 denied (explicitly or implicitly); 2 a policy could not be read or is invalid
(reported at file:line:column), or a usage error.
`;

async function loadPolicy(path: string, kind: PolicyKind, io: Io): Promise<NormalizedPolicy> {
  const read = await readSource(resolve(io.cwd, path));
  const source = createSourceFile(path, read.text);
  const parsed = parsePolicy(source, { kind, name: path, format: detectFormat(source) });
  const error = parsed.findings.find((f) => f.severity === 'error');
  if (error || !parsed.policy) {
    const at = error?.span.start;
    throw new InputError(error?.message ?? 'Not a policy document.', path, at?.line, at?.column,
      error?.help ?? `Fix the ${kind} policy, or run \`iamcheck lint --policy-type ${kind} ${path}\` for every problem in it.`);
  }
  return parsed.policy;
}

function required(flag: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new UsageError(`simulate: ${flag} is required. Run \`iamcheck simulate --help\`.`);
  return value;
}

async function levels(flag: string, values: string[] | undefined, kind: PolicyKind, io: Io): Promise<NormalizedPolicy[][] | undefined> {
  if (!values?.length) return undefined;
  const out: NormalizedPolicy[][] = [];
  for (const level of values) {
    const files = level.split(',').map((f) => f.trim()).filter(Boolean);
    if (!files.length) throw new UsageError(`simulate: ${flag} needs a file name.`);
    out.push(await Promise.all(files.map((f) => loadPolicy(f, kind, io))));
  }
  return out;
}

async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('simulate', args, {
    policy: { type: 'string', multiple: true },
    'resource-policy': { type: 'string' },
    boundary: { type: 'string' },
    'session-policy': { type: 'string' },
    scp: { type: 'string', multiple: true },
    rcp: { type: 'string', multiple: true },
    principal: { type: 'string' },
    action: { type: 'string' },
    resource: { type: 'string' },
    'resource-account': { type: 'string' },
    context: { type: 'string', multiple: true },
    'service-linked-role': { type: 'boolean' },
    'management-account': { type: 'boolean' },
    'resource-in-management-account': { type: 'boolean' },
    explain: { type: 'boolean' },
    format: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`simulate: unexpected argument \`${positionals[0]}\`; policies go after --policy. Run \`iamcheck simulate --help\`.`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be one of text, json; got \`${format}\`.`);
  const request: Request = {
    principal: required('--principal', values.principal),
    action: required('--action', values.action),
    resource: required('--resource', values.resource),
  };
  if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(request.action) && request.action !== '*') {
    throw new UsageError(`simulate: --action must look like service:Action (e.g. s3:GetObject); got \`${request.action}\`.`);
  }
  const resourceAccount = values['resource-account'];
  if (resourceAccount !== undefined) {
    if (!/^\d{12}$/.test(resourceAccount)) throw new UsageError(`simulate: --resource-account must be a 12-digit account id; got \`${resourceAccount}\`.`);
    request.resourceAccount = resourceAccount;
  }
  const context = parseKeyValues('--context', values.context);
  if (Object.keys(context).length) request.context = context;
  if (values['service-linked-role']) request.principalIsServiceLinkedRole = true;
  if (values['management-account']) request.principalInManagementAccount = true;
  if (values['resource-in-management-account']) request.resourceInManagementAccount = true;

  const assume = /^sts:assumerole/i.test(request.action);
  const set: PolicySet = { identity: await Promise.all((values.policy ?? []).map((f) => loadPolicy(f, 'identity', io))) };
  if (values['resource-policy']) set.resource = await loadPolicy(values['resource-policy'], assume ? 'trust' : 'resource', io);
  if (values.boundary) set.permissionBoundary = await loadPolicy(values.boundary, 'boundary', io);
  if (values['session-policy']) set.session = await loadPolicy(values['session-policy'], 'session', io);
  const scps = await levels('--scp', values.scp, 'scp', io);
  if (scps) set.scps = scps;
  const rcps = await levels('--rcp', values.rcp, 'rcp', io);
  if (rcps) set.rcps = rcps;

  const explain = values.explain === true;
  // The text view always shows the closest statement and the fix of a denial; --explain adds every statement.
  const decision = authorize(request, set, { explain: explain || format === 'text' });
  if (format === 'json') io.stdout(`${JSON.stringify({ request, ...decision }, null, 2)}\n`);
  else io.stdout(formatDecision(request, decision, { verbose: explain }));
  return decision.decision === 'allowed' ? EXIT.ok : EXIT.findings;
}

export const command: Command = { name: 'simulate', summary: 'Decide one request against policies: allowed, explicitDeny or implicitDeny, and why', usage, run };
