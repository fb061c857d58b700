/**
 * The policy engine: `authorize` decides a request as AWS does; `compilePolicySet` prepares a set once for many
 * requests; the matchers are exported for the linter, diff and `why`.
 */
export { authorize, prepareRequest } from './authorize.js';
export { compilePolicySet, isCompiledPolicySet, type CompiledPolicySet, type CompiledStatement, type CompiledGroup } from './compile.js';
export { matchWildcard, compileWildcard, hasWildcard, type WildcardMatcher } from '../core/wildcard.js';
export { matchArn, splitArn, compileArnPattern } from './arn.js';
export { matchAction } from './action.js';
export { evaluateCondition, parseOperator, parseDate, parseIp, contextLookup, type ConditionResult, type OperatorInfo, type OperatorFamily } from './conditions.js';
export { parseTemplate, resolveTemplate, variablesEnabled, type ContextLookup } from './variables.js';
export { parsePrincipal, derivePrincipalContext, type PrincipalInfo, type PrincipalKind } from './principal.js';
export { describePolicyType, explainStatement } from './explain-build.js';
export type * from './explain.js';
export type * from './types.js';
