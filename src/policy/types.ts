import type { Located, Span } from '../core/span.js';
import type { SourceFile } from '../core/source.js';

/** The kinds of IAM policy documents, by where AWS attaches them. */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'scp' | 'rcp' | 'boundary' | 'session';
export const POLICY_KINDS: readonly PolicyKind[] = ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'];

export type Effect = 'Allow' | 'Deny';

/** The key under `Principal`: `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for `"Principal": "*"`. */
export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';

export interface PrincipalValue {
  type: PrincipalType;
  /** The principal as written (`"*"` for `"Principal": "*"`). */
  value: string;
  span: Span;
}

/**
 * One condition key under one operator: `"StringLike": {"s3:prefix": ["a/*", "b/*"]}` gives one entry with
 * two values. Values are strings as AWS reads them (JSON `true` → `"true"`, `5` → `"5"`).
 */
export interface ConditionEntry {
  /** The operator as written, including any `ForAllValues:`/`ForAnyValue:` prefix and `IfExists` suffix. */
  operator: Located<string>;
  key: Located<string>;
  values: Located<string>[];
  span: Span;
}

export interface Statement {
  /** 0-based position in the document's `Statement` list. */
  index: number;
  sid?: Located<string>;
  /** `Sid` when present, else `#<index+1>`: what messages call the statement. */
  sidLabel: string;
  effect: Located<Effect>;
  /** Exactly one of `actions` / `notActions` is set in a valid statement. */
  actions?: Located<string>[];
  notActions?: Located<string>[];
  resources?: Located<string>[];
  notResources?: Located<string>[];
  principals?: PrincipalValue[];
  notPrincipals?: PrincipalValue[];
  conditions: ConditionEntry[];
  /** The whole statement object. */
  span: Span;
}

/** A policy document in the one shape every consumer reads: arrays always arrays, every value with its span. */
export interface NormalizedPolicy {
  kind: PolicyKind;
  /** A name for messages and decisions: policy name, or the file name. */
  name: string;
  /** The file the document was read from (for an embedded document, the enclosing file). */
  file: string;
  version?: Located<string>;
  id?: Located<string>;
  statements: Statement[];
  /** The whole document. */
  span: Span;
  source?: SourceFile;
}
