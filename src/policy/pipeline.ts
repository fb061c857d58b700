import type { Finding } from '../core/finding.js';
import type { SourceFile } from '../core/source.js';
import { detectPolicyKind, normalizePolicy } from './normalize.js';
import type { QuotaName } from './quotas.js';
import type { DocumentFormat } from './read.js';
import type { ValueNode } from './tree.js';
import type { NormalizedPolicy, PolicyKind } from './types.js';
import { validatePolicy, type ValidateOptions } from './validate.js';

export interface ParsePolicyOptions {
  /** Overrides detection (`--policy-type`). */
  kind?: PolicyKind;
  /** Name used in decisions and messages; defaults to the file path. */
  name?: string;
  format?: DocumentFormat;
  /** The size quota to check (`null`: none); defaults from the kind. */
  quota?: QuotaName | null;
  /** For resource policies: the CloudFormation resource type (`AWS::S3::Bucket`), which selects the size quota. */
  resourceType?: string;
  /** The document's text as written, when it is JSON (for quotas that count white space). */
  documentText?: string;
}

/** Validate → normalize one policy document already parsed into a tree (standalone or embedded). */
export function policyFromTree(root: ValueNode, source: SourceFile, options: ParsePolicyOptions = {}): { policy: NormalizedPolicy; findings: Finding[] } {
  const kind = options.kind ?? detectPolicyKind(root);
  const validateOptions: ValidateOptions = {};
  if (options.quota !== undefined) validateOptions.quota = options.quota;
  if (options.resourceType) validateOptions.resourceType = options.resourceType;
  if (options.documentText !== undefined) validateOptions.documentText = options.documentText;
  const findings = validatePolicy(root, kind, source, validateOptions);
  const policy = normalizePolicy(root, { kind, name: options.name ?? source.path, file: source.path, source });
  return { policy, findings };
}
