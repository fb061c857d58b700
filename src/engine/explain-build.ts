/**
 * Builds the explanation of a decision: every statement of every applicable policy type taken apart against the
 * request, the closest Allow statements for an implicit deny, and the smallest change that would allow it.
 * Runs only with `{ explain: true }`.
 */
import { principalMatches, type Applicability, type PreparedRequest } from './authorize.js';
import type { CompiledGroup, CompiledPolicySet, CompiledStatement } from './compile.js';
import { explainCondition } from './conditions.js';
import type { ElementMatch, Explanation, PolicyTypeExplanation, StatementExplanation, SuggestedFix } from './explain.js';
import { DERIVED_KEY_NAMES, matchPrincipalValue } from './principal.js';
import { describePolicyType } from './policy-type-names.js';
import type { Decision } from './types.js';

export { describePolicyType };

function elementMatch(element: ElementMatch['element'], requestValue: string, patterns: string[], matchedBy: string[], negated: boolean): ElementMatch {
  return { element, requestValue, patterns, matchedBy, matched: negated ? matchedBy.length === 0 : matchedBy.length > 0 };
}

/** One statement against the request, every part evaluated (no short-circuit). */
export function explainStatement(s: CompiledStatement, req: PreparedRequest): StatementExplanation {
  const action = elementMatch(
    s.notAction ? 'NotAction' : 'Action',
    req.request.action,
    s.actions.map((a) => a.raw),
    s.actions.filter((a) => a.matcher.test(req.actionLower)).map((a) => a.raw),
    s.notAction,
  );
  const out: StatementExplanation = {
    ref: s.ref,
    effect: s.allow ? 'Allow' : 'Deny',
    applies: false,
    action,
    conditions: s.conditions.map((c) => explainCondition(c, req.context)),
    failing: 0,
  };
  if (s.resources) {
    out.resource = elementMatch(
      s.notResource ? 'NotResource' : 'Resource',
      req.request.resource,
      s.resources.map((r) => r.raw),
      s.resources.filter((r) => r.test(req.resource, req.context) === true).map((r) => r.raw),
      s.notResource,
    );
  }
  if (s.principals) {
    const matchedBy = s.principals.filter((p) => matchPrincipalValue(p, req.principal) !== undefined).map((p) => p.value);
    out.principal = { element: s.notPrincipal ? 'NotPrincipal' : 'Principal', requestValue: req.request.principal, patterns: s.principals.map((p) => p.value), matchedBy, matched: principalMatches(s, req) !== undefined };
  }
  if (s.error) {
    out.error = s.error;
    out.failing = 1;
    return out;
  }
  // INVARIANT: elementMatch computes `matched` exactly as actionMatches/resourceMatches do (any value matches, negated
  // for the Not- forms); the unit tests check explained and fast decisions agree on every case.
  out.failing = (out.action.matched ? 0 : 1) + (out.resource && !out.resource.matched ? 1 : 0) + (out.principal && !out.principal.matched ? 1 : 0) + out.conditions.filter((c) => !c.result).length;
  out.applies = out.failing === 0;
  return out;
}

function explainGroup(group: CompiledGroup, req: PreparedRequest, applies: boolean, reason?: string): PolicyTypeExplanation {
  const statements = applies ? group.statements.map((s) => explainStatement(s, req)) : [];
  const outcome = !applies ? 'notApplicable' : statements.some((s) => s.applies && s.effect === 'Deny') ? 'deny' : statements.some((s) => s.applies) ? 'allow' : 'none';
  const out: PolicyTypeExplanation = { policyType: group.policyType, applies, outcome, statements };
  if (group.level !== undefined) out.level = group.level;
  if (reason) out.reason = reason;
  return out;
}

/** A wider Resource that would cover the request: the pattern's shape kept where possible (`bucket/*`). */
function suggestResource(resource: string): string {
  const colon = resource.split(':', 5).join(':').length;
  if (!resource.startsWith('arn:') || colon >= resource.length) return resource;
  const rest = resource.slice(colon + 1);
  const slash = rest.indexOf('/');
  if (slash < 0 || slash === rest.length - 1) return resource;
  return `${resource.slice(0, colon + 1)}${rest.slice(0, slash)}/*`;
}

function label(ref: { sid?: string; statementIndex: number }): string {
  return ref.sid ? `"${ref.sid}"` : `#${ref.statementIndex + 1}`;
}

function fixesFor(s: StatementExplanation, req: PreparedRequest): SuggestedFix[] {
  const base = { statement: s.ref, policyType: s.ref.policyType, ...(s.ref.level !== undefined ? { level: s.ref.level } : {}) };
  const fixes: SuggestedFix[] = [];
  if (!s.action.matched) {
    fixes.push(
      s.action.element === 'Action'
        ? { ...base, kind: 'addAction', value: req.request.action, message: `add ${req.request.action} to Action of ${label(s.ref)}` }
        : { ...base, kind: 'addAction', value: req.request.action, message: `remove ${s.action.matchedBy.join(', ')} from NotAction of ${label(s.ref)}` },
    );
  }
  if (s.resource && !s.resource.matched) {
    if (s.resource.element === 'Resource') {
      const value = suggestResource(req.request.resource);
      fixes.push({ ...base, kind: 'addResource', value, message: `add ${value} to Resource of ${label(s.ref)}` });
    } else {
      fixes.push({ ...base, kind: 'addResource', value: req.request.resource, message: `remove ${s.resource.matchedBy.join(', ')} from NotResource of ${label(s.ref)}` });
    }
  }
  if (s.principal && !s.principal.matched) {
    const value = req.principal.roleArn ?? req.request.principal;
    fixes.push({ ...base, kind: 'addPrincipal', value, message: `add ${value} to Principal of ${label(s.ref)}` });
  }
  for (const c of s.conditions) {
    if (c.result) continue;
    const have = c.contextValues === null ? 'the request has no such key' : `the request has ${c.contextValues.join(', ') || '(empty)'}`;
    fixes.push({ ...base, kind: 'satisfyCondition', value: c.key, message: c.error ? `fix condition ${c.operator} ${c.key}: ${c.error}` : `satisfy ${c.operator} ${c.key} ${c.policyValues.map((v) => v ?? '(unresolved variable)').join(' | ')} (${have})` });
  }
  return fixes;
}

/** Builds the explanation for a decision already made. */
export function explainDecision(set: CompiledPolicySet, req: PreparedRequest, app: Applicability, decision: Decision, level: number | undefined, notes: string[]): Explanation {
  const policyTypes: PolicyTypeExplanation[] = [];
  for (const g of set.rcps) policyTypes.push(explainGroup(g, req, app.rcp, app.rcpReason));
  for (const g of set.scps) policyTypes.push(explainGroup(g, req, app.scp, app.scpReason));
  if (set.resource) policyTypes.push(explainGroup(set.resource, req, true));
  policyTypes.push(explainGroup(set.identity, req, app.identity, app.identityReason));
  if (set.permissionBoundary) policyTypes.push(explainGroup(set.permissionBoundary, req, app.identity, app.identityReason));
  if (set.session) policyTypes.push(explainGroup(set.session, req, app.identity, app.identityReason));
  if (!app.scp && app.scpReason && set.scps.length > 0) notes.push(app.scpReason);
  if (!app.rcp && app.rcpReason && set.rcps.length > 0) notes.push(app.rcpReason);

  const supplied = new Map(Object.keys(req.request.context ?? {}).map((k) => [k.toLowerCase(), k]));
  // fromEntries defines own properties: a key named `__proto__` stays a key instead of replacing the prototype.
  const context: Record<string, string | string[]> = Object.fromEntries([...req.context.map].map(([k, v]) => [supplied.get(k) ?? DERIVED_KEY_NAMES[k] ?? k, v]));
  const explanation: Explanation = {
    request: {
      principal: req.request.principal,
      action: req.request.action,
      resource: req.request.resource,
      sameAccount: req.sameAccount,
      context,
      derivedKeys: req.context.derivedKeys.map((k) => DERIVED_KEY_NAMES[k] ?? k),
    },
    policyTypes,
    closest: [],
    fixes: [],
    notes,
  };
  if (req.principal.account) explanation.request.principalAccount = req.principal.account;
  if (req.resourceAccount) explanation.request.resourceAccount = req.resourceAccount;

  if (decision.decision === 'explicitDeny') {
    for (const ref of decision.determining) {
      explanation.fixes.push({ kind: 'removeDeny', statement: ref, policyType: ref.policyType, ...(ref.level !== undefined ? { level: ref.level } : {}), message: `narrow the Deny statement ${label(ref)} in ${ref.policy} (its Action, Resource or Condition) if this request should be allowed` });
    }
  } else if (decision.decision === 'implicitDeny' && decision.blockedBy) {
    const blockedBy = decision.blockedBy;
    const words = describePolicyType(blockedBy, level);
    explanation.missingAllow = { policyType: blockedBy, ...(level !== undefined ? { level } : {}), message: `no ${words} allows ${req.request.action}` };
    if (blockedBy === 'session' && !set.session) explanation.missingAllow.message = 'a GetFederationToken session without a session policy has no permissions';
    const group = policyTypes.find((p) => p.policyType === blockedBy && p.level === level);
    const allows = (group?.statements ?? []).filter((s) => s.effect === 'Allow' && !s.applies);
    if (allows.length > 0) {
      const fewest = Math.min(...allows.map((s) => s.failing));
      explanation.closest = allows.filter((s) => s.failing === fewest).slice(0, 3);
      explanation.fixes = fixesFor(explanation.closest[0], req);
    } else if (!(blockedBy === 'session' && !set.session)) {
      explanation.fixes.push({ kind: 'addStatement', policyType: blockedBy, ...(level !== undefined ? { level } : {}), message: `add an Allow statement for ${req.request.action} on ${req.request.resource} to the ${words}` });
    }
  }
  return explanation;
}
