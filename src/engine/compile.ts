/**
 * Compiling a policy set once: actions indexed by service prefix, wildcards compiled to linear-time matchers,
 * ARN patterns split by part, conditions bound to their operator.
 */
import type { NormalizedPolicy, PrincipalValue, Statement } from '../policy/types.js';
import { compileActionPattern, type ActionPattern } from './action.js';
import { compileArnPattern, type ArnPattern } from './arn.js';
import { compileCondition, type CompiledCondition } from './conditions.js';
import type { EvaluationError, PolicySet, PolicyType, StatementRef } from './types.js';
import { variablesEnabled } from './variables.js';

export interface CompiledStatement {
  statement: Statement;
  policy: NormalizedPolicy;
  ref: StatementRef;
  allow: boolean;
  /** Order within its group, so that results keep document order. */
  ordinal: number;
  notAction: boolean;
  actions: ActionPattern[];
  /** null = no Resource/NotResource (matches: trust policies). */
  resources: ArnPattern[] | null;
  notResource: boolean;
  /** null = no Principal/NotPrincipal (identity-like policies). */
  principals: PrincipalValue[] | null;
  notPrincipal: boolean;
  conditions: CompiledCondition[];
  /** The statement names `aws:PrincipalArn` in a condition (a `Principal: "*"` grant then names the caller). */
  conditionsOnPrincipalArn: boolean;
  /** Why the statement cannot be evaluated; it is skipped and this is reported. */
  error?: string;
}

/** The statements of one policy type (one org level for SCPs/RCPs), indexed by service prefix. */
export interface CompiledGroup {
  policyType: PolicyType;
  level?: number;
  policies: NormalizedPolicy[];
  statements: CompiledStatement[];
  byService: Map<string, CompiledStatement[]>;
  /** Statements that must be checked for every action (NotAction, wildcard service prefixes, errors). */
  anyService: CompiledStatement[];
  /** Lower-cased action → the statements whose Action/NotAction matches it (filled as requests arrive). */
  actionCache: Map<string, CompiledStatement[]>;
}

/** A policy set compiled for repeated evaluation. Build with `compilePolicySet`. */
export interface CompiledPolicySet {
  readonly kind: 'compiled-policy-set';
  readonly source: PolicySet;
  identity: CompiledGroup;
  resource: CompiledGroup | null;
  permissionBoundary: CompiledGroup | null;
  session: CompiledGroup | null;
  scps: CompiledGroup[];
  rcps: CompiledGroup[];
}

const PRINCIPAL_KINDS = new Set<PolicyType>(['resource', 'trust', 'rcp']);

function compileStatement(policy: NormalizedPolicy, statement: Statement, policyType: PolicyType, level: number | undefined, ordinal: number): CompiledStatement {
  const variables = variablesEnabled(policy.version?.value);
  const ref: StatementRef = { policy: policy.name, file: policy.file, policyType, statementIndex: statement.index, span: statement.span };
  if (level !== undefined) ref.level = level;
  if (statement.sid) ref.sid = statement.sid.value;
  const notAction = statement.notActions !== undefined && statement.actions === undefined;
  const actionValues = (notAction ? statement.notActions : statement.actions) ?? [];
  const notResource = statement.notResources !== undefined && statement.resources === undefined;
  const resourceValues = notResource ? statement.notResources : statement.resources;
  const usesPrincipals = PRINCIPAL_KINDS.has(policyType);
  const notPrincipal = usesPrincipals && statement.notPrincipals !== undefined && statement.principals === undefined;
  const principals = usesPrincipals ? ((notPrincipal ? statement.notPrincipals : statement.principals) ?? null) : null;
  const conditions = statement.conditions.map((c) => compileCondition(c, variables));
  const compiled: CompiledStatement = {
    statement,
    policy,
    ref,
    allow: statement.effect.value === 'Allow',
    ordinal,
    notAction,
    actions: actionValues.map((a) => compileActionPattern(a.value)),
    resources: resourceValues ? resourceValues.map((r) => compileArnPattern(r.value, variables)) : null,
    notResource,
    principals,
    notPrincipal,
    conditions,
    // Only a positive match on aws:PrincipalArn names the caller (`ArnNotEquals` would name everyone else).
    conditionsOnPrincipalArn: conditions.some((c) => c.keyLower === 'aws:principalarn' && c.op !== undefined && !c.op.negated && !c.op.ifExists && (c.op.family === 'Arn' || c.op.family === 'String')),
  };
  const conditionError = conditions.find((c) => c.error);
  if (statement.actions === undefined && statement.notActions === undefined) compiled.error = 'The statement has neither Action nor NotAction.';
  else if (resourceValues === undefined && policyType !== 'trust' && policyType !== 'scp' && policyType !== 'rcp') compiled.error = 'The statement has neither Resource nor NotResource.';
  else if (usesPrincipals && principals === null) compiled.error = `A ${policyType === 'trust' ? 'trust' : 'resource-based'} policy statement needs Principal or NotPrincipal.`;
  else if (conditionError) compiled.error = conditionError.error;
  return compiled;
}

function compileGroup(policies: NormalizedPolicy[], policyType: PolicyType, level?: number): CompiledGroup {
  const group: CompiledGroup = { policyType, policies, statements: [], byService: new Map(), anyService: [], actionCache: new Map() };
  if (level !== undefined) group.level = level;
  for (const policy of policies) {
    for (const statement of policy.statements) {
      const s = compileStatement(policy, statement, policyType, level, group.statements.length);
      group.statements.push(s);
      if (s.notAction || s.error || s.actions.some((a) => a.service === null)) {
        group.anyService.push(s);
        continue;
      }
      const services = new Set(s.actions.map((a) => a.service!));
      for (const service of services) {
        let list = group.byService.get(service);
        if (!list) group.byService.set(service, (list = []));
        list.push(s);
      }
    }
  }
  return group;
}

/** Compiles a policy set once; pass the result to `authorize` for every request. */
export function compilePolicySet(set: PolicySet): CompiledPolicySet {
  const resourceType: PolicyType = set.resource?.kind === 'trust' ? 'trust' : 'resource';
  return {
    kind: 'compiled-policy-set',
    source: set,
    identity: compileGroup(set.identity ?? [], 'identity'),
    resource: set.resource ? compileGroup([set.resource], resourceType) : null,
    permissionBoundary: set.permissionBoundary ? compileGroup([set.permissionBoundary], 'permissionBoundary') : null,
    session: set.session ? compileGroup([set.session], 'session') : null,
    scps: (set.scps ?? []).map((level, i) => compileGroup(level, 'scp', i)),
    rcps: (set.rcps ?? []).map((level, i) => compileGroup(level, 'rcp', i)),
  };
}

/** Whether a value is an already compiled policy set. */
export function isCompiledPolicySet(value: PolicySet | CompiledPolicySet): value is CompiledPolicySet {
  return (value as CompiledPolicySet).kind === 'compiled-policy-set';
}

/** The error entry for a statement that could not be evaluated. */
export function statementError(s: CompiledStatement): EvaluationError {
  return { code: 'statement-skipped', message: `${s.policy.name} statement ${s.statement.sidLabel} was skipped: ${s.error}`, statement: s.ref };
}
