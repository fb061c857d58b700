import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { Finding } from '../core/finding.js';
import { spanAt, type SourceFile } from '../core/source.js';
import type { ParseResult } from './parse-json.js';
import { findExcessiveNesting, MAX_NESTING } from './parse-json.js';
import type { MemberNode, ValueNode } from './tree.js';

/** YAML tags that CloudFormation templates use; every other custom tag is kept on the node as well. */
const CFN_TAGS = ['!Ref', '!Sub', '!GetAtt', '!Join', '!If', '!Select', '!Split', '!FindInMap', '!ImportValue', '!Base64', '!GetAZs', '!Equals', '!Not', '!And', '!Or', '!Condition', '!Cidr', '!Transform', '!Length', '!ToJsonString'];
const customTags = CFN_TAGS.flatMap((tag) =>
  (['scalar', 'seq', 'map'] as const).map((collection) => ({
    tag,
    collection: collection === 'scalar' ? undefined : collection,
    resolve: (value: unknown) => value,
  })),
);

/** Aliases are expanded into copies; this caps the expansion (a "billion laughs" document stops here). */
export const MAX_YAML_NODES = 2_000_000;

/**
 * Parses YAML keeping positions (config files, scenario files, CloudFormation templates). Aliases are expanded,
 * within MAX_YAML_NODES.
 */
export function parseYaml(source: SourceFile): ParseResult {
  const findings: Finding[] = [];
  // Flow collections (`[[[…`) nest without indentation; refuse them before the recursive parser sees them.
  const deep = findExcessiveNesting(source.text);
  if (deep !== undefined) {
    findings.push({ ruleId: 'parse/too-deep', severity: 'error', file: source.path, span: spanAt(source, deep, deep + 1),
      message: `Nesting is deeper than ${MAX_NESTING} levels.`, help: 'Check that this is the file you meant.', fatal: true });
    return { findings };
  }
  const lineCounter = new LineCounter();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const doc = parseDocument(source.text, { lineCounter, keepSourceTokens: false, uniqueKeys: false, customTags: customTags as any, prettyErrors: false });
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    findings.push({
      ruleId: 'parse/invalid-yaml', severity: 'error', file: source.path, span: spanAt(source, start, Math.max(end, start + 1)),
      message: `Invalid YAML: ${error.message.split('\n')[0]}`, help: 'Fix the YAML syntax at this position.', fatal: true,
    });
  }
  if (findings.length) return { findings };
  let tooDeep = false;
  let budget = MAX_YAML_NODES;
  const convert = (node: YamlNode | null | undefined, depth: number, fallback: number): ValueNode => {
    if (--budget < 0 && !tooDeep) {
      tooDeep = true;
      findings.push({ ruleId: 'parse/too-large', severity: 'error', file: source.path, span: spanAt(source, fallback, fallback + 1),
        message: `The document expands to more than ${MAX_YAML_NODES} values (through aliases or sheer size).`,
        help: 'Reduce the use of YAML aliases (`*name`), or split the file.', fatal: true });
    }
    if (tooDeep) return { type: 'null', value: null, span: spanAt(source, fallback, fallback) };
    if (depth > MAX_NESTING) {
      if (!tooDeep) {
        tooDeep = true;
        findings.push({ ruleId: 'parse/too-deep', severity: 'error', file: source.path, span: spanAt(source, fallback, fallback + 1),
          message: `Nesting is deeper than ${MAX_NESTING} levels.`, help: 'Check that this is the file you meant.', fatal: true });
      }
      return { type: 'null', value: null, span: spanAt(source, fallback, fallback) };
    }
    if (!node) return { type: 'null', value: null, span: spanAt(source, fallback, fallback) };
    if (isAlias(node)) return convert(node.resolve(doc) as YamlNode | undefined, depth + 1, fallback);
    const [start, valueEnd] = node.range ?? [fallback, fallback];
    const span = spanAt(source, start, valueEnd);
    const tag = node.tag && node.tag.startsWith('!') ? node.tag : undefined;
    if (isMap(node)) {
      const members: MemberNode[] = [];
      const seen = new Map<string, MemberNode>();
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const keyRange = keyNode?.range ?? [start, start];
        const keyValue = isScalar(keyNode) ? String(keyNode.value) : String(keyNode ?? '');
        const keySpan = spanAt(source, keyRange[0], keyRange[1]);
        const value = convert(pair.value as YamlNode | null, depth + 1, keyRange[1]);
        const member: MemberNode = { key: { value: keyValue, span: keySpan }, value, span: { start: keySpan.start, end: value.span.end } };
        const first = seen.get(keyValue);
        if (first) {
          findings.push({ ruleId: 'parse/duplicate-key', severity: 'error', file: source.path, span: keySpan,
            message: `Duplicate key \`${keyValue}\`; it is also at line ${first.key.span.start.line}.`,
            notes: ['Only one of the two values takes effect, although a reviewer will read both.'], help: 'Merge the two into one key.' });
        } else seen.set(keyValue, member);
        members.push(member);
      }
      return { type: 'object', members, span, ...(tag ? { tag } : {}) };
    }
    if (isSeq(node)) {
      return { type: 'array', elements: node.items.map((item) => convert(item as YamlNode, depth + 1, start)), span, ...(tag ? { tag } : {}) };
    }
    if (isScalar(node)) {
      const v = node.value;
      const base = tag ? { tag } : {};
      if (v === null || v === undefined) return { type: 'null', value: null, span, ...base };
      if (typeof v === 'boolean') return { type: 'boolean', value: v, span, ...base };
      if (typeof v === 'number') return { type: 'number', value: v, span, ...base };
      if (typeof v === 'bigint') return { type: 'number', value: Number(v), span, ...base };
      if (v instanceof Date) return { type: 'string', value: v.toISOString(), span, ...base };
      return { type: 'string', value: String(v), span, ...base };
    }
    return { type: 'null', value: null, span };
  };
  const root = convert(doc.contents as YamlNode | null, 0, 0);
  return tooDeep ? { findings } : { root, findings };
}
