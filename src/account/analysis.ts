// Account-wide questions: who can perform an action on a resource (`who-can`), and what one principal can do
// (`can`). Each policy is compiled once, however many principals carry it; the policies every principal shares
// (the resource's policy, SCPs, RCPs) are compiled once for all.
import type { Catalog } from '../catalog/index.js';
import { authorize, compilePolicySet, type CompiledGroup, type CompiledPolicySet, type CompiledStatement } from '../engine/index.js';
import type { PolicySet, Request, StatementRef } from '../engine/types.js';
import type { NormalizedPolicy } from '../policy/types.js';
import {
  identityPoliciesOf,
  isServiceLinkedRole,
  listPrincipals,
  permissionBoundaryOf,
  resourcePolicyFor,
  type Account,
  type OrgPolicies,
  type Principal,
  type ResourcePolicies,
  withPrincipalContext,
} from './model.js';

/** A statement that grants access, by policy name and Sid, and how the principal carries the policy. */
export interface GrantRef {
  policy: string;
  sid: string | null;
  statementIndex: number;
  policyType: StatementRef['policyType'];
  via: string;
  file: string;
  line: number;
}

export interface WhoCanEntry {
  arn: string;
  type: 'user' | 'role';
  name: string;
  /** The statements that allow it (identity and/or resource policy). */
  through: GrantRef[];
  /** The principal's policies that could not be read (left out of the decision): a Deny in one would take this away. */
  unreadable: string[];
}

export interface WhoCanResult {
  action: string;
  resource: string;
  principals: WhoCanEntry[];
  /** Principals denied here but with policies that could not be read: the answer for them is unknown. */
  unknown: Array<{ arn: string; policies: string[] }>;
  /** Principals evaluated. */
  evaluated: number;
}

export interface AnalysisOptions {
  org?: OrgPolicies;
  resourcePolicies?: ResourcePolicies;
  context?: Record<string, string | string[]>;
  resourceAccount?: string;
}

function viaMap(account: Account, principal: Principal, set: PolicySet): Map<NormalizedPolicy, string> {
  const via = new Map<NormalizedPolicy, string>();
  for (const p of identityPoliciesOf(account, principal).policies) via.set(p.policy, p.via);
  if (set.permissionBoundary) via.set(set.permissionBoundary, 'permissions boundary');
  if (set.resource) via.set(set.resource, set.resource.kind === 'trust' ? 'trust policy' : 'resource-based policy');
  return via;
}

function grantOf(ref: StatementRef, policies: Map<NormalizedPolicy, string>): GrantRef {
  let via = ref.policyType;
  for (const [policy, how] of policies) {
    if (policy.name === ref.policy && policy.file === ref.file && policy.span.start.offset <= ref.span.start.offset && ref.span.end.offset <= policy.span.end.offset) {
      via = how as typeof via;
      break;
    }
  }
  return { policy: ref.policy, sid: ref.sid ?? null, statementIndex: ref.statementIndex, policyType: ref.policyType, via, file: ref.file, line: ref.span.start.line };
}

/**
 * Compiled groups per policy, so that a managed policy attached to a thousand roles is compiled once. The
 * identity group of a principal is then the concatenation of its policies' groups.
 */
const compiledIdentity = new WeakMap<NormalizedPolicy, CompiledGroup>();
const compiledBoundary = new WeakMap<NormalizedPolicy, CompiledGroup>();

function identityGroupOf(policy: NormalizedPolicy): CompiledGroup {
  let group = compiledIdentity.get(policy);
  if (!group) compiledIdentity.set(policy, (group = compilePolicySet({ identity: [policy] }).identity));
  return group;
}

function boundaryGroupOf(policy: NormalizedPolicy): CompiledGroup {
  let group = compiledBoundary.get(policy);
  if (!group) compiledBoundary.set(policy, (group = compilePolicySet({ identity: [], permissionBoundary: policy }).permissionBoundary!));
  return group;
}

/**
 * One group from several compiled separately: statements in policy order, renumbered so that `ordinal` keeps
 * document order across the policies (the engine sorts determining statements by it).
 */
function mergeGroups(groups: CompiledGroup[], policyType: CompiledGroup['policyType']): CompiledGroup {
  if (groups.length === 1) return groups[0];
  // An empty group made by the engine, so that whatever per-group state it keeps starts out right.
  const out: CompiledGroup = { ...compilePolicySet({ identity: [] }).identity, policyType };
  let offset = 0;
  for (const group of groups) {
    const copies = new Map<CompiledStatement, CompiledStatement>();
    const renumber = (s: CompiledStatement) => {
      let copy = copies.get(s);
      if (!copy) copies.set(s, (copy = offset === 0 ? s : { ...s, ordinal: s.ordinal + offset }));
      return copy;
    };
    out.policies.push(...group.policies);
    for (const s of group.statements) out.statements.push(renumber(s));
    for (const [service, list] of group.byService) {
      let merged = out.byService.get(service);
      if (!merged) out.byService.set(service, (merged = []));
      for (const s of list) merged.push(renumber(s));
    }
    for (const s of group.anyService) out.anyService.push(renumber(s));
    offset += group.statements.length;
  }
  return out;
}

/** The policies of one principal, plus the shared parts already compiled, as one compiled set. */
function compileFor(account: Account, principal: Principal, shared: CompiledPolicySet, sharedSet: PolicySet): { compiled: CompiledPolicySet; set: PolicySet } {
  const set: PolicySet = { identity: identityPoliciesOf(account, principal).policies.map((p) => p.policy) };
  const boundary = permissionBoundaryOf(account, principal).policy;
  if (boundary) set.permissionBoundary = boundary;
  const serviceLinked = principal.type === 'role' && isServiceLinkedRole(principal.role);
  const full: PolicySet = { ...set, ...(sharedSet.resource ? { resource: sharedSet.resource } : {}), ...(sharedSet.scps && !serviceLinked ? { scps: sharedSet.scps } : {}), ...(sharedSet.rcps ? { rcps: sharedSet.rcps } : {}) };
  // INVARIANT: a CompiledPolicySet is one compiled group per policy type, and a group is its statements indexed
  // by service; groups compiled apart therefore combine by concatenation (see mergeGroups).
  const compiled: CompiledPolicySet = {
    ...shared,
    source: full,
    identity: set.identity.length ? mergeGroups(set.identity.map(identityGroupOf), 'identity') : shared.identity,
    permissionBoundary: boundary ? boundaryGroupOf(boundary) : null,
    session: null,
    scps: serviceLinked ? [] : shared.scps,
  };
  return { compiled, set: full };
}

/** The names of a principal's identity policies and permissions boundary that could not be read. */
function unreadableOf(account: Account, principal: Principal): string[] {
  const unreadable = identityPoliciesOf(account, principal).unreadable.map((u) => u.name);
  const boundary = permissionBoundaryOf(account, principal).unreadable;
  if (boundary) unreadable.push(boundary.name);
  return unreadable;
}

/**
 * Every user and role of the account that may perform `action` on `resource`, and through which statements.
 * A role is asked as itself (its sessions carry the same policies unless a session policy narrows them).
 */
export function whoCan(account: Account, action: string, resource: string, options: AnalysisOptions = {}): WhoCanResult {
  const sharedSet: PolicySet = { identity: [] };
  const resourcePolicy = resourcePolicyFor(account, resource, action, options.resourcePolicies).policy;
  if (resourcePolicy) sharedSet.resource = resourcePolicy;
  if (options.org?.scps.length) sharedSet.scps = options.org.scps;
  if (options.org?.rcps.length) sharedSet.rcps = options.org.rcps;
  const shared = compilePolicySet(sharedSet);
  const result: WhoCanResult = { action, resource, principals: [], unknown: [], evaluated: 0 };
  for (const principal of listPrincipals(account)) {
    const { compiled, set } = compileFor(account, principal, shared, sharedSet);
    const request: Request = { principal: principal.arn, action, resource };
    const context = withPrincipalContext(principal, options.context);
    if (context) request.context = context;
    if (options.resourceAccount) request.resourceAccount = options.resourceAccount;
    if (principal.type === 'role' && isServiceLinkedRole(principal.role)) request.principalIsServiceLinkedRole = true;
    const decision = authorize(request, compiled);
    result.evaluated++;
    const name = principal.type === 'user' ? principal.user.name : principal.role.name;
    if (decision.decision === 'allowed') {
      const via = viaMap(account, principal, set);
      result.principals.push({ arn: principal.arn, type: principal.type, name, through: decision.determining.map((ref) => grantOf(ref, via)), unreadable: unreadableOf(account, principal) });
    } else if (decision.decision === 'implicitDeny') {
      const unreadable = unreadableOf(account, principal);
      if (unreadable.length) result.unknown.push({ arn: principal.arn, policies: unreadable });
    }
  }
  return result;
}

/** One action a principal may perform, and on which resources (the Resource patterns of the granting statements). */
export interface EffectiveAction {
  action: string;
  resources: string[];
  /** Allowed only when the granting statement's conditions hold (not evaluated without a request context). */
  conditional: boolean;
}

export interface EffectivePermissions {
  principal: string;
  services: Array<{ service: string; actions: EffectiveAction[] }>;
  /** Policies of the principal that could not be read. */
  unreadable: string[];
}

/**
 * What a principal may do: every action its identity policies' Allow statements name (wildcards expanded from the
 * catalog), checked against all its policies (denies, boundary, SCPs) on each Resource pattern that grants it.
 */
export function effectivePermissions(account: Account, principal: Principal, catalog: Pick<Catalog, 'expandActionPattern' | 'services' | 'actions'>, options: AnalysisOptions = {}): EffectivePermissions {
  const shared = compilePolicySet({ identity: [], ...(options.org?.scps.length ? { scps: options.org.scps } : {}), ...(options.org?.rcps.length ? { rcps: options.org.rcps } : {}) });
  const sharedSet: PolicySet = { identity: [], ...(options.org?.scps.length ? { scps: options.org.scps } : {}), ...(options.org?.rcps.length ? { rcps: options.org.rcps } : {}) };
  const { compiled } = compileFor(account, principal, shared, sharedSet);
  const { policies, unreadable } = identityPoliciesOf(account, principal);
  // Candidate (action, resource pattern, conditional) triples from the Allow statements.
  const candidates = new Map<string, Map<string, boolean>>();
  let allActions: string[] | undefined;
  const add = (action: string, resources: string[], conditional: boolean) => {
    let byResource = candidates.get(action);
    if (!byResource) candidates.set(action, (byResource = new Map()));
    for (const r of resources) byResource.set(r, (byResource.get(r) ?? true) && conditional);
  };
  for (const { policy } of policies) {
    for (const s of policy.statements) {
      if (s.effect.value !== 'Allow') continue;
      const resources = s.resources ? s.resources.map((r) => r.value) : ['*'];
      const conditional = s.conditions.length > 0;
      if (s.actions) {
        for (const a of s.actions) for (const info of catalog.expandActionPattern(a.value)) add(info.id, resources, conditional);
      } else if (s.notActions) {
        allActions ??= catalog.services().flatMap((svc) => catalog.actions(svc).map((x) => x.id));
        for (const id of allActions) add(id, resources, conditional);
      }
    }
  }
  const context = withPrincipalContext(principal, options.context);
  const byService = new Map<string, EffectiveAction[]>();
  for (const [action, resources] of candidates) {
    const allowedOn: string[] = [];
    let conditional = false;
    for (const [resource, isConditional] of resources) {
      const request: Request = { principal: principal.arn, action, resource };
      if (context) request.context = context;
      if (authorize(request, compiled).decision === 'allowed') allowedOn.push(resource);
      else if (isConditional) {
        allowedOn.push(resource);
        conditional = true;
      }
    }
    if (allowedOn.length === 0) continue;
    const service = action.slice(0, action.indexOf(':'));
    let list = byService.get(service);
    if (!list) byService.set(service, (list = []));
    list.push({ action, resources: allowedOn.sort(), conditional });
  }
  const services = [...byService.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([service, actions]) => ({ service, actions: actions.sort((a, b) => (a.action < b.action ? -1 : 1)) }));
  const boundary = permissionBoundaryOf(account, principal).unreadable;
  return { principal: principal.arn, services, unreadable: [...unreadable.map((u) => u.name), ...(boundary ? [boundary.name] : [])] };
}
