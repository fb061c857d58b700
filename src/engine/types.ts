import type { Span } from '../core/span.js';
import type { NormalizedPolicy } from '../policy/types.js';

/** AWS's own simulator vocabulary. */
export type DecisionValue = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** The policy types, named as the AccessDenied messages and the evaluation-logic pages name them. */
export type PolicyType = 'rcp' | 'scp' | 'resource' | 'trust' | 'identity' | 'permissionBoundary' | 'session';

/** Condition context values: one string, or a list for multivalued keys. */
export type ContextValue = string | string[];

/** One authorization question. Condition keys are case-insensitive; values are not. */
export interface Request {
  /** ARN of the caller: user, role, assumed-role session, federated user, root (`arn:aws:iam::ACCT:root`) or service principal name. */
  principal: string;
  action: string;
  resource: string;
  /** Account that owns the resource, when its ARN carries none (S3). Defaults to the ARN's account. */
  resourceAccount?: string;
  context?: Record<string, ContextValue>;
}

/** A statement that decided (or nearly decided) a request, by policy name/file, index, Sid and span. */
export interface StatementRef {
  policy: string;
  file: string;
  policyType: PolicyType;
  /** For SCPs and RCPs: the organization level, 0 = root. */
  level?: number;
  statementIndex: number;
  sid?: string;
  span: Span;
}

/** Something that could not be evaluated (unknown operator, bad value, …): skipped and reported, never dropped. */
export interface EvaluationError {
  code: string;
  message: string;
  statement?: StatementRef;
}

/** The set of policies that apply to one request. */
export interface PolicySet {
  identity: NormalizedPolicy[];
  /** The resource-based policy of the resource (for `sts:AssumeRole*`, the role's trust policy). */
  resource?: NormalizedPolicy;
  permissionBoundary?: NormalizedPolicy;
  session?: NormalizedPolicy;
  /** One array per organization level, root first, account last. Absent = not in an organization / none apply. */
  scps?: NormalizedPolicy[][];
  rcps?: NormalizedPolicy[][];
}

/**
 * The answer to one Request. `determining` always lists the statements that decided it (the denying statements
 * for explicitDeny, the allowing ones for allowed, none for implicitDeny); `errors` what could not be evaluated.
 */
export interface Decision {
  decision: DecisionValue;
  determining: StatementRef[];
  errors: EvaluationError[];
  /** For a deny: which policy type blocked (the first in AWS's order), or null when allowed. */
  blockedBy?: PolicyType | null;
  /** Present only when asked for (`{ explain: true }`); defined in `explain.ts`. */
  explanation?: unknown;
}

export interface AuthorizeOptions {
  explain?: boolean;
}
