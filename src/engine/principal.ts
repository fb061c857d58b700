/**
 * The caller, as AWS sees it: what kind of principal an ARN names, the request-context keys AWS derives from it,
 * and how `Principal`/`NotPrincipal` values match it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principal-properties
 */
import type { PrincipalValue } from '../policy/types.js';

export type PrincipalKind = 'root' | 'user' | 'role' | 'assumed-role' | 'federated-user' | 'service' | 'federated' | 'canonical-user' | 'unknown';

/** A request's principal, taken apart. */
export interface PrincipalInfo {
  /** As given. */
  arn: string;
  kind: PrincipalKind;
  partition?: string;
  account?: string;
  /** User name, role name, or federated-user name. */
  name?: string;
  /** For a user or role: the path (`/` when none). */
  path?: string;
  /** For an assumed-role session: the session name. */
  sessionName?: string;
  /** For an assumed-role session: the role's ARN without its path (the session ARN does not carry it). */
  roleArn?: string;
}

/** Takes a principal ARN (or service principal name) apart. */
export function parsePrincipal(principal: string): PrincipalInfo {
  if (!principal.startsWith('arn:')) {
    if (/\.amazonaws\.com(\.cn)?$/i.test(principal) || /^[a-z0-9-]+\.[a-z0-9.-]+$/i.test(principal)) return { arn: principal, kind: 'service' };
    if (/^[0-9a-f]{64}$/i.test(principal)) return { arn: principal, kind: 'canonical-user' };
    return { arn: principal, kind: 'unknown' };
  }
  const m = /^arn:([^:]+):(iam|sts)::(\d{12}):(.*)$/.exec(principal);
  if (!m) return { arn: principal, kind: 'unknown' };
  const [, partition, service, account, resource] = m;
  const base = { arn: principal, partition, account };
  if (service === 'iam' && resource === 'root') return { ...base, kind: 'root' };
  if (service === 'iam' && (resource.startsWith('user/') || resource.startsWith('role/'))) {
    const slash = resource.lastIndexOf('/');
    const first = resource.indexOf('/');
    const kind = resource.startsWith('user/') ? 'user' : 'role';
    return { ...base, kind, name: resource.slice(slash + 1), path: resource.slice(first, slash + 1) };
  }
  if (service === 'iam' && (resource.startsWith('oidc-provider/') || resource.startsWith('saml-provider/'))) return { ...base, kind: 'federated' };
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const rest = resource.slice('assumed-role/'.length);
    const slash = rest.indexOf('/');
    if (slash < 0) return { ...base, kind: 'unknown' };
    const name = rest.slice(0, slash);
    return { ...base, kind: 'assumed-role', name, sessionName: rest.slice(slash + 1), roleArn: `arn:${partition}:iam::${account}:role/${name}` };
  }
  if (service === 'sts' && resource.startsWith('federated-user/')) return { ...base, kind: 'federated-user', name: resource.slice('federated-user/'.length) };
  return { ...base, kind: 'unknown' };
}

/**
 * AWS's spelling of the derived keys (lookups use the lower-cased form). Null-prototype, so `key in` and `[key]` see
 * only these keys, never Object.prototype members such as `constructor` (keys come from policies and requests).
 */
export const DERIVED_KEY_NAMES: Readonly<Record<string, string>> = Object.freeze(Object.assign(Object.create(null) as Record<string, string>, {
  'aws:principalaccount': 'aws:PrincipalAccount',
  'aws:principalarn': 'aws:PrincipalArn',
  'aws:principaltype': 'aws:PrincipalType',
  'aws:principalisawsservice': 'aws:PrincipalIsAWSService',
  'aws:principalservicename': 'aws:PrincipalServiceName',
  'aws:username': 'aws:username',
  'aws:userid': 'aws:userid',
}));

/**
 * The request-context keys AWS derives from the principal, lower-cased. Only keys that can be derived from the ARN
 * alone (`aws:userid` for users and roles needs their unique id, which the ARN does not carry).
 */
export function derivePrincipalContext(p: PrincipalInfo, isServiceLinkedRole: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.kind === 'service') {
    out['aws:principalservicename'] = p.arn;
    out['aws:principalisawsservice'] = 'true';
    return out;
  }
  if (p.account) {
    out['aws:principalaccount'] = p.account;
    out['aws:principalisawsservice'] = 'false';
  }
  switch (p.kind) {
    case 'root':
      out['aws:principalarn'] = p.arn;
      out['aws:principaltype'] = 'Account';
      out['aws:userid'] = p.account!;
      break;
    case 'user':
      out['aws:principalarn'] = p.arn;
      out['aws:principaltype'] = 'User';
      out['aws:username'] = p.name!;
      break;
    case 'role':
      out['aws:principalarn'] = p.arn;
      out['aws:principaltype'] = 'AssumedRole';
      break;
    case 'assumed-role':
      out['aws:principalarn'] = p.roleArn!;
      out['aws:principaltype'] = 'AssumedRole';
      break;
    case 'federated-user':
      out['aws:principalarn'] = p.arn;
      out['aws:principaltype'] = 'FederatedUser';
      out['aws:userid'] = `${p.account}:${p.name}`;
      break;
    default:
      break;
  }
  if (isServiceLinkedRole) out['aws:principalisawsservice'] = 'false';
  return out;
}

/**
 * How a resource-policy principal matched: `account` names the caller's account (a delegation to the account's own
 * policies), `role` names the role of a role session (its grant is still limited by the caller's boundary and
 * session policy), `principal` names the caller itself (user, session, federated user, service) or `*`.
 */
export type PrincipalGrant = 'account' | 'role' | 'principal' | 'everyone';

const ACCOUNT_ID = /^\d{12}$/;
/** An `AWS` principal value from a policy, taken apart once: an account id (`account`) or a principal ARN. */
interface PolicyPrincipal {
  account: boolean;
  target: PrincipalInfo | undefined;
}
const policyPrincipalCache = new Map<string, PolicyPrincipal>();

/** Policy principal values repeat across requests: parse each once. */
function policyPrincipal(v: string): PolicyPrincipal {
  let entry = policyPrincipalCache.get(v);
  if (!entry) {
    if (policyPrincipalCache.size > 10_000) policyPrincipalCache.clear();
    const account = ACCOUNT_ID.test(v);
    entry = { account, target: account ? undefined : parsePrincipal(v) };
    policyPrincipalCache.set(v, entry);
  }
  return entry;
}

/** Whether one `Principal` value matches the caller, and how; undefined when it does not. */
export function matchPrincipalValue(value: PrincipalValue, p: PrincipalInfo): PrincipalGrant | undefined {
  const v = value.value;
  if (value.type === '*') return v === '*' ? 'everyone' : undefined;
  if (value.type === 'AWS') {
    if (v === '*') return 'everyone';
    const parsed = policyPrincipal(v);
    if (parsed.account) return p.account === v && p.kind !== 'service' ? 'account' : undefined;
    // INVARIANT: cached PrincipalInfo objects are shared; nothing here mutates them.
    const target = parsed.target!;
    if (target.kind === 'root') return p.account === target.account && p.partition === target.partition ? 'account' : undefined;
    if (target.kind === 'role') {
      if (p.kind === 'role') return p.arn === v ? 'role' : undefined;
      if (p.kind === 'assumed-role') return p.account === target.account && p.partition === target.partition && p.name === target.name ? 'role' : undefined;
      return undefined;
    }
    return v === p.arn ? 'principal' : undefined;
  }
  if (value.type === 'Service') return p.kind === 'service' && v.toLowerCase() === p.arn.toLowerCase() ? 'principal' : undefined;
  // Federated and CanonicalUser: the caller names the identity provider or canonical id itself.
  return v === p.arn ? 'principal' : undefined;
}

/**
 * Whether `NotPrincipal` excludes the caller. AWS checks the account first, then the user or role, then the role
 * session: a user is excluded only when its account is listed too, a role session when its account and its role (or
 * the session itself) are listed.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
export function notPrincipalExcludes(values: PrincipalValue[], p: PrincipalInfo): boolean {
  let self = false;
  let account = false;
  let role = false;
  for (const value of values) {
    const v = value.value;
    if (value.type === '*' || (value.type === 'AWS' && v === '*')) return true;
    if (value.type === 'Service') {
      if (p.kind === 'service' && v.toLowerCase() === p.arn.toLowerCase()) return true;
      continue;
    }
    if (value.type === 'AWS' && (v === p.account || (p.account && v === `arn:${p.partition}:iam::${p.account}:root`))) account = true;
    if (v === p.arn) self = true;
    if (p.kind === 'assumed-role' && value.type === 'AWS') {
      const target = policyPrincipal(v).target;
      if (!target) continue;
      if (target.kind === 'role' && target.account === p.account && target.name === p.name) role = true;
    }
  }
  switch (p.kind) {
    case 'root':
      return account || self;
    case 'user':
    case 'federated-user':
    case 'role':
      return account && self;
    case 'assumed-role':
      return account && (role || self);
    default:
      return self;
  }
}
