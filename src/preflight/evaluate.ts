import { authorize } from '../engine/authorize.js';
import { compilePolicySet, type CompiledPolicySet } from '../engine/compile.js';
import type { Explanation, StatementExplanation } from '../engine/explain.js';
import type { Decision, PolicySet } from '../engine/types.js';
import { parsePolicy } from '../policy/index.js';
import type { NormalizedPolicy } from '../policy/types.js';
import { mappingArn } from './requirements/kubernetes-access.js';
import type { AddTo, Check, Requirement } from './types.js';

/** The policies iamcheck knows for one principal (from the preflight file or the account dump). */
export interface PrincipalPolicies {
  arn: string;
  identity: NormalizedPolicy[];
  permissionBoundary?: NormalizedPolicy;
  trustPolicy?: NormalizedPolicy;
}

/** Looks up what the evaluation needs; `undefined` = not given (the check is "cannot verify", never guessed). */
export interface PolicySource {
  principal(arn: string): PrincipalPolicies | undefined;
  resourcePolicy(arn: string): NormalizedPolicy | undefined;
  /** Principal ARNs the cluster maps to Kubernetes identities; undefined when neither access entries nor aws-auth were given. */
  kubernetesMappings(): string[] | undefined;
}

function allowAll(kind: 'identity' | 'resource', principal?: string): NormalizedPolicy {
  const statement: Record<string, unknown> = { Effect: 'Allow', Action: '*', Resource: '*' };
  if (principal) statement.Principal = { AWS: principal };
  const parsed = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [statement] }), { kind, name: '(the other side, assumed to allow)' });
  return parsed.policy!;
}

function accountOf(arn: string): string | undefined {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

/** What keeps a statement from applying, in words. */
function failingParts(s: StatementExplanation): string {
  const list = (values: string[]) => (values.length > 3 ? `${values.slice(0, 3).join(', ')}, … (${values.length} values)` : values.join(', '));
  const parts: string[] = [];
  if (!s.action.matched) parts.push(`${s.action.element} ${list(s.action.patterns)} does not match ${s.action.requestValue}`);
  if (s.resource && !s.resource.matched) parts.push(`${s.resource.element} ${list(s.resource.patterns)} does not match ${s.resource.requestValue}`);
  if (s.principal && !s.principal.matched) parts.push(`${s.principal.element} does not name ${s.principal.requestValue}`);
  for (const c of s.conditions) if (!c.result) parts.push(`condition ${c.operator} ${c.key} [${list(c.policyValues.map((v) => v ?? '(unresolved)'))}] is not met by ${c.contextValues ? `[${c.contextValues.join(', ')}]` : '(absent key)'}`);
  return parts.join('; ');
}

/** The engine's reason for a deny, in one line: the missing Allow, the closest statement and its smallest change. */
export function describeDenial(decision: Decision): string {
  const explanation = decision.explanation as Explanation | undefined;
  if (decision.decision === 'explicitDeny') {
    const ref = decision.determining[0];
    return `explicitly denied by ${ref ? `${ref.policy} statement ${ref.sid ?? `#${ref.statementIndex + 1}`}` : `a ${decision.blockedBy ?? ''} policy`}`;
  }
  const parts: string[] = [];
  if (explanation?.missingAllow) parts.push(explanation.missingAllow.message);
  else if (decision.blockedBy) parts.push(`no ${decision.blockedBy} policy allows it`);
  // Prefer a closest statement about the same service: "add X to Action of S3Read" beats an unrelated statement.
  const service = decision.explanation ? (explanation?.request.action.split(':')[0] ?? '').toLowerCase() : '';
  const closest = explanation?.closest.find((s) => s.action.patterns.some((p) => p.toLowerCase().startsWith(`${service}:`))) ?? explanation?.closest[0];
  const fix = explanation?.fixes.find((f) => closest && f.statement && f.statement.policy === closest.ref.policy && f.statement.statementIndex === closest.ref.statementIndex && f.kind !== 'addStatement');
  if (closest) parts.push(`closest: ${closest.ref.policy} ${closest.ref.sid ? `"${closest.ref.sid}"` : `statement #${closest.ref.statementIndex + 1}`} — ${fix?.message ?? failingParts(closest)}`);
  for (const e of decision.errors) parts.push(`(not evaluated: ${e.message})`);
  return parts.join('; ') || 'implicitly denied';
}

function addToOf(decision: Decision): AddTo {
  return decision.blockedBy === 'trust' ? 'trust' : decision.blockedBy === 'resource' ? 'resource-policy' : 'identity';
}

/** Compiled policy sets of one run, by who asks and which policies apply (compiling is most of the cost). */
export type CompileCache = Map<string, CompiledPolicySet>;

/** Decides fast; explains only a deny (the explanation is what the checklist shows). */
function decide(request: Parameters<typeof authorize>[0], key: string, set: PolicySet, cache?: CompileCache): Decision {
  let compiled = cache?.get(key);
  if (!compiled) {
    compiled = compilePolicySet(set);
    cache?.set(key, compiled);
  }
  const fast = authorize(request, compiled);
  return fast.decision === 'allowed' ? fast : authorize(request, compiled, { explain: true });
}

/** Checks one requirement against the known policies with the engine. */
export function checkRequirement(req: Requirement, source: PolicySource, cache?: CompileCache): Check {
  if (req.kind === 'mapping') {
    const mapped = source.kubernetesMappings();
    if (!mapped) return { requirement: req, decision: 'unknown', reason: 'give the access entries (aws eks list-access-entries) or the aws-auth ConfigMap to check this' };
    const want = mappingArn(req.principal);
    return mapped.includes(want) || mapped.includes(req.principal)
      ? { requirement: req, decision: 'allowed' }
      : { requirement: req, decision: 'notMapped', addTo: 'access-entry', reason: `no access entry or aws-auth mapping names ${want}` };
  }
  const request = { principal: req.principal, action: req.action, resource: req.resource, ...(req.context ? { context: req.context } : {}) };
  if (req.kind === 'trust') {
    const role = source.principal(req.resource);
    if (!role?.trustPolicy) return { requirement: req, decision: 'unknown', reason: `the trust policy of ${req.resource} was not given (roles: or account:)` };
    const decision = decide(request, `trust|${req.resource}`, { identity: [], resource: role.trustPolicy }, cache);
    return decision.decision === 'allowed' ? { requirement: req, decision: 'allowed' }
      : { requirement: req, decision: decision.decision, addTo: 'trust', reason: describeDenial(decision) };
  }
  const principal = source.principal(req.principal);
  if (!principal) return { requirement: req, decision: 'unknown', reason: `the policies of ${req.principal} were not given (principal:, roles: or account:)` };
  const resourcePolicy = source.resourcePolicy(req.resource);
  const base: PolicySet = { identity: principal.identity, ...(principal.permissionBoundary ? { permissionBoundary: principal.permissionBoundary } : {}) };
  const resourceAccount = accountOf(req.resource);
  const crossAccount = resourceAccount !== undefined && accountOf(req.principal) !== undefined && resourceAccount !== accountOf(req.principal);
  if (!crossAccount) {
    const decision = decide(request, `same|${req.principal}|${resourcePolicy ? req.resource : ''}`, resourcePolicy ? { ...base, resource: resourcePolicy } : base, cache);
    return decision.decision === 'allowed' ? { requirement: req, decision: 'allowed' }
      : { requirement: req, decision: decision.decision, addTo: addToOf(decision), reason: describeDenial(decision) };
  }
  // Cross-account: each side must allow on its own; check them separately so the fix names both when both lack it.
  const identitySide = decide(request, `identity-side|${req.principal}`, { ...base, resource: allowAll('resource', req.principal) }, cache);
  if (identitySide.decision !== 'allowed') return { requirement: req, decision: identitySide.decision, addTo: 'identity', reason: describeDenial(identitySide) };
  if (!resourcePolicy) {
    return { requirement: req, decision: 'implicitDeny', addTo: 'resource-policy',
      reason: `cross-account (${resourceAccount}): no resource-based policy was given for ${req.resource}, and without one that allows the caller AWS denies it` };
  }
  const resourceSide = decide(request, `resource-side|${req.resource}`, { identity: [allowAll('identity')], resource: resourcePolicy }, cache);
  return resourceSide.decision === 'allowed' ? { requirement: req, decision: 'allowed' }
    : { requirement: req, decision: resourceSide.decision, addTo: 'resource-policy', reason: describeDenial(resourceSide) };
}
