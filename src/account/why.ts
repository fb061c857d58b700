// "Why was this denied?": one request against the account model, answered in the words of the error the user
// saw: the decision, which policy type blocked, the determining or closest statements, the smallest fix as a
// policy snippet, and what the account files cannot see.
import { POLICY_TYPE_NAMES } from '../engine/policy-type-names.js';
import { authorize } from '../engine/index.js';
import type { Explanation, StatementExplanation, SuggestedFix } from '../engine/explain.js';
import type { DecisionValue, EvaluationError, PolicyType, Request, StatementRef } from '../engine/types.js';
import type { NormalizedPolicy, Statement } from '../policy/types.js';
import type { DeniedMessage, MessagePolicyType } from './message.js';
import {
  findPrincipal,
  identityPoliciesOf,
  isServiceLinkedRole,
  isTrustAction,
  permissionBoundaryOf,
  policySetFor,
  resourcePolicyFor,
  type Account,
  type OrgPolicies,
  type Principal,
  type ResourcePolicies,
  withPrincipalContext,
} from './model.js';

/** A statement in the answer: policy name and Sid (AWS's words), where it is written, and how the principal has it. */
export interface StatementOut {
  policy: string;
  sid: string | null;
  statementIndex: number;
  policyType: PolicyType;
  level?: number;
  file: string;
  line: number;
  column: number;
  /** How the principal carries the policy: `inline`, `managed`, `group analysts inline`, … */
  via?: string;
  effect?: 'Allow' | 'Deny';
  /** For closest statements: what did not match (`Resource arn:aws:s3:::x/* does not match …`). */
  failing?: string[];
}

/** The smallest change that would allow the request, with the statement to paste. */
export interface FixOut {
  kind: SuggestedFix['kind'];
  policyType: PolicyType;
  level?: number;
  message: string;
  /** The policy to edit (name), when the fix changes an existing statement. */
  policy?: string;
  sid?: string | null;
  via?: string;
  /** The statement after the change (or the new statement), ready to paste; null when no edit can express it. */
  snippet: Record<string, unknown> | null;
}

export type UnknownKind = 'resourcePolicy' | 'scp' | 'rcp' | 'sessionPolicy' | 'conditionValue' | 'unreadablePolicy' | 'vpcEndpointPolicy' | 'assumedValue';

/** Something the account files cannot show, which could change the answer. */
export interface Unknown {
  kind: UnknownKind;
  message: string;
}

/** The answer of `iamcheck why`; `--format json` prints it as is. */
export interface WhyAnswer {
  request: Request;
  principal: { arn: string; type: 'user' | 'role'; name: string; sessionName?: string };
  decision: DecisionValue;
  blockedBy: PolicyType | null;
  /** For SCP/RCP blocks: the organization level, 0 = root. */
  blockedLevel?: number;
  determining: StatementOut[];
  closest: StatementOut[];
  fix: FixOut | null;
  unknowns: Unknown[];
  /** What AWS's message said, when one was given. */
  message?: { decision?: 'explicitDeny' | 'implicitDeny'; policyType?: MessagePolicyType; policyArn?: string };
  /** Whether the local answer agrees with the message (null when there was no message or it said nothing). */
  agreesWithMessage: boolean | null;
  /** One-line summary of the disagreement, when there is one. */
  disagreement?: string;
  notes: string[];
  errors: EvaluationError[];
}

export interface WhyOptions {
  org?: OrgPolicies;
  resourcePolicies?: ResourcePolicies;
  sessionPolicy?: NormalizedPolicy;
  message?: DeniedMessage;
  /** Context keys iamcheck filled in itself (e.g. `aws:RequestedRegion` from the resource ARN). */
  assumedContext?: string[];
}

function refOut(ref: StatementRef, attached: Map<NormalizedPolicy, string>, policies: NormalizedPolicy[]): StatementOut {
  const out: StatementOut = {
    policy: ref.policy, sid: ref.sid ?? null, statementIndex: ref.statementIndex, policyType: ref.policyType,
    file: ref.file, line: ref.span.start.line, column: ref.span.start.column,
  };
  if (ref.level !== undefined) out.level = ref.level;
  const policy = policyOfRef(ref, policies);
  const via = policy && attached.get(policy);
  if (via) out.via = via;
  return out;
}

/** The policy a statement reference points into: same name and file, statement span inside the policy's span. */
function policyOfRef(ref: StatementRef, policies: NormalizedPolicy[]): NormalizedPolicy | undefined {
  return policies.find((p) => p.name === ref.policy && p.file === ref.file && p.span.start.offset <= ref.span.start.offset && ref.span.end.offset <= p.span.end.offset);
}

function statementOf(ref: StatementRef, policies: NormalizedPolicy[]): Statement | undefined {
  return policyOfRef(ref, policies)?.statements.find((s) => s.index === ref.statementIndex);
}

/** A normalized statement back as policy JSON (the shape a user pastes). */
export function statementToJson(s: Statement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const list = (values: { value: string }[]) => (values.length === 1 ? values[0].value : values.map((v) => v.value));
  if (s.sid) out.Sid = s.sid.value;
  out.Effect = s.effect.value;
  const principals = (values: { type: string; value: string }[]) => {
    if (values.length === 1 && values[0].type === '*') return '*';
    // Maps, then fromEntries: principal types and condition operators come from the policy (`__proto__` included).
    const byType = new Map<string, string[]>();
    for (const p of values) byType.set(p.type, [...(byType.get(p.type) ?? []), p.value]);
    return Object.fromEntries([...byType].map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
  };
  if (s.principals) out.Principal = principals(s.principals);
  if (s.notPrincipals) out.NotPrincipal = principals(s.notPrincipals);
  if (s.actions) out.Action = list(s.actions);
  if (s.notActions) out.NotAction = list(s.notActions);
  if (s.resources) out.Resource = list(s.resources);
  if (s.notResources) out.NotResource = list(s.notResources);
  if (s.conditions.length) {
    const byOperator = new Map<string, Map<string, string | string[]>>();
    for (const c of s.conditions) {
      const keys = byOperator.get(c.operator.value) ?? new Map<string, string | string[]>();
      byOperator.set(c.operator.value, keys.set(c.key.value, list(c.values)));
    }
    out.Condition = Object.fromEntries([...byOperator].map(([operator, keys]) => [operator, Object.fromEntries(keys)]));
  }
  return out;
}

function appendTo(statement: Record<string, unknown>, key: string, value: string): void {
  const prior = statement[key];
  const values = prior === undefined ? [] : Array.isArray(prior) ? (prior as string[]) : [prior as string];
  statement[key] = values.includes(value) ? values : [...values, value];
}

/** The role ARN of an assumed-role session ARN (trust policies name roles, not sessions). */
function roleArnOf(principal: Principal): string {
  return principal.type === 'role' ? principal.role.arn : principal.user.arn;
}

function buildFix(fix: SuggestedFix, request: Request, principal: Principal, attached: Map<NormalizedPolicy, string>, policies: NormalizedPolicy[]): FixOut {
  const out: FixOut = { kind: fix.kind, policyType: fix.policyType, message: fix.message, snippet: null };
  if (fix.level !== undefined) out.level = fix.level;
  const statement = fix.statement && statementOf(fix.statement, policies);
  if (fix.statement) {
    out.policy = fix.statement.policy;
    out.sid = fix.statement.sid ?? null;
    const policy = policyOfRef(fix.statement, policies);
    const via = policy && attached.get(policy);
    if (via) out.via = via;
  }
  const edited = statement ? statementToJson(statement) : undefined;
  switch (fix.kind) {
    case 'addAction':
      if (edited && statement?.actions) appendTo(edited, 'Action', fix.value ?? request.action);
      out.snippet = edited ?? null;
      break;
    case 'addResource':
      if (edited && statement?.resources) appendTo(edited, 'Resource', fix.value ?? request.resource);
      out.snippet = edited ?? null;
      break;
    case 'addPrincipal': {
      if (edited) {
        const value = fix.value ?? roleArnOf(principal);
        const p = edited.Principal;
        if (p === '*' || p === undefined) edited.Principal = { AWS: value };
        else appendTo(p as Record<string, unknown>, 'AWS', value);
      }
      out.snippet = edited ?? null;
      break;
    }
    case 'satisfyCondition':
    case 'removeDeny':
      out.snippet = edited ?? null;
      break;
    case 'addStatement':
      out.snippet = newStatement(fix.policyType, request, principal);
      break;
  }
  return out;
}

/** The new statement that allows the request in a policy of the given type. */
function newStatement(policyType: PolicyType, request: Request, principal: Principal): Record<string, unknown> {
  const sid = `Allow${request.action.replace(/[^A-Za-z0-9]/g, '')}`;
  if (policyType === 'trust') return { Sid: sid, Effect: 'Allow', Principal: { AWS: roleArnOf(principal) }, Action: request.action };
  if (policyType === 'resource' || policyType === 'rcp') {
    return { Sid: sid, Effect: 'Allow', Principal: { AWS: roleArnOf(principal) }, Action: request.action, Resource: request.resource };
  }
  return { Sid: sid, Effect: 'Allow', Action: request.action, Resource: request.resource };
}

/**
 * Among equally close Allow statements, those whose Action already matches come first: widening a statement's
 * Resource keeps its intent, while adding an action to a statement written for other actions (often on `*`)
 * grants more than asked.
 */
function rankClosest(closest: StatementExplanation[]): StatementExplanation[] {
  return [...closest].sort((a, b) => Number(b.action.matched) - Number(a.action.matched));
}

function fixForStatement(s: StatementExplanation, request: Request): SuggestedFix {
  const base = { statement: s.ref, policyType: s.ref.policyType, ...(s.ref.level !== undefined ? { level: s.ref.level } : {}) };
  const name = s.ref.sid ? `"${s.ref.sid}"` : `#${s.ref.statementIndex + 1}`;
  if (s.resource && !s.resource.matched && s.resource.element === 'Resource') {
    return { ...base, kind: 'addResource', value: request.resource, message: `add ${request.resource} to Resource of ${name}` };
  }
  if (!s.action.matched && s.action.element === 'Action') {
    return { ...base, kind: 'addAction', value: request.action, message: `add ${request.action} to Action of ${name}` };
  }
  const failing = s.conditions.find((c) => !c.result);
  return { ...base, kind: 'satisfyCondition', ...(failing ? { value: failing.key } : {}), message: failing ? `satisfy ${failing.operator} ${failing.key} in ${name}` : `change ${name} to apply to this request` };
}

/** What did not match in a closest statement, in a few words per part. */
function failingParts(s: StatementExplanation): string[] {
  const out: string[] = [];
  const element = (e: { element: string; requestValue: string; patterns: string[]; matched: boolean } | undefined) => {
    if (e && !e.matched) out.push(`${e.element} ${e.patterns.join(', ')} does not match ${e.requestValue}`);
  };
  element(s.action);
  element(s.resource);
  element(s.principal);
  for (const c of s.conditions) {
    if (!c.result) out.push(`${c.operator} ${c.key} ${c.policyValues.map((v) => v ?? '(no value)').join(' | ')} is false (${c.contextValues === null ? 'key absent' : c.contextValues.join(', ')})`);
  }
  if (s.error) out.push(s.error);
  return out;
}

const POLICY_TYPE_WORDS: Record<MessagePolicyType, string> = { ...POLICY_TYPE_NAMES, vpcEndpoint: 'VPC endpoint policy' };

/** Describes a policy type in AWS's message words. */
export function describeMessagePolicyType(type: MessagePolicyType): string {
  return POLICY_TYPE_WORDS[type];
}

/** The policy type with its article: `an identity-based policy`, `a service control policy`. */
export function withArticle(type: MessagePolicyType): string {
  const words = POLICY_TYPE_WORDS[type];
  return `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;
}

/** Keys a statement's conditions looked at that the request did not carry (the caller may not have said them). */
function missingConditionKeys(explanation: Explanation | undefined): string[] {
  if (!explanation) return [];
  const keys = new Set<string>();
  for (const group of explanation.policyTypes) {
    for (const s of group.statements) {
      // Only statements whose action and resource match could have changed the answer.
      if (!s.action.matched || (s.resource && !s.resource.matched)) continue;
      for (const c of s.conditions) if (c.contextValues === null) keys.add(c.key);
    }
  }
  return [...keys].sort();
}

function unknownsFor(account: Account, principal: Principal, request: Request, options: WhyOptions, explanation: Explanation | undefined): Unknown[] {
  const unknowns: Unknown[] = [];
  const { unreadable } = identityPoliciesOf(account, principal);
  const boundary = permissionBoundaryOf(account, principal);
  for (const u of [...unreadable, ...(boundary.unreadable ? [boundary.unreadable] : [])]) {
    unknowns.push({ kind: 'unreadablePolicy', message: `Policy ${u.name} (${u.via}) could not be read or is not in the account files; its statements were left out.` });
  }
  // IAM resources (roles, users, policies) have no resource-based policy besides a role's trust policy.
  if (!isTrustAction(request.action) && !/^arn:[\w-]+:iam::/.test(request.resource) && request.resource !== '*') {
    const lookup = resourcePolicyFor(account, request.resource, request.action, options.resourcePolicies);
    if (!lookup.policy) {
      unknowns.push({ kind: 'resourcePolicy', message: `No resource-based policy was given for ${lookup.arn}; if the resource has one (bucket, key, queue, topic, repository, function or secret policy), pass it with --resource-policies.` });
    }
  }
  if (!options.org || options.org.scps.length === 0) {
    unknowns.push({ kind: 'scp', message: 'No service control policies were given (--org); if the account is in an AWS Organization, its SCPs were not evaluated.' });
  }
  if (!options.org || options.org.rcps.length === 0) {
    unknowns.push({ kind: 'rcp', message: 'No resource control policies were given (--org); RCPs of the resource\'s organization were not evaluated.' });
  }
  if (principal.type === 'role' && principal.sessionName !== undefined && !options.sessionPolicy) {
    unknowns.push({ kind: 'sessionPolicy', message: `The caller is a role session (${principal.sessionName}); a session policy passed when it was created is not in the account files (--session-policy).` });
  }
  for (const key of missingConditionKeys(explanation)) {
    unknowns.push({ kind: 'conditionValue', message: `Condition key ${key} had no value in the request; pass the value AWS saw with --context ${key}=….` });
  }
  for (const key of options.assumedContext ?? []) {
    unknowns.push({ kind: 'assumedValue', message: `${key}=${String(request.context?.[key])} was assumed from the resource ARN; pass --context ${key}=… if the request went elsewhere.` });
  }
  if (options.message?.policyType === 'vpcEndpoint') {
    unknowns.push({ kind: 'vpcEndpointPolicy', message: 'AWS blamed a VPC endpoint policy, which iamcheck cannot see.' });
  }
  return unknowns;
}

/** Compares the local answer with the message: agreement, or what differs. */
function compareWithMessage(answer: WhyAnswer, message: DeniedMessage | undefined): void {
  if (!message || (message.decision === undefined && !message.errorCode)) return;
  const said = message.decision;
  if (answer.decision === 'allowed') {
    answer.agreesWithMessage = false;
    answer.disagreement = `The account files allow this request, but AWS denied it${said === 'explicitDeny' ? ' with an explicit deny' : ''}${message.policyType ? ` in ${withArticle(message.policyType)}` : ''}: something the files cannot see decided it (see unknowns).`;
    return;
  }
  if (said === undefined) {
    answer.agreesWithMessage = true;
    return;
  }
  const sameDecision = said === answer.decision;
  const sameType = !message.policyType || message.policyType === answer.blockedBy || (message.policyType === 'resource' && answer.blockedBy === 'trust');
  answer.agreesWithMessage = sameDecision && sameType;
  if (!answer.agreesWithMessage) {
    const local = `${answer.decision}${answer.blockedBy ? ` by the ${describeMessagePolicyType(answer.blockedBy)}` : ''}`;
    const aws = `${said}${message.policyType ? ` by ${withArticle(message.policyType)}` : ''}`;
    answer.disagreement = `AWS said ${aws}; the account files give ${local}. A policy the files cannot see, or a different request context, explains the difference (see unknowns).`;
  }
}

/**
 * Evaluates `request` against the account and explains the outcome. The principal must be in the account
 * (`findPrincipal`); returns undefined when it is not.
 */
export function explainDenial(account: Account, request: Request, options: WhyOptions = {}): WhyAnswer | undefined {
  const principal = findPrincipal(account, request.principal);
  if (!principal) return undefined;
  const set = policySetFor(account, request.principal, request.resource, {
    action: request.action,
    ...(options.resourcePolicies ? { resourcePolicies: options.resourcePolicies } : {}),
    ...(options.org ? { org: options.org } : {}),
    ...(options.sessionPolicy ? { sessionPolicy: options.sessionPolicy } : {}),
  });
  // An assumed-role ARN carries no path, so the engine cannot tell a service-linked role's session by itself.
  const engineRequest: Request = principal.type === 'role' && isServiceLinkedRole(principal.role) ? { ...request, principalIsServiceLinkedRole: true } : { ...request };
  // The principal's tags from the dump are in AWS's request context as aws:PrincipalTag/<key>.
  const context = withPrincipalContext(principal, request.context);
  if (context) engineRequest.context = context;
  const decision = authorize(engineRequest, set, { explain: true });
  const explanation = decision.explanation;

  const attached = new Map<NormalizedPolicy, string>();
  for (const p of identityPoliciesOf(account, principal).policies) attached.set(p.policy, p.via);
  if (set.permissionBoundary) attached.set(set.permissionBoundary, 'permissions boundary');
  if (set.resource) attached.set(set.resource, set.resource.kind === 'trust' ? 'trust policy of the role' : 'resource-based policy');
  if (set.session) attached.set(set.session, 'session policy');
  const policies = [...set.identity, ...[set.permissionBoundary, set.resource, set.session].filter((p): p is NormalizedPolicy => p !== undefined),
    ...(set.scps ?? []).flat(), ...(set.rcps ?? []).flat()];

  const closest = rankClosest(explanation?.closest ?? []);
  // The engine's first fix belongs to its first closest statement; when ranking moved another one first, the
  // smallest fix is to add the request's exact resource (or action) to that statement.
  let fix = explanation?.fixes[0];
  if (explanation && closest[0] && closest[0] !== explanation.closest[0]) fix = fixForStatement(closest[0], request);
  const answer: WhyAnswer = {
    request,
    principal: principal.type === 'user'
      ? { arn: principal.arn, type: 'user', name: principal.user.name }
      : { arn: principal.arn, type: 'role', name: principal.role.name, ...(principal.sessionName !== undefined ? { sessionName: principal.sessionName } : {}) },
    decision: decision.decision,
    blockedBy: decision.decision === 'allowed' ? null : (decision.blockedBy ?? null),
    determining: decision.determining.map((ref) => ({ ...refOut(ref, attached, policies), effect: decision.decision === 'explicitDeny' ? 'Deny' : 'Allow' })),
    closest: closest.map((s) => ({ ...refOut(s.ref, attached, policies), effect: s.effect, failing: failingParts(s) })),
    fix: fix ? buildFix(fix, request, principal, attached, policies) : null,
    unknowns: unknownsFor(account, principal, request, options, explanation),
    agreesWithMessage: null,
    notes: explanation?.notes ?? [],
    errors: decision.errors,
  };
  if (explanation?.missingAllow?.level !== undefined) answer.blockedLevel = explanation.missingAllow.level;
  else if (decision.decision === 'explicitDeny' && decision.determining[0]?.level !== undefined) answer.blockedLevel = decision.determining[0].level;
  if (options.message) {
    const m = options.message;
    answer.message = { ...(m.decision ? { decision: m.decision } : {}), ...(m.policyType ? { policyType: m.policyType } : {}), ...(m.policyArn ? { policyArn: m.policyArn } : {}) };
  }
  compareWithMessage(answer, options.message);
  return answer;
}
