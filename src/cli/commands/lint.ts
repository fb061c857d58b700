import { resolve } from 'node:path';
import { compareFindings, type Severity } from '../../core/finding.js';
import { InputError, UsageError } from '../../core/errors.js';
import { POLICY_KINDS, type PolicyKind } from '../../policy/types.js';
import { FORMAT_NAMES, formatReport } from '../../format/index.js';
import { exitCodeFor } from '../../format/summary.js';
import type { FileReport, FormatName, LintReport, RuleDescriptor } from '../../format/types.js';
import type { Account } from '../../account/model.js';
import { readAccountFiles } from '../../account/read.js';
import { ACCOUNT_PRIVESC_RULE_ID, accountPrivilegeEscalationFindings } from '../../lint/account-privesc.js';
import { emptyConfig, loadConfig, type LintConfig } from '../../lint/config.js';
import { lintFiles } from '../../lint/lint-files.js';
import type { RuleSeverity } from '../../lint/rule.js';
import { allRules } from '../../../rules/index.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { discoverFiles } from '../discover.js';
import { EXIT, type Io } from '../io.js';
import { toolVersion } from '../version.js';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const usage = `Usage: iamcheck lint <file|dir|glob>... [options]

Checks IAM policy documents: standalone JSON/YAML policies, and the policies inside CloudFormation templates,
Terraform plan JSON (terraform show -json) and aws iam get-account-authorization-details dumps.
A directory is searched for .json/.yaml/.yml/.template files (node_modules skipped). '-' reads standard input.

Options:
  --format <name>          stylish | codeframe | json | sarif | github (default: codeframe on a terminal, else stylish)
  --policy-type <kind>     identity | resource | trust | scp | rcp | boundary | session (standalone files;
                           default: detected — a Principal means resource, or trust with sts:AssumeRole*)
  --resource-type <type>   CloudFormation type of a resource policy, e.g. AWS::KMS::Key, AWS::S3::Bucket
  --config <file>          iamcheck.config.json/.yaml (default: found from the current folder upwards)
  --no-config              ignore any config file
  --fail-on <severity>     error | warning | info: lowest severity that makes the exit code 1 (default: error,
                           or the config's failOn)
  --rule <id>=<severity>   override one rule's severity (off | info | warning | error); repeatable
  --account <dump.json>    an aws iam get-account-authorization-details dump (repeatable for pages): lint it, and
                           report privilege escalation that only the combination of a principal's policies allows

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 an input could not be analyzed at all
(unreadable, not JSON/YAML, bad encoding, over a size limit) or a usage error.
`;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got \`${value}\`.`);
  return value as T;
}

/** Rule meta as formatters need it (SARIF `tool.driver.rules`). */
export function ruleDescriptors(): RuleDescriptor[] {
  return allRules.map((rule) => ({ id: rule.name, severity: rule.meta.severity, description: rule.meta.docs.description, kinds: [...rule.meta.appliesTo] }));
}

async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('lint', args, {
    format: { type: 'string' },
    'policy-type': { type: 'string' },
    'resource-type': { type: 'string' },
    config: { type: 'string' },
    'no-config': { type: 'boolean' },
    'fail-on': { type: 'string' },
    rule: { type: 'string', multiple: true },
    account: { type: 'string', multiple: true },
  });
  const accountPaths = values.account ?? [];
  if (!positionals.length && !accountPaths.length) throw new UsageError('lint: give at least one file, directory or glob. Run `iamcheck lint --help`.');
  const format = oneOf<FormatName>('--format', values.format, FORMAT_NAMES) ?? (io.isTTY ? 'codeframe' : 'stylish');
  const kind = oneOf<PolicyKind>('--policy-type', values['policy-type'], POLICY_KINDS);
  const failOnFlag = oneOf('--fail-on', values['fail-on'], SEVERITIES);
  const resourceType = values['resource-type'];
  if (resourceType !== undefined && !/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(resourceType)) {
    throw new UsageError(`--resource-type expects a CloudFormation type such as AWS::KMS::Key; got \`${resourceType}\`.`);
  }
  const ruleOverrides: Record<string, RuleSeverity> = {};
  const known = new Set(allRules.map((r) => r.name));
  for (const pair of values.rule ?? []) {
    const [id, severity] = pair.split('=');
    if (!id || !severity || !['off', ...SEVERITIES].includes(severity)) throw new UsageError(`--rule expects <id>=<off|info|warning|error>; got \`${pair}\`.`);
    if (!known.has(id)) throw new UsageError(`--rule: unknown rule \`${id}\`. Run \`iamcheck rules\` for the list.`);
    ruleOverrides[id] = severity as RuleSeverity;
  }

  const config: LintConfig = values['no-config'] ? emptyConfig(io.cwd) : await loadConfig(io.cwd, values.config);
  const discovered = positionals.length ? await discoverFiles(positionals, io.cwd) : [];
  // The dumps are linted like any file; the cross-policy findings are then added to their reports.
  const files = [...discovered, ...accountPaths.filter((p) => !discovered.includes(p))];
  const { files: reports, unanalyzable } = await lintFiles(files, config, { kind, resourceType, ruleOverrides, cwd: io.cwd, stdin: io.readStdin });
  if (accountPaths.length) addAccountFindings(reports, accountPaths, await readAccounts(accountPaths, io.cwd), io.cwd, ruleOverrides[ACCOUNT_PRIVESC_RULE_ID] ?? config.rules[ACCOUNT_PRIVESC_RULE_ID]?.severity);
  const failOn: Severity = failOnFlag ?? config.failOn ?? 'error';
  const report: LintReport = { files: reports, rules: ruleDescriptors(), failOn, toolVersion: toolVersion() };
  io.stdout(formatReport(report, format, { color: io.isTTY && !io.env.NO_COLOR }));
  if (unanalyzable) return EXIT.input;
  return exitCodeFor(report) === 0 ? EXIT.ok : EXIT.findings;
}

/** Reads the `--account` dumps (relative to the working folder); an error names the file as the user wrote it. */
async function readAccounts(given: readonly string[], cwd: string): Promise<Account> {
  try {
    return await readAccountFiles(given.map((p) => resolve(cwd, p)));
  } catch (error) {
    if (!(error instanceof InputError) || !error.file) throw error;
    const file = given.find((p) => resolve(cwd, p) === error.file) ?? error.file;
    throw new InputError(error.message, file, error.line, error.column, error.help);
  }
}

/**
 * Adds privilege escalation across the policies of each principal of the account to the report of the dump file
 * it points into (`--rule privilege-escalation=…` or the config's top-level setting applies; per-file overrides
 * and ignores do not).
 */
function addAccountFindings(reports: FileReport[], given: readonly string[], account: Account, cwd: string, severity: RuleSeverity | undefined): void {
  if (severity === 'off') return;
  const asGiven = new Map(given.map((p) => [resolve(cwd, p), p]));
  for (const finding of accountPrivilegeEscalationFindings(account, severity ? { severity } : {})) {
    const file = asGiven.get(finding.file) ?? finding.file;
    let report = reports.find((r) => r.file === file);
    if (!report) {
      report = { file, policyType: 'account-dump', findings: [] };
      reports.push(report);
    }
    report.findings.push({ ...finding, file });
    report.findings.sort(compareFindings);
  }
}

export const command: Command = {
  name: 'lint',
  summary: 'Check policy files (and policies inside CloudFormation/Terraform/dumps) for errors and risks',
  usage,
  run,
};

