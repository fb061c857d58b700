import { UsageError } from '../../core/errors.js';
import { whoCan, type WhoCanResult } from '../../account/analysis.js';
import { ACCOUNT_OPTIONS, describeInputProblems, loadAccountInputs } from '../../account/inputs.js';
import { parseCommandArgs, parseKeyValues } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../io.js';

const usage = `Usage: iamcheck who-can ACTION RESOURCE --account FILE... [options]

Lists every user and role of the account that may perform ACTION on RESOURCE, and through which policy
statements, evaluating all their policies: identity (with their groups'), permissions boundary, the resource's
policy (--resource-policies; a role's trust policy for sts:AssumeRole), SCPs and RCPs (--org). A policy
that could not be read is named under its principal (\`unknown:\`), whose answer may change once it is read.

Options:
  --account <file>           output of \`aws iam get-account-authorization-details\` or \`iamcheck fetch\` (repeatable)
  --live                     fetch the account with your AWS credentials instead (--profile, --region)
  --org <file>               SCPs/RCPs by organization level (schemas/org.schema.json)
  --resource-policies <file> resource policies by ARN (schemas/resource-policies.schema.json)
  --resource-account <id>    account that owns the resource when its ARN carries none (S3)
  --context <key=value>      request-context values (repeatable); conditions on other keys see them absent
  --format <name>            text | json (default: text)

Exit codes: 0 someone can; 1 no one can; 2 usage or input error.
`;

function formatText(r: WhoCanResult): string {
  const lines = [`${r.principals.length} of ${r.evaluated} principals can ${r.action} on ${r.resource}`];
  for (const p of r.principals) {
    lines.push(`  ${p.type.padEnd(4)} ${p.arn}`);
    for (const t of p.through) lines.push(`         through ${t.policy} ${t.sid ? `"${t.sid}"` : `#${t.statementIndex + 1}`} (${t.via})  ${t.file}:${t.line}`);
    if (p.unreadable.length) lines.push(`         unknown: policies that could not be read: ${p.unreadable.join(', ')} (a Deny in them would take this access away)`);
  }
  if (r.unknown.length) {
    lines.push(`  unknown for ${r.unknown.length} principal${r.unknown.length === 1 ? '' : 's'} with unreadable policies:`);
    for (const u of r.unknown) lines.push(`    ${u.arn} (${u.policies.join(', ')})`);
  }
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  name: 'who-can',
  summary: 'List every user and role of an account that can perform an action on a resource, and through which policy',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('who-can', args, {
      ...ACCOUNT_OPTIONS,
      'resource-policies': { type: 'string' },
      'resource-account': { type: 'string' },
      context: { type: 'string', multiple: true },
      format: { type: 'string' },
    });
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`who-can: unknown --format \`${format}\`; use text or json.`);
    if (positionals.length !== 2) throw new UsageError('who-can: give ACTION and RESOURCE, e.g. `iamcheck who-can s3:GetObject arn:aws:s3:::reports/q3.csv --account account.json`.');
    const [action, resource] = positionals;
    if (!/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/.test(action)) throw new UsageError(`who-can: \`${action}\` is not one action (service:Action, no wildcards).`);
    const inputs = await loadAccountInputs({
      ...(values.account ? { account: values.account } : {}), live: values.live === true,
      ...(values.profile ? { profile: values.profile } : {}), ...(values.region ? { region: values.region } : {}),
      ...(values.org ? { org: values.org } : {}), ...(values['resource-policies'] ? { resourcePolicies: values['resource-policies'] } : {}),
    }, io.cwd, 'who-can');
    io.stderr(describeInputProblems(inputs.findings));
    const context = parseKeyValues('--context', values.context);
    const result = whoCan(inputs.account, action, resource, {
      ...(inputs.org ? { org: inputs.org } : {}), ...(inputs.resourcePolicies ? { resourcePolicies: inputs.resourcePolicies } : {}),
      ...(Object.keys(context).length ? { context } : {}), ...(values['resource-account'] ? { resourceAccount: values['resource-account'] } : {}),
    });
    io.stdout(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatText(result));
    return result.principals.length > 0 ? EXIT.ok : EXIT.findings;
  },
};
