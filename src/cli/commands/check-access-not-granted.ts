import { resolve } from 'node:path';
import { InputError, UsageError } from '../../core/errors.js';
import { createSourceFile } from '../../core/source.js';
import { checkAccessNotGranted } from '../../diff/index.js';
import { readSource } from '../../policy/read.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import type { Io } from '../io.js';
import { documentsOf, exitCodeOf, overall, parseFormat, parsePolicyType, rejectSkipped, render, type DiffEntry } from './diff.js';

const usage = `Usage: iamcheck check-access-not-granted POLICY --action A [--action B ...] [--resource R ...] [options]

Can this policy ever allow one of these actions on one of these resources? PASS proves that it cannot (for every
caller, resource and request context); FAIL shows a request that it allows, re-checked by the engine. Like IAM
Access Analyzer's CheckAccessNotGranted. With only --action, any resource counts; with only --resource, any action.

  --action <service:Action>   an action to check (wildcards allowed; repeatable)
  --resource <arn>            a resource ARN to check (wildcards allowed; repeatable)
  --policy-type <type>        identity | resource (default: from the document)
  --format <name>             text | json | sarif | github (default: text)

Exit codes: 0 PASS (not granted); 1 FAIL (granted); 2 UNKNOWN, unreadable input, or a usage error.
`;

async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('check-access-not-granted', args, {
    action: { type: 'string', multiple: true },
    resource: { type: 'string', multiple: true },
    'policy-type': { type: 'string' },
    format: { type: 'string' },
  });
  const format = parseFormat('check-access-not-granted', values.format);
  const policyType = parsePolicyType('check-access-not-granted', values['policy-type']);
  if (positionals.length !== 1) throw new UsageError('check-access-not-granted: give one policy file. Run `iamcheck check-access-not-granted --help`.');
  const actions = values.action ?? [];
  const resources = values.resource ?? [];
  if (actions.length === 0 && resources.length === 0) throw new UsageError('check-access-not-granted: give at least one --action or --resource.');
  for (const a of actions) if (!a.includes(':') && a !== '*') throw new UsageError(`check-access-not-granted: \`${a}\` is not an action; write service:Action, e.g. s3:GetObject.`);
  const [path] = positionals;
  const read = await readSource(resolve(io.cwd, path));
  const source = createSourceFile(path, read.text);
  const documents = documentsOf(source, policyType);
  if (documents.length === 0) throw new InputError('No IAM policy found in this file.', path, undefined, undefined, 'Pass a policy document, a CloudFormation template or a Terraform plan.');
  const entries: DiffEntry[] = documents.map((d) => {
    const result = checkAccessNotGranted(d.policy, { actions, resources }, policyType ? { policyType } : {});
    rejectSkipped(result, path);
    const entry: DiffEntry = { old: '(listed access)', new: path, source, listedAccess: true, result };
    if (d.location) entry.location = d.location;
    return entry;
  });
  io.stdout(render(entries, format));
  return exitCodeOf(overall(entries));
}

export const command: Command = {
  name: 'check-access-not-granted',
  summary: 'Prove that a policy can never allow the listed actions/resources, or show a request it allows',
  usage,
  run,
};
