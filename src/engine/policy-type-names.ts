import type { PolicyType } from './types.js';

/** Each policy type in the words AWS's AccessDenied messages and evaluation-logic pages use. */
export const POLICY_TYPE_NAMES: Readonly<Record<PolicyType, string>> = {
  rcp: 'resource control policy',
  scp: 'service control policy',
  resource: 'resource-based policy',
  trust: 'role trust policy',
  identity: 'identity-based policy',
  permissionBoundary: 'permissions boundary',
  session: 'session policy',
};

/** `service control policy (level 1)` etc. */
export function describePolicyType(policyType: PolicyType, level?: number): string {
  return level === undefined ? POLICY_TYPE_NAMES[policyType] : `${POLICY_TYPE_NAMES[policyType]} (level ${level})`;
}
