// The inputs the account commands (`why`, `who-can`, `can`) share: account dumps or `--live`, `--org`,
// `--resource-policies`, `--session-policy`. Paths are resolved against the caller's directory and reported as
// the user wrote them.
import { resolve } from 'node:path';
import { InputError, UsageError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { createSourceFile, type SourceFile } from '../core/source.js';
import { parsePolicy } from '../policy/index.js';
import { detectFormat, readSource } from '../policy/read.js';
import type { NormalizedPolicy } from '../policy/types.js';
import { loadAccount, loadOrg, loadResourcePolicies } from './load.js';
import type { Account, OrgPolicies, ResourcePolicies } from './model.js';
import { catalogManagedPolicyResolver } from './read.js';

/** The command-line options every account command takes (`why`, `who-can`, `can`), for `parseCommandArgs`. */
export const ACCOUNT_OPTIONS = {
  account: { type: 'string', multiple: true },
  live: { type: 'boolean' },
  profile: { type: 'string' },
  region: { type: 'string' },
  org: { type: 'string' },
} as const;

export interface AccountInputFlags {
  account?: string[];
  live?: boolean;
  profile?: string;
  region?: string;
  org?: string;
  resourcePolicies?: string;
}

export interface AccountInputs {
  account: Account;
  org?: OrgPolicies;
  resourcePolicies?: ResourcePolicies;
  /** Problems in the inputs that did not stop loading (unreadable documents, unknown policies, …). */
  findings: Finding[];
}

/** Reads a file relative to `cwd`, labelled with the path as the user wrote it. */
export async function readUserFile(cwd: string, path: string): Promise<SourceFile> {
  const source = await readSource(resolve(cwd, path));
  return createSourceFile(path, source.text);
}

/** A finding that makes a whole input file unusable (not JSON, not a dump); documents inside stay findings. */
function throwFatal(findings: Finding[], files?: string[]): void {
  const fatal = findings.find((f) => (f.fatal || f.ruleId === 'account/not-a-dump') && (!files || files.includes(f.file)));
  if (fatal) throw new InputError(fatal.message, fatal.file, fatal.span.start.line, fatal.span.start.column, fatal.help);
}

/** Loads the account (files or live), the org file and the resource-policies file. */
export async function loadAccountInputs(flags: AccountInputFlags, cwd: string, command: string): Promise<AccountInputs> {
  const files = flags.account ?? [];
  if (files.length === 0 && !flags.live) {
    throw new UsageError(`${command}: pass the account with --account FILE (the output of \`aws iam get-account-authorization-details\` or \`iamcheck fetch\`), or --live.`);
  }
  if (files.length > 0 && flags.live) throw new UsageError(`${command}: pass either --account or --live, not both.`);
  const sources: SourceFile[] = [];
  if (flags.live) {
    const { createIamClient, fetchAccountAuthorizationDetails, describeAwsError } = await import('./live.js');
    try {
      const client = await createIamClient({ ...(flags.profile ? { profile: flags.profile } : {}), ...(flags.region ? { region: flags.region } : {}) });
      const dump = await fetchAccountAuthorizationDetails(client);
      sources.push(createSourceFile('<live account>', `${JSON.stringify(dump, null, 2)}\n`));
    } catch (error) {
      throw new InputError(`Could not fetch the account: ${describeAwsError(error)}`, undefined, undefined, undefined,
        'Check your AWS credentials (--profile, AWS_PROFILE) and that they may call iam:GetAccountAuthorizationDetails; or pass --account FILE.');
    }
  } else {
    for (const path of files) sources.push(await readUserFile(cwd, path));
  }
  const account = loadAccount(sources, { resolveManagedPolicy: await catalogManagedPolicyResolver() });
  throwFatal(account.findings, account.files);
  const findings = [...account.findings];
  const out: AccountInputs = { account, findings };
  if (flags.org) {
    const result = loadOrg(await readUserFile(cwd, flags.org));
    throwFatal(result.findings);
    findings.push(...result.findings);
    out.org = result.org;
  }
  if (flags.resourcePolicies) {
    const result = loadResourcePolicies(await readUserFile(cwd, flags.resourcePolicies));
    throwFatal(result.findings);
    findings.push(...result.findings);
    out.resourcePolicies = result.resourcePolicies;
  }
  return out;
}

/** A session policy file (`--session-policy`); an unreadable one is an InputError at its position. */
export async function readSessionPolicy(cwd: string, path: string): Promise<NormalizedPolicy> {
  const source = await readUserFile(cwd, path);
  const parsed = parsePolicy(source, { kind: 'session', name: path, format: detectFormat(source) });
  const error = parsed.findings.find((f) => f.severity === 'error');
  if (error || !parsed.policy) {
    const at = error?.span.start;
    throw new InputError(error?.message ?? 'Not a policy document.', path, at?.line, at?.column, error?.help ?? 'Fix the session policy.');
  }
  return parsed.policy;
}

/**
 * Problems worth reporting on stderr (warnings and errors), at most `max`: each as `file:line:column: message`, then
 * its `help:` line (what to do) when it has one.
 */
export function describeInputProblems(findings: Finding[], max = 10): string {
  const shown = findings.filter((f) => f.severity !== 'info');
  if (shown.length === 0) return '';
  const lines = shown.slice(0, max).flatMap((f) => [
    `  ${f.file}:${f.span.start.line}:${f.span.start.column}: ${f.severity} ${f.ruleId}: ${f.message}`,
    ...(f.help ? [`    help: ${f.help}`] : []),
  ]);
  if (shown.length > max) lines.push(`  … and ${shown.length - max} more`);
  return `iamcheck: ${shown.length} problem${shown.length === 1 ? '' : 's'} in the inputs (the rest was loaded):\n${lines.join('\n')}\n`;
}
