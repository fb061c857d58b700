/**
 * The explanation of a decision: data, not text (`src/format/decision.ts` renders it). Recorded only with
 * `{ explain: true }`; the fast path never builds any of it.
 */
import type { ConditionResult } from './conditions.js';
import type { PolicyType, StatementRef } from './types.js';

/** How one element of a statement (Action, Resource, Principal and their Not- forms) compared to the request. */
export interface ElementMatch {
  element: 'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Principal' | 'NotPrincipal';
  /** The request's value (action, resource ARN, principal ARN). */
  requestValue: string;
  /** The element's values as written. */
  patterns: string[];
  /** The values that matched the request (for Not- elements: the ones that excluded it). */
  matchedBy: string[];
  /** Whether this element lets the statement apply. */
  matched: boolean;
}

/** One statement, taken apart against the request. */
export interface StatementExplanation {
  ref: StatementRef;
  effect: 'Allow' | 'Deny';
  /** The statement applies to the request (every element and condition matched). */
  applies: boolean;
  action: ElementMatch;
  /** Absent when the statement has no Resource/NotResource (trust policies). */
  resource?: ElementMatch;
  /** Present for policy types that name principals (resource, trust, RCP). */
  principal?: ElementMatch;
  conditions: ConditionResult[];
  /** How many of action/resource/principal/conditions failed: 0 when the statement applies. */
  failing: number;
  /** Why the statement was skipped, when it could not be evaluated. */
  error?: string;
}

/** One policy type (one org level for SCPs and RCPs), in AWS evaluation order. */
export interface PolicyTypeExplanation {
  policyType: PolicyType;
  level?: number;
  /** Whether this policy type takes part in this request, and why not when it does not. */
  applies: boolean;
  reason?: string;
  /** `deny`: a Deny statement applies; `allow`: an Allow statement applies (and no Deny); `none`: nothing applies. */
  outcome: 'deny' | 'allow' | 'none' | 'notApplicable';
  statements: StatementExplanation[];
}

/** The smallest change that would allow the request. */
export interface SuggestedFix {
  kind: 'addAction' | 'addResource' | 'satisfyCondition' | 'addPrincipal' | 'addStatement' | 'removeDeny';
  /** The statement to change; absent for `addStatement`. */
  statement?: StatementRef;
  policyType: PolicyType;
  level?: number;
  /** The value to add (action, resource pattern, principal), or the condition key to satisfy. */
  value?: string;
  /** One line for humans: `add arn:aws:s3:::reports/* to Resource of "WriteReports"`. */
  message: string;
}

/** Everything `authorize` saw and concluded, for `--explain` and `iamcheck why`. */
export interface Explanation {
  request: {
    principal: string;
    action: string;
    resource: string;
    principalAccount?: string;
    resourceAccount?: string;
    sameAccount: boolean;
    /** The context as evaluated, keys as given plus the ones derived from the principal. */
    context: Record<string, string | string[]>;
    /** Keys filled in from the principal (not supplied by the caller). */
    derivedKeys: string[];
  };
  policyTypes: PolicyTypeExplanation[];
  /** For an implicit deny: the policy type (and level) that lacks an Allow, in words. */
  missingAllow?: { policyType: PolicyType; level?: number; message: string };
  /** For an implicit deny: the Allow statements of the missing policy type that came closest (fewest failing parts). */
  closest: StatementExplanation[];
  fixes: SuggestedFix[];
  /** Short notes on rules that shaped the answer (same-account grant, root user, SCPs not applied, …). */
  notes: string[];
}
