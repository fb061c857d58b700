/**
 * `authorize`: one request against a policy set, decided the way AWS's policy evaluation logic decides it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
 */
import { getCatalog } from '../catalog/index.js';
import { serviceOf } from './action.js';
import { toArnSubject, type ArnSubject } from './arn.js';
import { compilePolicySet, isCompiledPolicySet, statementError, type CompiledGroup, type CompiledPolicySet, type CompiledStatement } from './compile.js';
import { evaluateCompiledCondition } from './conditions.js';
import type { ContextLookup } from './variables.js';
import { derivePrincipalContext, matchPrincipalValue, notPrincipalExcludes, parsePrincipal, type PrincipalGrant, type PrincipalInfo } from './principal.js';
import type { AuthorizeOptions, ContextValue, Decision, EvaluationError, PolicySet, PolicyType, Request, StatementRef } from './types.js';
import { explainDecision } from './explain-build.js';

/**
 * The request context as conditions see it: keys lower-cased, plus the keys AWS derives from the principal (supplied
 * values win). Built on the first lookup, so requests that meet no condition never pay for it.
 */
export class RequestContext implements ContextLookup {
  private suppliedLower: Map<string, ContextValue> | undefined;
  constructor(
    private readonly supplied: Record<string, ContextValue> | undefined,
    /** Derived keys, lower-cased (shared by every request of the same principal: never mutated). */
    private readonly derived: ReadonlyMap<string, string>,
  ) {}

  private get lowered(): Map<string, ContextValue> {
    if (this.suppliedLower) return this.suppliedLower;
    const map = new Map<string, ContextValue>();
    // Own keys only (for…in would also walk inherited enumerable properties).
    if (this.supplied) for (const key of Object.keys(this.supplied)) map.set(lowerKey(key), this.supplied[key]);
    return (this.suppliedLower = map);
  }

  get(keyLower: string): ContextValue | undefined {
    const value = this.lowered.get(keyLower);
    // Supplied values win over derived ones.
    return value !== undefined ? value : this.derived.get(keyLower);
  }

  /** Every key as evaluated: supplied ones, then the derived ones not supplied. */
  get map(): Map<string, ContextValue> {
    const all = new Map(this.lowered);
    for (const key of this.derivedKeys) all.set(key, this.derived.get(key)!);
    return all;
  }

  /** Keys filled in from the principal (lower-cased). */
  get derivedKeys(): string[] {
    const lowered = this.lowered;
    return [...this.derived.keys()].filter((k) => !lowered.has(k));
  }
}

interface PrincipalEntry {
  info: PrincipalInfo;
  /** Derived context keys for a non-service-linked and a service-linked caller. */
  derived: [ReadonlyMap<string, string>, ReadonlyMap<string, string>];
  /** Whether the ARN names a role under `/aws-service-role/` (when the request does not say). */
  serviceLinkedRole: boolean;
  /** Services, web-identity and SAML providers: only the resource-based policy (and RCPs) speak for them. */
  resourceOnly: boolean;
}

const principalCache = new Map<string, PrincipalEntry>();
// One-entry memo in front of the cache: consecutive requests often share their principal.
let lastPrincipal: string | undefined;
let lastEntry: PrincipalEntry | undefined;

function principalEntry(arn: string): PrincipalEntry {
  if (arn === lastPrincipal) return lastEntry!;
  let p = principalCache.get(arn);
  if (!p) {
    if (principalCache.size > 10_000) principalCache.clear();
    const info = parsePrincipal(arn);
    p = {
      info,
      derived: [new Map(Object.entries(derivePrincipalContext(info, false))), new Map(Object.entries(derivePrincipalContext(info, true)))],
      serviceLinkedRole: info.kind === 'role' && (info.path ?? '').startsWith('/aws-service-role/'),
      resourceOnly: info.kind === 'service' || info.kind === 'federated' || info.kind === 'canonical-user',
    };
    principalCache.set(arn, p);
  }
  lastPrincipal = arn;
  lastEntry = p;
  return p;
}

const keyCache = new Map<string, string>();
/** Context keys repeat across requests: lower-case each spelling once. */
function lowerKey(key: string): string {
  let lower = keyCache.get(key);
  if (lower === undefined) {
    if (keyCache.size > 10_000) keyCache.clear();
    lower = key.toLowerCase();
    keyCache.set(key, lower);
  }
  return lower;
}

/**
 * A request prepared once: parsed principal, resource ARN located on first use, and context, resource account and
 * lower-cased action derived lazily, so that a request no statement can match pays for none of them.
 */
export class PreparedRequest {
  readonly principal: PrincipalInfo;
  readonly resource: ArnSubject;
  readonly serviceLinkedRole: boolean;
  /** Services, web-identity and SAML providers: only the resource-based policy (and RCPs) speak for them. */
  readonly resourceOnly: boolean;
  private readonly entry: PrincipalEntry;
  private ctx: RequestContext | undefined;
  private lower: string | undefined;
  private prefix: string | undefined;
  /** 0 = resource account not derived yet, 1 = derived. */
  private accountState = 0;
  private account: string | undefined;

  constructor(
    readonly request: Request,
    /** The caller has a permissions boundary (a Deny with NotPrincipal then always applies to it). */
    readonly hasBoundary = false,
  ) {
    const entry = principalEntry(request.principal);
    this.entry = entry;
    this.principal = entry.info;
    this.serviceLinkedRole = request.principalIsServiceLinkedRole ?? entry.serviceLinkedRole;
    this.resource = toArnSubject(request.resource);
    this.resourceOnly = entry.resourceOnly;
  }

  /** The request context as conditions see it (built on first use). */
  get context(): RequestContext {
    return (this.ctx ??= new RequestContext(this.request.context, this.entry.derived[this.serviceLinkedRole ? 1 : 0]));
  }

  /** The resource's account: as supplied, else from the resource ARN, else the caller's. */
  get resourceAccount(): string | undefined {
    if (this.accountState === 0) {
      // INVARIANT: a resource whose account is unknown (S3 ARNs without --resource-account) is taken to be the caller's.
      this.account = this.request.resourceAccount ?? this.resource.account ?? this.principal.account;
      this.accountState = 1;
    }
    return this.account;
  }

  /** Whether the caller and the resource are in the same account (or the caller has no account). */
  get sameAccount(): boolean {
    const own = this.principal.account;
    if (!own) return true;
    if (this.accountState === 1) return this.account === own;
    const supplied = this.request.resourceAccount;
    if (supplied !== undefined && supplied !== null) return supplied === own;
    // INVARIANT: same answer as `resourceAccount === own`: an ARN without an account id falls back to the caller's.
    // `own` is a 12-digit id (parsePrincipal only gives an account for `\d{12}`).
    return this.resource.accountIs(own) !== false;
  }

  /** The action, lower-cased (actions match case-insensitively). */
  get actionLower(): string {
    return (this.lower ??= lowerKey(this.request.action));
  }

  /** The lower-cased service prefix of the action (`s3`). */
  get service(): string {
    return (this.prefix ??= serviceOf(this.actionLower));
  }
}

/** Prepares a request for evaluation (exported for explanations and tests). */
export function prepareRequest(request: Request, hasBoundary = false): PreparedRequest {
  return new PreparedRequest(request, hasBoundary);
}

export function actionMatches(s: CompiledStatement, req: PreparedRequest): boolean {
  let m = false;
  for (let i = 0; i < s.actions.length; i++) {
    if (s.actions[i].matcher.test(req.actionLower)) {
      m = true;
      break;
    }
  }
  return s.notAction ? !m : m;
}

export function resourceMatches(s: CompiledStatement, req: PreparedRequest): boolean {
  if (s.resources === null) return true;
  let m = false;
  for (let i = 0; i < s.resources.length; i++) {
    const pattern = s.resources[i];
    // The context is built only for patterns with policy variables.
    if ((pattern.hasVariables ? pattern.test(req.resource, req.context) : pattern.test(req.resource)) === true) {
      m = true;
      break;
    }
  }
  return s.notResource ? !m : m;
}

/** How the statement's Principal matched the caller (`principal` for statements without one); undefined = no match. */
export function principalMatches(s: CompiledStatement, req: PreparedRequest): PrincipalGrant | undefined {
  if (s.principals === null) return 'principal';
  if (s.notPrincipal) {
    // AWS: a Deny with NotPrincipal always denies an IAM principal that has a permissions boundary, whatever it lists.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
    if (!s.allow && req.hasBoundary) return 'everyone';
    return notPrincipalExcludes(s.principals, req.principal) ? undefined : 'everyone';
  }
  let best: PrincipalGrant | undefined;
  for (const value of s.principals) {
    const g = matchPrincipalValue(value, req.principal);
    if (g && (best === undefined || GRANT_RANK[g] > GRANT_RANK[best])) best = g;
  }
  // A `Principal: "*"` grant conditioned on aws:PrincipalArn names the caller itself.
  if (best === 'everyone' && s.conditionsOnPrincipalArn) return 'principal';
  return best;
}

const GRANT_RANK: Record<PrincipalGrant, number> = { account: 1, everyone: 2, role: 2, principal: 3 };

export function conditionsMatch(s: CompiledStatement, req: PreparedRequest): boolean {
  for (let i = 0; i < s.conditions.length; i++) {
    if (!evaluateCompiledCondition(s.conditions[i], req.context)) return false;
  }
  return true;
}


/** What one group (policy type / org level) says about a request. */
interface GroupOutcome {
  group: CompiledGroup;
  allows: CompiledStatement[] | null;
  /** Strongest principal grant among the allows (resource-side groups). */
  grant: PrincipalGrant | undefined;
  denies: CompiledStatement[] | null;
}

// INVARIANT: `s` comes from `candidates`, so its Action/NotAction already matches the request's action.
function evaluateStatement(s: CompiledStatement, req: PreparedRequest, out: GroupOutcome, errors: EvaluationError[]): void {
  if (s.error) {
    errors.push(statementError(s));
    return;
  }
  if (!resourceMatches(s, req)) return;
  const grant = principalMatches(s, req);
  if (grant === undefined || !conditionsMatch(s, req)) return;
  if (s.allow) {
    (out.allows ??= []).push(s);
    if (out.grant === undefined || GRANT_RANK[grant] > GRANT_RANK[out.grant]) out.grant = grant;
  } else {
    (out.denies ??= []).push(s);
  }
}

/**
 * The statements of a group whose Action/NotAction matches an action, in document order (plus broken statements
 * naming it, to be reported). Actions repeat across requests, so the list is cached per group.
 */
function candidates(group: CompiledGroup, req: PreparedRequest): CompiledStatement[] {
  // Keyed by the action as written: one lookup per request, no lower-casing on a hit.
  let list = group.actionCache.get(req.request.action);
  if (list) return list;
  list = [];
  for (const s of group.byService.get(req.service) ?? []) if (actionMatches(s, req)) list.push(s);
  for (const s of group.anyService) if ((s.error && s.actions.length === 0) || actionMatches(s, req)) list.push(s);
  list.sort(byOrdinal);
  if (group.actionCache.size >= 50_000) group.actionCache.clear();
  group.actionCache.set(req.request.action, list);
  return list;
}

function evaluateGroup(group: CompiledGroup, req: PreparedRequest, errors: EvaluationError[]): GroupOutcome {
  const out: GroupOutcome = { group, allows: null, grant: undefined, denies: null };
  const list = candidates(group, req);
  for (let i = 0; i < list.length; i++) evaluateStatement(list[i], req, out, errors);
  return out;
}

function byOrdinal(a: CompiledStatement, b: CompiledStatement): number {
  return a.ordinal - b.ordinal;
}

let defaultRcpServices: ReadonlySet<string> | undefined;
function rcpServices(options: AuthorizeOptions | undefined): ReadonlySet<string> {
  if (options?.rcpServices) return options.rcpServices;
  defaultRcpServices ??= new Set(getCatalog().rcpServices().map((s) => s.toLowerCase()));
  return defaultRcpServices;
}

/** Which groups take part in a request, and why some do not (for explanations). */
export interface Applicability {
  rcp: boolean;
  rcpReason?: string;
  scp: boolean;
  scpReason?: string;
  identity: boolean;
  identityReason?: string;
}

// Shared answer for the common case (no SCPs or RCPs, an IAM principal); callers only read it.
const IDENTITY_ONLY: Applicability = Object.freeze({ rcp: false, scp: false, identity: true });

export function applicability(set: CompiledPolicySet, req: PreparedRequest, options?: AuthorizeOptions): Applicability {
  if (set.rcps.length === 0 && set.scps.length === 0 && !req.resourceOnly && req.principal.kind !== 'root') return IDENTITY_ONLY;
  const a: Applicability = { rcp: set.rcps.length > 0, scp: set.scps.length > 0, identity: true };
  if (a.rcp && !rcpServices(options).has(req.service)) {
    a.rcp = false;
    a.rcpReason = `${req.service} does not support resource control policies`;
  } else if (a.rcp && req.request.resourceInManagementAccount) {
    a.rcp = false;
    a.rcpReason = 'RCPs do not apply to resources in the management account';
  } else if (a.rcp && req.serviceLinkedRole) {
    a.rcp = false;
    a.rcpReason = 'RCPs do not restrict service-linked roles';
  }
  if (a.scp && req.resourceOnly) {
    a.scp = false;
    a.scpReason = 'SCPs apply only to principals of member accounts';
  } else if (a.scp && req.serviceLinkedRole) {
    a.scp = false;
    a.scpReason = 'SCPs do not restrict service-linked roles';
  } else if (a.scp && req.request.principalInManagementAccount) {
    a.scp = false;
    a.scpReason = 'SCPs do not apply to the management account';
  }
  if (req.resourceOnly) {
    a.identity = false;
    a.identityReason = 'a service or federated principal has no identity-based policies; only the resource-based policy grants it access';
  } else if (req.principal.kind === 'root') {
    a.identity = false;
    a.identityReason = 'the root user has full access in its account; identity policies, boundaries and session policies do not apply to it';
  }
  return a;
}

function refs(list: CompiledStatement[] | null, into: StatementRef[]): void {
  if (list) for (const s of list) into.push(s.ref);
}

const NONE: GroupOutcome[] = [];
const hasDeny = (o: GroupOutcome): boolean => o.denies !== null;

interface Verdict {
  decision: Decision['decision'];
  blockedBy: PolicyType | null;
  level?: number;
  determining: StatementRef[];
  notes: string[] | null;
}

/** An implicit deny names no statements: `allowed` (the Allows collected so far, this call's own) is emptied and reused. */
function implicitDeny(policyType: PolicyType, level: number | undefined, notes: string[] | null, allowed: StatementRef[]): Verdict {
  if (allowed.length > 0) allowed.length = 0;
  return { decision: 'implicitDeny', blockedBy: policyType, level, determining: allowed, notes };
}

/** The decision from the groups' outcomes, in AWS's order. */
function decide(set: CompiledPolicySet, req: PreparedRequest, app: Applicability, errors: EvaluationError[], wantNotes: boolean): Verdict {
  const rcps = app.rcp && set.rcps.length > 0 ? set.rcps.map((g) => evaluateGroup(g, req, errors)) : NONE;
  const scps = app.scp && set.scps.length > 0 ? set.scps.map((g) => evaluateGroup(g, req, errors)) : NONE;
  const resource = set.resource ? evaluateGroup(set.resource, req, errors) : null;
  const identity = app.identity ? evaluateGroup(set.identity, req, errors) : null;
  const boundary = app.identity && set.permissionBoundary ? evaluateGroup(set.permissionBoundary, req, errors) : null;
  const session = app.identity && set.session ? evaluateGroup(set.session, req, errors) : null;
  const notes: string[] | null = wantNotes ? [] : null;

  // 1. An explicit Deny in any applicable policy wins.
  if (rcps.some(hasDeny) || scps.some(hasDeny) || resource?.denies || identity?.denies || boundary?.denies || session?.denies) {
    const denied: StatementRef[] = [];
    let deniedBy: GroupOutcome | undefined;
    for (const o of [...rcps, ...scps, resource, identity, boundary, session]) {
      if (!o?.denies) continue;
      deniedBy ??= o;
      refs(o.denies, denied);
    }
    return { decision: 'explicitDeny', blockedBy: deniedBy!.group.policyType, level: deniedBy!.group.level, determining: denied, notes };
  }

  const allowed: StatementRef[] = [];
  // 2. RCPs, then 3. SCPs: an Allow at every level, root first.
  for (const o of rcps) {
    if (!o.allows) return implicitDeny(o.group.policyType, o.group.level, notes, allowed);
    refs(o.allows, allowed);
  }
  for (const o of scps) {
    if (!o.allows) return implicitDeny(o.group.policyType, o.group.level, notes, allowed);
    refs(o.allows, allowed);
  }
  const resourceType: PolicyType = set.resource?.policyType ?? 'resource';
  const resourceGrant = resource?.allows ? resource.grant : undefined;
  const trust = resourceType === 'trust';
  // sts:AssumeRole* needs the role's trust policy to allow, whatever the identity policies say; so does a KMS key's
  // key policy (identity policies count only when the key policy delegates to the account).
  // https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
  const required = trust || (resource !== null && req.service === 'kms');
  if (required && !resourceGrant) return implicitDeny(resourceType, undefined, notes, allowed);

  if (req.resourceOnly) {
    if (!resourceGrant) return implicitDeny(resourceType, undefined, notes, allowed);
    refs(resource!.allows, allowed);
    return { decision: 'allowed', blockedBy: null, determining: allowed, notes };
  }

  if (req.sameAccount) {
    // A same-account grant naming the caller itself (user, role session, federated user, or `*` with aws:PrincipalArn)
    // is not limited by an implicit deny in identity policies, the permissions boundary or the session policy.
    if (resourceGrant === 'principal' && !trust) {
      refs(resource!.allows, allowed);
      notes?.push('a same-account resource-based policy grants this principal directly; identity policies, the boundary and session policies need not allow it');
      return { decision: 'allowed', blockedBy: null, determining: allowed, notes };
    }
    const resourceGrants = resourceGrant !== undefined && resourceGrant !== 'account';
    if (resourceGrants) refs(resource!.allows, allowed);
    if (req.principal.kind === 'root') {
      notes?.push('the root user is allowed unless an SCP, an RCP or an explicit Deny says otherwise');
      if (required && !resourceGrants) refs(resource!.allows, allowed);
      return { decision: 'allowed', blockedBy: null, determining: allowed, notes };
    }
    if (!identity!.allows && !resourceGrants) return implicitDeny('identity', undefined, notes, allowed);
    refs(identity!.allows, allowed);
    if (required && resourceGrant === 'account') refs(resource!.allows, allowed);
  } else {
    // Cross-account: the resource side and the identity side must both allow.
    if (!resourceGrant) return implicitDeny(resourceType, undefined, notes, allowed);
    refs(resource!.allows, allowed);
    if (req.principal.kind === 'root') return { decision: 'allowed', blockedBy: null, determining: allowed, notes };
    if (!identity!.allows) return implicitDeny('identity', undefined, notes, allowed);
    refs(identity!.allows, allowed);
  }
  if (boundary) {
    if (!boundary.allows) return implicitDeny('permissionBoundary', undefined, notes, allowed);
    refs(boundary.allows, allowed);
  }
  if (session) {
    if (!session.allows) return implicitDeny('session', undefined, notes, allowed);
    refs(session.allows, allowed);
  } else if (req.principal.kind === 'federated-user') {
    notes?.push('a GetFederationToken session without a session policy has no permissions except grants naming the federated user');
    return implicitDeny('session', undefined, notes, allowed);
  }
  return { decision: 'allowed', blockedBy: null, determining: allowed, notes };
}

/**
 * Decides one request: `allowed`, `explicitDeny` or `implicitDeny`, with the statements that decided it, what could
 * not be evaluated, and (with `{explain: true}`) the full explanation. Compile the set once with `compilePolicySet`
 * when asking many questions.
 */
export function authorize(request: Request, set: PolicySet | CompiledPolicySet, options?: AuthorizeOptions): Decision {
  const compiled = isCompiledPolicySet(set) ? set : compilePolicySet(set);
  const req = prepareRequest(request, compiled.permissionBoundary !== null);
  const errors: EvaluationError[] = [];
  if (req.principal.kind === 'unknown') {
    errors.push({ code: 'unknown-principal', message: `\`${request.principal}\` is not a principal AWS sends (an IAM user or role ARN, an assumed-role or federated-user session ARN, an account root ARN, or a service principal such as ec2.amazonaws.com); it has no account and matches only a Principal naming it exactly.` });
  }
  if (!request.action.includes(':')) {
    errors.push({ code: 'bad-action', message: `\`${request.action}\` is not an action of the form service:Action (e.g. s3:GetObject); only Action patterns without a colon can match it.` });
  }
  const app = applicability(compiled, req, options);
  const explain = options?.explain === true;
  const verdict = decide(compiled, req, app, errors, explain);
  const decision: Decision = { decision: verdict.decision, determining: verdict.determining, errors: dedupe(errors), blockedBy: verdict.blockedBy };
  if (explain) decision.explanation = explainDecision(compiled, req, app, decision, verdict.level, verdict.notes ?? []);
  return decision;
}

function dedupe(errors: EvaluationError[]): EvaluationError[] {
  if (errors.length < 2) return errors;
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
