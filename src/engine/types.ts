import type { Span } from '../core/span.js';
import type { NormalizedPolicy } from '../policy/types.js';
import type { Explanation } from './explain.js';

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
  /** `service:Action`, e.g. `s3:GetObject` (case-insensitive). */
  action: string;
  /** The resource ARN (`*` for actions without resource-level permissions). */
  resource: string;
  /**
   * Account that owns the resource, when its ARN carries none (S3). Defaults to the ARN's account, and to the
   * caller's account when the ARN has none: a request is same-account unless an account says otherwise.
   */
  resourceAccount?: string;
  /**
   * Request-context keys and values. Keys AWS derives from the principal (`aws:username`, `aws:PrincipalArn`,
   * `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:userid` where the ARN shows it, `aws:PrincipalIsAWSService`,
   * `aws:PrincipalServiceName`) are added when absent; supplied values win. Nothing else is invented (no
   * `aws:CurrentTime`, `aws:SecureTransport`, …): a condition on a key that is not here sees it missing.
   */
  context?: Record<string, ContextValue>;
  /**
   * The caller is a service-linked role (SCPs and RCPs do not restrict it). Derived from a role ARN whose path is
   * `/aws-service-role/` when not given; an assumed-role ARN carries no path, so say so here for those.
   */
  principalIsServiceLinkedRole?: boolean;
  /** The caller belongs to the organization's management account: SCPs do not apply to it. */
  principalInManagementAccount?: boolean;
  /** The resource belongs to the organization's management account: RCPs do not apply to it. */
  resourceInManagementAccount?: boolean;
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
  explanation?: Explanation;
}

export interface AuthorizeOptions {
  /** Record, per policy type and statement, what matched and why (off by default; costs nothing when off). */
  explain?: boolean;
  /**
   * Service prefixes that support RCPs; defaults to the catalog's list (`getCatalog().rcpServices()`).
   * RCPs are skipped for actions of other services.
   */
  rcpServices?: ReadonlySet<string>;
}
