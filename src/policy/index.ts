import type { Finding } from '../core/finding.js';
import { createSourceFile, type SourceFile } from '../core/source.js';
import { policyFromTree, type ParsePolicyOptions } from './pipeline.js';
import { findEmptyYaml } from './parse-yaml.js';
import { parseSource } from './read.js';
import type { ValueNode } from './tree.js';
import type { NormalizedPolicy } from './types.js';

export { policyFromTree, type ParsePolicyOptions } from './pipeline.js';
export * from './types.js';
export * from './tree.js';
export { parseJson, findExcessiveNesting, MAX_NESTING } from './parse-json.js';
export { parseYaml } from './parse-yaml.js';
export { readSource, decodeSource, parseSource, detectFormat, MAX_FILE_BYTES } from './read.js';
export { normalizePolicy, detectPolicyKind } from './normalize.js';
export { validatePolicy, KIND_LABELS, type ValidateOptions } from './validate.js';
export { POLICY_QUOTAS, IAM_QUOTAS_URL, defaultQuota, measurePolicy, type PolicyQuota, type QuotaName } from './quotas.js';
export { documentsInFile, detectContainer, type PolicyDocument, type DocumentsOptions, type DocumentsResult, type ContainerType } from './documents.js';
export { parseEmbeddedJson, type EmbeddedParse, type StringEncoding } from './embedded.js';
export { resolveIntrinsics, isIntrinsic } from './intrinsics.js';
export { findExcessiveBlockNesting, findEmptyYaml, MAX_YAML_NODES, MAX_ALIAS_EXPANSION } from './parse-yaml.js';

export interface ParsedPolicy {
  /** Undefined when the text could not be parsed at all (a fatal finding says why). */
  policy?: NormalizedPolicy;
  root?: ValueNode;
  findings: Finding[];
  source: SourceFile;
}

/** Parses a policy document's text: the pipeline's entry point for one standalone policy. */
export function parsePolicy(textOrSource: string | SourceFile, options: ParsePolicyOptions & { path?: string } = {}): ParsedPolicy {
  const source = typeof textOrSource === 'string' ? createSourceFile(options.path ?? '<inline>', textOrSource.replace(/^\uFEFF/, '')) : textOrSource;
  const format = options.format ?? 'json';
  const parsed = parseSource(source, format);
  if (!parsed.root) return { findings: parsed.findings, source };
  const empty = format === 'yaml' ? findEmptyYaml(source, parsed.root) : undefined;
  if (empty) return { findings: [...parsed.findings, empty], source };
  const documentText = format === 'json' ? source.text.slice(parsed.root.span.start.offset, parsed.root.span.end.offset) : undefined;
  const { policy, findings } = policyFromTree(parsed.root, source, documentText !== undefined && options.documentText === undefined ? { ...options, documentText } : options);
  return { policy, root: parsed.root, findings: [...parsed.findings, ...findings], source };
}
