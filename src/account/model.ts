// The account model: who exists in an AWS account and which policies each principal carries, as the
// `GetAccountAuthorizationDetails` API describes them, plus the organization's SCP/RCP levels and the resource
// policies that the IAM dump cannot contain. Pure data and lookups; loading lives in `load.ts`.
import type { Finding } from '../core/finding.js';
import type { PolicySet } from '../engine/types.js';
import type { NormalizedPolicy } from '../policy/types.js';

/** An inline policy embedded in a user, group or role. `policy` is undefined when its document could not be read. */
export interface InlinePolicy {
  name: string;
  policy?: NormalizedPolicy;
}

/** One version of a managed policy. Only the default version is in force. */
export interface ManagedPolicyVersion {
  versionId: string;
  isDefaultVersion: boolean;
  /** Undefined when the document could not be read (a Finding says why). */
  policy?: NormalizedPolicy;
}

/** A customer or AWS managed policy with all the versions the dump holds. */
export interface ManagedPolicy {
  arn: string;
  name: string;
  path: string;
  defaultVersionId?: string;
  versions: ManagedPolicyVersion[];
  /** `arn:aws:iam::aws:policy/...`. */
  awsManaged: boolean;
  /** Resolved from the bundled AWS managed-policy data because the dump only referenced it by ARN. */
  fromCatalog?: boolean;
}

export interface Group {
  name: string;
  arn: string;
  path: string;
  inlinePolicies: InlinePolicy[];
  managedPolicyArns: string[];
}

export interface User {
  name: string;
  arn: string;
  path: string;
  /** Group names, as `GroupList` gives them. */
  groups: string[];
  inlinePolicies: InlinePolicy[];
  managedPolicyArns: string[];
  permissionsBoundaryArn?: string;
  tags: Record<string, string>;
}

export interface InstanceProfile {
  name: string;
  arn: string;
}

export interface Role {
  name: string;
  arn: string;
  path: string;
  /** The role's trust policy (`AssumeRolePolicyDocument`); undefined when it could not be read. */
  trustPolicy?: NormalizedPolicy;
  inlinePolicies: InlinePolicy[];
  managedPolicyArns: string[];
  permissionsBoundaryArn?: string;
  instanceProfiles: InstanceProfile[];
  tags: Record<string, string>;
}

/** The organization's policies by level: `scps[0]` holds the root's SCPs, the last entry the account's. */
export interface OrgPolicies {
  scps: NormalizedPolicy[][];
  rcps: NormalizedPolicy[][];
}

/** Resource-based policies by resource ARN (bucket, key, queue, topic, repository, function, secret, …). */
export type ResourcePolicies = Map<string, NormalizedPolicy>;

/**
 * One account as the dump describes it. Entities are held in `Map`s keyed by ARN (groups by name, as
 * `GroupList` references them), so names such as `__proto__` or `constructor` are plain keys.
 */
export interface Account {
  users: Map<string, User>;
  groups: Map<string, Group>;
  roles: Map<string, Role>;
  managedPolicies: Map<string, ManagedPolicy>;
  /** Problems found while loading (unreadable documents, unknown managed policies, …); each with its location. */
  findings: Finding[];
  /** The files (or `<live>`) the account was loaded from. */
  files: string[];
}

/** An empty account, for loaders to fill. */
export function createAccount(): Account {
  return { users: new Map(), groups: new Map(), roles: new Map(), managedPolicies: new Map(), findings: [], files: [] };
}

/** A principal of the account: a user, or a role (possibly through one of its sessions). */
export type Principal =
  | { type: 'user'; arn: string; user: User }
  | { type: 'role'; arn: string; role: Role; /** For `arn:aws:sts::ACCT:assumed-role/ROLE/SESSION`. */ sessionName?: string };

/** A policy a principal carries, and how it gets it (for "through which policy" answers). */
export interface AttachedPolicy {
  policy: NormalizedPolicy;
  /** `inline`, `managed`, `group <name> inline`, `group <name> managed`. */
  via: string;
  /** The managed policy's ARN, when managed. */
  arn?: string;
}

/** A policy that applies to a principal but could not be read or resolved: its permissions are unknown. */
export interface UnreadablePolicy {
  name: string;
  via: string;
}

const ASSUMED_ROLE = /^arn:([\w-]+):sts::(\d{12}|[^:]*):assumed-role\/([^/]+)\/(.+)$/;

/** The account ID of an IAM or STS ARN, if it has one. */
export function accountOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && parts[4] !== '' ? parts[4] : undefined;
}

/**
 * The user or role an ARN names: a user or role ARN (with its path), or an assumed-role session ARN
 * (`arn:aws:sts::ACCT:assumed-role/ROLE/SESSION`, which carries the role's name but not its path).
 */
export function findPrincipal(account: Account, arn: string): Principal | undefined {
  const user = account.users.get(arn);
  if (user) return { type: 'user', arn, user };
  const role = account.roles.get(arn);
  if (role) return { type: 'role', arn, role };
  const session = ASSUMED_ROLE.exec(arn);
  if (session) {
    const [, , accountId, roleName, sessionName] = session;
    for (const candidate of account.roles.values()) {
      // INVARIANT: role names are unique within an account whatever their path, so name + account finds one role.
      if (candidate.name === roleName && accountOfArn(candidate.arn) === accountId) {
        return { type: 'role', arn, role: candidate, sessionName };
      }
    }
  }
  return undefined;
}

/** Every user and role of the account, users first, each in the dump's order. */
export function listPrincipals(account: Account): Principal[] {
  const out: Principal[] = [];
  for (const user of account.users.values()) out.push({ type: 'user', arn: user.arn, user });
  for (const role of account.roles.values()) out.push({ type: 'role', arn: role.arn, role });
  return out;
}

/** The document in force of a managed policy: its default version. */
export function defaultVersionOf(policy: ManagedPolicy): ManagedPolicyVersion | undefined {
  return policy.versions.find((v) => v.isDefaultVersion) ?? policy.versions.find((v) => v.versionId === policy.defaultVersionId);
}

function managedPolicyName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/**
 * The identity-based policies of a principal: its inline and attached managed policies (default version) and,
 * for a user, every group's inline and managed policies. Policies that could not be read are returned apart.
 */
export function identityPoliciesOf(account: Account, principal: Principal): { policies: AttachedPolicy[]; unreadable: UnreadablePolicy[] } {
  const policies: AttachedPolicy[] = [];
  const unreadable: UnreadablePolicy[] = [];
  const addInline = (inline: InlinePolicy[], via: string) => {
    for (const p of inline) {
      if (p.policy) policies.push({ policy: p.policy, via });
      else unreadable.push({ name: p.name, via });
    }
  };
  const addManaged = (arns: string[], via: string) => {
    for (const arn of arns) {
      const managed = account.managedPolicies.get(arn);
      const version = managed && defaultVersionOf(managed);
      if (version?.policy) policies.push({ policy: version.policy, via, arn });
      else unreadable.push({ name: managed?.name ?? managedPolicyName(arn), via });
    }
  };
  const entity = principal.type === 'user' ? principal.user : principal.role;
  addInline(entity.inlinePolicies, 'inline');
  addManaged(entity.managedPolicyArns, 'managed');
  if (principal.type === 'user') {
    for (const groupName of principal.user.groups) {
      const group = account.groups.get(groupName);
      if (!group) {
        unreadable.push({ name: `group ${groupName}`, via: 'group (not in the account files)' });
        continue;
      }
      addInline(group.inlinePolicies, `group ${groupName} inline`);
      addManaged(group.managedPolicyArns, `group ${groupName} managed`);
    }
  }
  return { policies, unreadable };
}

const boundaryCopies = new WeakMap<NormalizedPolicy, NormalizedPolicy>();

/** A managed policy's document used as a permissions boundary (same statements, kind `boundary`). */
function asBoundary(policy: NormalizedPolicy): NormalizedPolicy {
  let copy = boundaryCopies.get(policy);
  if (!copy) {
    copy = { ...policy, kind: 'boundary' };
    boundaryCopies.set(policy, copy);
  }
  return copy;
}

/** The principal's permissions boundary, when it has one; `unreadable` when it has one that could not be read. */
export function permissionBoundaryOf(account: Account, principal: Principal): { policy?: NormalizedPolicy; unreadable?: UnreadablePolicy } {
  const arn = principal.type === 'user' ? principal.user.permissionsBoundaryArn : principal.role.permissionsBoundaryArn;
  if (!arn) return {};
  const managed = account.managedPolicies.get(arn);
  const version = managed && defaultVersionOf(managed);
  if (!version?.policy) return { unreadable: { name: managed?.name ?? managedPolicyName(arn), via: 'permissions boundary' } };
  return { policy: asBoundary(version.policy) };
}

const TRUST_ACTIONS = /^sts:(AssumeRole|AssumeRoleWithSAML|AssumeRoleWithWebIdentity|TagSession|SetSourceIdentity|SetContext)$/i;

/** Whether `action` is authorized by the trust policy of the role it targets (`sts:AssumeRole*` and companions). */
export function isTrustAction(action: string): boolean {
  return TRUST_ACTIONS.test(action);
}

/** `arn:aws:s3:::bucket/key` → `arn:aws:s3:::bucket`; other ARNs unchanged. */
export function governingResourceArn(resourceArn: string): string {
  const s3 = /^(arn:[\w-]+:s3:::[^/]+)\/.+$/.exec(resourceArn);
  return s3 ? s3[1] : resourceArn;
}

export interface ResourcePolicyLookup {
  policy?: NormalizedPolicy;
  /** Where it came from: the resource-policies file, or the role's trust policy in the dump. */
  from?: 'resource-policies' | 'trust';
  /** The ARN the policy was looked up under (the bucket for an S3 object). */
  arn: string;
}

/**
 * The resource-based policy that governs `resourceArn` for `action`: the role's trust policy for
 * `sts:AssumeRole*` on a role of the account, else the policy given for the resource, or for an S3 object its
 * bucket's policy.
 */
export function resourcePolicyFor(account: Account, resourceArn: string, action: string | undefined, resourcePolicies?: ResourcePolicies): ResourcePolicyLookup {
  if (action === undefined || isTrustAction(action)) {
    const role = account.roles.get(resourceArn);
    if (role) return { policy: role.trustPolicy, from: 'trust', arn: resourceArn };
  }
  const exact = resourcePolicies?.get(resourceArn);
  if (exact) return { policy: exact, from: 'resource-policies', arn: resourceArn };
  const governing = governingResourceArn(resourceArn);
  const parent = resourcePolicies?.get(governing);
  if (parent) return { policy: parent, from: 'resource-policies', arn: governing };
  return { arn: governing };
}

export interface PolicySetOptions {
  /** The action of the request: decides whether a role's trust policy is the resource policy (`sts:AssumeRole*`). */
  action?: string;
  resourcePolicies?: ResourcePolicies;
  org?: OrgPolicies;
  sessionPolicy?: NormalizedPolicy;
}

/** A role AWS creates for a service; SCPs do not restrict service-linked roles. */
export function isServiceLinkedRole(role: Role): boolean {
  return role.path.startsWith('/aws-service-role/');
}

/**
 * The policies that apply when `principalArn` acts on `resourceArn`: its identity policies (with its groups'),
 * its permissions boundary, the session policy, the resource's policy (an S3 object's bucket policy; a role's
 * trust policy for `sts:AssumeRole*`), and the organization's SCP/RCP levels. A principal not in the account gets
 * no identity policies.
 */
export function policySetFor(account: Account, principalArn: string, resourceArn: string, options: PolicySetOptions = {}): PolicySet {
  const principal = findPrincipal(account, principalArn);
  const set: PolicySet = { identity: [] };
  if (principal) {
    set.identity = identityPoliciesOf(account, principal).policies.map((p) => p.policy);
    const boundary = permissionBoundaryOf(account, principal).policy;
    if (boundary) set.permissionBoundary = boundary;
  }
  const resource = resourcePolicyFor(account, resourceArn, options.action, options.resourcePolicies).policy;
  if (resource) set.resource = resource;
  if (options.sessionPolicy) set.session = options.sessionPolicy;
  const serviceLinked = principal?.type === 'role' && isServiceLinkedRole(principal.role);
  if (options.org && options.org.scps.length && !serviceLinked) set.scps = options.org.scps;
  if (options.org && options.org.rcps.length) set.rcps = options.org.rcps;
  return set;
}

/**
 * The request-context keys the dump tells about a principal: its IAM tags as `aws:PrincipalTag/<key>` (a role's tags
 * for its sessions too). Values the caller supplies win (`withPrincipalContext`).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principaltag
 */
export function principalContext(principal: Principal): Record<string, string> {
  const tags = principal.type === 'user' ? principal.user.tags : principal.role.tags;
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key of Object.keys(tags)) out[`aws:PrincipalTag/${key}`] = tags[key];
  return out;
}

/** `context` with the principal's tags added where the caller gave no value for the key (keys compared case-insensitively). */
export function withPrincipalContext(principal: Principal, context: Record<string, string | string[]> | undefined): Record<string, string | string[]> | undefined {
  const derived = principalContext(principal);
  const keys = Object.keys(derived);
  if (!keys.length) return context;
  const given = new Set(Object.keys(context ?? {}).map((k) => k.toLowerCase()));
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const key of keys) if (!given.has(key.toLowerCase())) out[key] = derived[key];
  for (const key of Object.keys(context ?? {})) out[key] = context![key];
  return out;
}
