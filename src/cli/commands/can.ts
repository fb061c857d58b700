import { InputError, UsageError } from '../../core/errors.js';
import { effectivePermissions, type EffectivePermissions } from '../../account/analysis.js';
import { ACCOUNT_OPTIONS, describeInputProblems, loadAccountInputs } from '../../account/inputs.js';
import { findPrincipal } from '../../account/model.js';
import { parseCommandArgs, parseKeyValues } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../io.js';

const usage = `Usage: iamcheck can PRINCIPAL --account FILE... [options]

Lists what a user or role may do, per service: every action its Allow statements name (wildcards such as
s3:Get* expanded from the bundled AWS catalog), checked against all its policies (explicit denies,
permissions boundary, SCPs), with the Resource patterns that grant each action.

PRINCIPAL is a user or role ARN, or an assumed-role session ARN.

Options:
  --account <file>      output of \`aws iam get-account-authorization-details\` or \`iamcheck fetch\` (repeatable)
  --live                fetch the account with your AWS credentials instead (--profile, --region)
  --org <file>          SCPs/RCPs by organization level (schemas/org.schema.json)
  --service <prefix>    only this service (repeatable)
  --context <key=value> request-context values; statements with conditions are marked "conditional" otherwise
  --format <name>       text | json (default: text)

Exit codes: 0 listed; 2 usage or input error.
`;

function formatText(p: EffectivePermissions): string {
  const lines = [`${p.principal} can:`];
  for (const s of p.services) {
    lines.push(`  ${s.service} (${s.actions.length} action${s.actions.length === 1 ? '' : 's'})`);
    for (const a of s.actions) lines.push(`    ${a.action}${a.conditional ? ' (conditional)' : ''}  on ${a.resources.join(', ')}`);
  }
  if (p.services.length === 0) lines.push('  nothing');
  if (p.unreadable.length) lines.push(`  unknown: policies that could not be read: ${p.unreadable.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  name: 'can',
  summary: 'List what a user or role can do, per service, with wildcards expanded from the AWS catalog',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('can', args, {
      ...ACCOUNT_OPTIONS,
      service: { type: 'string', multiple: true },
      context: { type: 'string', multiple: true },
      format: { type: 'string' },
    });
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`can: unknown --format \`${format}\`; use text or json.`);
    if (positionals.length !== 1) throw new UsageError('can: give one PRINCIPAL (user, role or assumed-role session ARN).');
    const inputs = await loadAccountInputs({
      ...(values.account ? { account: values.account } : {}), live: values.live === true,
      ...(values.profile ? { profile: values.profile } : {}), ...(values.region ? { region: values.region } : {}),
      ...(values.org ? { org: values.org } : {}),
    }, io.cwd, 'can');
    io.stderr(describeInputProblems(inputs.findings));
    const principal = findPrincipal(inputs.account, positionals[0]);
    if (!principal) {
      throw new InputError(`The principal ${positionals[0]} is not in the account files (${inputs.account.users.size} users, ${inputs.account.roles.size} roles).`,
        inputs.account.files[0], undefined, undefined, 'Give the ARN of a user or role in the dump (with its path), or an assumed-role session ARN.');
    }
    const { getCatalog } = await import('../../catalog/index.js');
    const context = parseKeyValues('--context', values.context);
    const result = effectivePermissions(inputs.account, principal, getCatalog(), {
      ...(inputs.org ? { org: inputs.org } : {}), ...(Object.keys(context).length ? { context } : {}),
    });
    if (values.service?.length) {
      const only = new Set(values.service.map((s) => s.toLowerCase()));
      result.services = result.services.filter((s) => only.has(s.service.toLowerCase()));
    }
    io.stdout(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatText(result));
    return EXIT.ok;
  },
};
