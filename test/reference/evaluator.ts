/**
 * A small reference evaluator, written as the AWS policy-evaluation flowchart and nothing more, for differential
 * testing of the engine (test/property). It is deliberately naive: no compilation, no indexes, a recursive wildcard
 * matcher. It covers a restricted subset that the property tests' generators stay inside:
 *
 * - callers: IAM users (`arn:aws:iam::ACCOUNT:user/NAME`) and role sessions (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/NAME`);
 *   no root user, federated users or services;
 * - Principal values: `"*"`, a user, role or session ARN, an account ID or `arn:aws:iam::ACCOUNT:root`; no NotPrincipal;
 * - conditions: the String, Numeric and Date operators and their negations, IpAddress/NotIpAddress (IPv4 only),
 *   Bool, Null, the `IfExists` forms, and `ForAllValues:`/`ForAnyValue:` with StringEquals/StringLike;
 * - no policy variables, no RCPs.
 *
 * Sources (AWS IAM User Guide): reference_policies_evaluation-logic.html (flowchart and same-account union),
 * reference_policies_evaluation-logic-cross-account.html, access_policies_boundaries.html,
 * reference_policies_elements_condition_operators.html, reference_policies_condition-single-vs-multi-valued-context-keys.html,
 * and the AWS Organizations "SCP evaluation" page.
 */
import type { DecisionValue, PolicySet, Request } from '../../src/engine/types.js';
import type { NormalizedPolicy, Statement } from '../../src/policy/types.js';

/** `*` matches any run of characters (also `/` and `:`), `?` exactly one. Plain recursion: fine for short test strings. */
export function wildcardMatch(pattern: string, text: string): boolean {
  if (pattern === '') return text === '';
  const head = pattern[0];
  if (head === '*') return wildcardMatch(pattern.slice(1), text) || (text !== '' && wildcardMatch(pattern, text.slice(1)));
  if (text === '') return false;
  if (head === '?' || head === text[0]) return wildcardMatch(pattern.slice(1), text.slice(1));
  return false;
}

function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}

function lookup(context: Record<string, string | string[]>, key: string): string[] | undefined {
  for (const [k, v] of Object.entries(context)) if (k.toLowerCase() === key.toLowerCase()) return Array.isArray(v) ? v : [v];
  return undefined;
}

/** Epoch seconds or an ISO 8601 date, as milliseconds. */
function instant(text: string): number {
  return /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text);
}

/** A dotted IPv4 address as a 32-bit number. */
function ipv4(text: string): number {
  return text.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** Whether `address` lies in `cidr` (a bare address is a /32). */
function inCidr(cidr: string, address: string): boolean {
  const [base, bits = '32'] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipv4(address) / size) === Math.floor(ipv4(base) / size);
}

/** Whether one request value matches one policy value under a positive operator (`StringEquals`, not `StringNotEquals`). */
function valueMatches(positive: string, policyValue: string, requestValue: string): boolean {
  switch (positive) {
    case 'StringEquals':
      return policyValue === requestValue;
    case 'StringEqualsIgnoreCase':
      return policyValue.toLowerCase() === requestValue.toLowerCase();
    case 'StringLike':
      return wildcardMatch(policyValue, requestValue);
    case 'Bool':
      return policyValue.toLowerCase() === requestValue.toLowerCase();
    case 'NumericEquals':
      return Number(requestValue) === Number(policyValue);
    case 'NumericLessThan':
      return Number(requestValue) < Number(policyValue);
    case 'NumericLessThanEquals':
      return Number(requestValue) <= Number(policyValue);
    case 'NumericGreaterThan':
      return Number(requestValue) > Number(policyValue);
    case 'NumericGreaterThanEquals':
      return Number(requestValue) >= Number(policyValue);
    case 'DateEquals':
      return instant(requestValue) === instant(policyValue);
    case 'DateLessThan':
      return instant(requestValue) < instant(policyValue);
    case 'DateLessThanEquals':
      return instant(requestValue) <= instant(policyValue);
    case 'DateGreaterThan':
      return instant(requestValue) > instant(policyValue);
    case 'DateGreaterThanEquals':
      return instant(requestValue) >= instant(policyValue);
    case 'IpAddress':
      return inCidr(policyValue, requestValue);
    default:
      throw new Error(`reference evaluator: operator ${positive} is outside its subset`);
  }
}

/** One condition entry, by the rules of the condition-operators page. */
export function conditionHolds(operator: string, key: string, policyValues: string[], context: Record<string, string | string[]>): boolean {
  const requestValues = lookup(context, key);
  if (operator === 'Null') {
    const absent = requestValues === undefined;
    return policyValues.some((v) => (v === 'true' ? absent : !absent));
  }
  if (operator.startsWith('ForAllValues:')) {
    const base = operator.slice('ForAllValues:'.length);
    if (requestValues === undefined || requestValues.length === 0) return true;
    return requestValues.every((r) => policyValues.some((p) => valueMatches(base, p, r)));
  }
  if (operator.startsWith('ForAnyValue:')) {
    const base = operator.slice('ForAnyValue:'.length);
    if (requestValues === undefined || requestValues.length === 0) return false;
    return requestValues.some((r) => policyValues.some((p) => valueMatches(base, p, r)));
  }
  const ifExists = operator.endsWith('IfExists');
  const base = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  const negated = base.includes('Not');
  const positive = base.replace('Not', '');
  if (requestValues === undefined) return ifExists || negated;
  const anyMatch = requestValues.some((r) => policyValues.some((p) => valueMatches(positive, p, r)));
  return negated ? !anyMatch : anyMatch;
}

/**
 * How a resource policy names the caller: `direct` names the user or the session itself; `everyone` is `"*"` or the
 * role of a session (grants that a boundary or session policy still limits); `account` names the caller's account,
 * which delegates to the account's own IAM policies.
 */
type Grant = 'direct' | 'everyone' | 'account';

const RANK: Record<Grant, number> = { account: 1, everyone: 2, direct: 3 };

/** For a role session, the role's ARN: a Principal naming the role covers its sessions. */
function roleOf(caller: string): string | undefined {
  const m = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(caller);
  return m ? `arn:aws:iam::${m[1]}:role/${m[2]}` : undefined;
}

/** How a statement's Principal names the caller (undefined = it does not); identity-side statements name everyone. */
function principalGrant(statement: Statement, caller: string): Grant | undefined {
  if (!statement.principals) return 'everyone';
  let best: Grant | undefined;
  for (const p of statement.principals) {
    let g: Grant | undefined;
    if (p.value === '*') g = 'everyone';
    else if (p.value === caller) g = 'direct';
    else if (p.value === roleOf(caller)) g = 'everyone';
    else if (p.value === accountOf(caller) || p.value === `arn:aws:iam::${accountOf(caller)}:root`) g = 'account';
    if (g && (best === undefined || RANK[g] > RANK[best])) best = g;
  }
  return best;
}

/** Whether a statement applies to the request (its grant when it does). */
function applies(statement: Statement, request: Request): Grant | undefined {
  const action = (statement.actions ?? statement.notActions ?? []).some((a) => wildcardMatch(a.value.toLowerCase(), request.action.toLowerCase()));
  if (statement.notActions ? action : !action) return undefined;
  const resource = (statement.resources ?? statement.notResources ?? []).some((r) => wildcardMatch(r.value, request.resource));
  if (statement.notResources ? resource : !resource) return undefined;
  const grant = principalGrant(statement, request.principal);
  if (!grant) return undefined;
  const context = request.context ?? {};
  const holds = statement.conditions.every((c) => conditionHolds(c.operator.value, c.key.value, c.values.map((v) => v.value), context));
  return holds ? grant : undefined;
}

function hasDeny(policies: NormalizedPolicy[], request: Request): boolean {
  return policies.some((p) => p.statements.some((s) => s.effect.value === 'Deny' && applies(s, request) !== undefined));
}

/** The strongest grant among the Allow statements that apply; undefined when none does. */
function allowGrant(policies: NormalizedPolicy[], request: Request): Grant | undefined {
  let best: Grant | undefined;
  for (const p of policies) {
    for (const s of p.statements) {
      if (s.effect.value !== 'Allow') continue;
      const g = applies(s, request);
      if (g && (best === undefined || RANK[g] > RANK[best])) best = g;
    }
  }
  return best;
}

/** The AWS flowchart for a request by an IAM user or a role session. */
export function referenceAuthorize(request: Request, set: PolicySet): DecisionValue {
  const scpLevels = set.scps ?? [];
  const resource = set.resource ? [set.resource] : [];
  const boundary = set.permissionBoundary ? [set.permissionBoundary] : [];
  const session = set.session ? [set.session] : [];

  // 1. Deny evaluation: an explicit Deny in any policy that applies ends the evaluation.
  const everything = [...scpLevels.flat(), ...resource, ...set.identity, ...boundary, ...session];
  if (hasDeny(everything, request)) return 'explicitDeny';

  // 2. SCPs: every level from the root down must allow.
  for (const level of scpLevels) if (!allowGrant(level, request)) return 'implicitDeny';

  const sameAccount = accountOf(request.principal) === (request.resourceAccount ?? accountOf(request.resource));
  const resourceGrant = allowGrant(resource, request);
  const identityAllows = allowGrant(set.identity, request) !== undefined;
  const boundaryAllows = boundary.length === 0 || allowGrant(boundary, request) !== undefined;
  const sessionAllows = session.length === 0 || allowGrant(session, request) !== undefined;

  if (sameAccount) {
    // 3. Same account: a resource policy naming the user or session itself allows, whatever the boundary or session
    //    policy say.
    if (resourceGrant === 'direct') return 'allowed';
    // Otherwise the union of identity and resource grants (an account principal only delegates to IAM policies),
    // limited by the boundary and the session policy.
    const resourceAllows = resourceGrant === 'everyone';
    if (!identityAllows && !resourceAllows) return 'implicitDeny';
    return boundaryAllows && sessionAllows ? 'allowed' : 'implicitDeny';
  }
  // 4. Cross-account: the resource policy and the caller's own policies must both allow.
  if (!resourceGrant || !identityAllows) return 'implicitDeny';
  return boundaryAllows && sessionAllows ? 'allowed' : 'implicitDeny';
}
