import type { Finding } from '../core/finding.js';
import { createSourceFile, type SourceFile } from '../core/source.js';
import { detectPolicyKind, normalizePolicy } from './normalize.js';
import { parseSource, type DocumentFormat } from './read.js';
import type { ValueNode } from './tree.js';
import type { NormalizedPolicy, PolicyKind } from './types.js';
import { validatePolicy } from './validate.js';

export * from './types.js';
export * from './tree.js';
export { parseJson, findExcessiveNesting, MAX_NESTING } from './parse-json.js';
export { parseYaml } from './parse-yaml.js';
export { readSource, decodeSource, parseSource, detectFormat, MAX_FILE_BYTES } from './read.js';
export { normalizePolicy, detectPolicyKind } from './normalize.js';
export { validatePolicy } from './validate.js';

export interface ParsePolicyOptions {
  /** Overrides detection (`--policy-type`). */
  kind?: PolicyKind;
  /** Name used in decisions and messages; defaults to the file path. */
  name?: string;
  format?: DocumentFormat;
}

export interface ParsedPolicy {
  /** Undefined when the text could not be parsed at all (a fatal finding says why). */
  policy?: NormalizedPolicy;
  root?: ValueNode;
  findings: Finding[];
  source: SourceFile;
}

/** Parse → validate → normalize one policy document already parsed into a tree (also used for embedded documents). */
export function policyFromTree(root: ValueNode, source: SourceFile, options: ParsePolicyOptions = {}): { policy: NormalizedPolicy; findings: Finding[] } {
  const kind = options.kind ?? detectPolicyKind(root);
  const findings = validatePolicy(root, kind, source);
  const policy = normalizePolicy(root, { kind, name: options.name ?? source.path, file: source.path, source });
  return { policy, findings };
}

/** Parses a policy document's text: the pipeline's entry point for one standalone policy. */
export function parsePolicy(textOrSource: string | SourceFile, options: ParsePolicyOptions & { path?: string } = {}): ParsedPolicy {
  const source = typeof textOrSource === 'string' ? createSourceFile(options.path ?? '<inline>', textOrSource.replace(/^\uFEFF/, '')) : textOrSource;
  const parsed = parseSource(source, options.format ?? 'json');
  if (!parsed.root) return { findings: parsed.findings, source };
  const { policy, findings } = policyFromTree(parsed.root, source, options);
  return { policy, root: parsed.root, findings: [...parsed.findings, ...findings], source };
}
