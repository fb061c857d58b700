// File-system wrappers around the pure loaders: read the files, resolve AWS managed policies from the catalog,
// and turn a file that cannot be used at all into an InputError (exit 2) with its position.
import { InputError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { readSource } from '../policy/read.js';
import { loadAccount, loadOrg, loadResourcePolicies, type CatalogManagedPolicy } from './load.js';
import type { Account, OrgPolicies, ResourcePolicies } from './model.js';

/** The first fatal finding (a file that is not JSON, not a dump, …) as an InputError. */
function throwFatal(findings: Finding[], files?: string[]): void {
  const fatal = findings.find((f) => (f.fatal || f.ruleId === 'account/not-a-dump') && (!files || files.includes(f.file)));
  if (!fatal) return;
  throw new InputError(fatal.message, fatal.file, fatal.span.start.line, fatal.span.start.column, fatal.help);
}

/** Resolves AWS managed policies from the bundled data (loaded only when a dump needs it). */
export async function catalogManagedPolicyResolver(): Promise<(arn: string) => CatalogManagedPolicy | undefined> {
  const { getCatalog } = await import('../catalog/index.js');
  return (arn) => getCatalog().managedPolicy(arn);
}

/** Reads and merges account dumps; unreadable documents stay findings on the account. */
export async function readAccountFiles(paths: string[]): Promise<Account> {
  const sources = [];
  for (const path of paths) sources.push(await readSource(path));
  const resolve = await catalogManagedPolicyResolver();
  const account = loadAccount(sources, { resolveManagedPolicy: resolve });
  throwFatal(account.findings, account.files);
  return account;
}

export async function readOrgFile(path: string): Promise<{ org: OrgPolicies; findings: Finding[] }> {
  const result = loadOrg(await readSource(path));
  throwFatal(result.findings);
  return result;
}

export async function readResourcePoliciesFile(path: string): Promise<{ resourcePolicies: ResourcePolicies; findings: Finding[] }> {
  const result = loadResourcePolicies(await readSource(path));
  throwFatal(result.findings);
  return result;
}
