import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { Finding } from '../core/finding.js';
import { spanAt, type SourceFile } from '../core/source.js';
import type { ParseResult } from './parse-json.js';
import { findExcessiveNesting, MAX_NESTING } from './parse-json.js';
import type { MemberNode, ValueNode } from './tree.js';

/** YAML tags that CloudFormation templates use; every other custom tag is kept on the node as well. */
const require = createRequire(import.meta.url);
let yamlModule: typeof YamlModule | undefined;
/** The `yaml` package, loaded on first use: commands that read no YAML (most `simulate` and `lint` runs) never pay for it. */
function yaml(): typeof YamlModule {
  return (yamlModule ??= require('yaml') as typeof YamlModule);
}

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

/** How many values aliases may add to a document by expansion. Templates and configs use a handful. */
export const MAX_ALIAS_EXPANSION = 100_000;

/**
 * Finds the first line whose block nesting (indentation levels plus compact `- - -` / `? ` indicators) exceeds
 * `max`. Linear and approximate (it does not parse), so the recursive YAML parser never sees such input.
 */
export function findExcessiveBlockNesting(text: string, max = MAX_NESTING): number | undefined {
  const indents: number[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    const first = text.charCodeAt(i);
    if (i < lineEnd && first !== 35 /* # */ && first !== 13) {
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      let depth = indents.length;
      if (depth > max) return i;
      // `- ` and `? ` each open a collection inside the line: `- - - x` is three sequences deep.
      while (i + 1 < lineEnd && (text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        if (++depth > max) return i;
        i += 2;
        while (i < lineEnd && text.charCodeAt(i) === 32) i++;
      }
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/**
 * The fatal `parse/empty` finding for a YAML file with no content (empty, blank, or only comments and `---`), as
 * parseJson reports an empty JSON file; undefined when `root` is a value. A YAML stream with no document parses to
 * null, which config files accept as "nothing set" but a policy cannot be.
 */
export function findEmptyYaml(source: SourceFile, root: ValueNode): Finding | undefined {
  if (root.type !== 'null' || root.tag || root.span.start.offset !== root.span.end.offset) return undefined;
  const blank = source.text.trim() === '';
  return {
    ruleId: 'parse/empty', severity: 'error', file: source.path, span: spanAt(source, 0, 0), fatal: true,
    message: blank ? 'The file is empty.' : 'The file holds no YAML document, only comments.',
    help: 'Put a policy document (YAML or JSON) in this file.',
  };
}

/**
 * Parses YAML keeping positions (config files, scenario files, CloudFormation templates). Aliases are expanded,
 * within MAX_YAML_NODES.
 */
export function parseYaml(source: SourceFile): ParseResult {
  const { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } = yaml();
  const findings: Finding[] = [];
  // Flow collections (`[[[…`) nest without indentation; refuse them before the recursive parser sees them.
  const deep = findExcessiveNesting(source.text);
  if (deep !== undefined) {
    findings.push({ ruleId: 'parse/too-deep', severity: 'error', file: source.path, span: spanAt(source, deep, deep + 1),
      message: `Nesting is deeper than ${MAX_NESTING} levels.`, help: 'Check that this is the file you meant.', fatal: true });
    return { findings };
  }
  const deepBlock = findExcessiveBlockNesting(source.text);
  if (deepBlock !== undefined) {
    findings.push({ ruleId: 'parse/too-deep', severity: 'error', file: source.path, span: spanAt(source, deepBlock, deepBlock + 1),
      message: `Nesting is deeper than ${MAX_NESTING} levels.`, help: 'Check that this is the file you meant.', fatal: true });
    return { findings };
  }
  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    doc = parseDocument(source.text, { lineCounter, keepSourceTokens: false, uniqueKeys: false, customTags: customTags as any, prettyErrors: false });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    findings.push({ ruleId: 'parse/too-deep', severity: 'error', file: source.path, span: spanAt(source, 0, 1),
      message: 'The document nests too deeply to be read.', help: 'Check that this is the file you meant.', fatal: true });
    return { findings };
  }
  for (const error of doc.errors) {
    if (/call stack/i.test(error.message)) {
      findings.push({ ruleId: 'parse/too-deep', severity: 'error', file: source.path, span: spanAt(source, 0, 1),
        message: 'The document nests too deeply to be read.', help: 'Check that this is the file you meant.', fatal: true });
      return { findings };
    }
    const [start, end] = error.pos;
    findings.push({
      ruleId: 'parse/invalid-yaml', severity: 'error', file: source.path, span: spanAt(source, start, Math.max(end, start + 1)),
      message: `Invalid YAML: ${error.message.split('\n')[0]}`, help: 'Fix the YAML syntax at this position.', fatal: true,
    });
  }
  if (findings.length) return { findings };
  let tooDeep = false;
  let budget = MAX_YAML_NODES;
  // `Alias.resolve` walks the whole document for each alias (quadratic on alias-heavy input); resolve them all in
  // one pass instead: an alias refers to the last node with its anchor before it, in document order.
  const aliasTargets = new Map<unknown, YamlNode>();
  const anchored = new Map<string, YamlNode>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = anchored.get(node.source);
        if (target) aliasTargets.set(node, target);
      } else if ((node as { anchor?: string }).anchor) anchored.set((node as { anchor: string }).anchor, node as YamlNode);
    },
  });
  // Count what the aliases expand to before expanding anything (memoized, so linear in the document).
  const sizes = new Map<unknown, number>();
  let written = 0;
  const sizeOf = (node: unknown, depth: number): number => {
    if (!node || depth > MAX_NESTING * 4) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    sizes.set(node, 1); // a cycle through an alias counts once
    let size = 1;
    if (isAlias(node)) size = sizeOf(aliasTargets.get(node), depth + 1);
    else if (isMap(node)) for (const pair of node.items) size += sizeOf(pair.key, depth + 1) + sizeOf(pair.value, depth + 1);
    else if (isSeq(node)) for (const item of node.items) size += sizeOf(item, depth + 1);
    if (!isAlias(node)) written++;
    sizes.set(node, Math.min(size, Number.MAX_SAFE_INTEGER));
    return size;
  };
  const expanded = sizeOf(doc.contents, 0);
  if (expanded - written > MAX_ALIAS_EXPANSION) {
    let worst: YamlNode | undefined;
    for (const alias of aliasTargets.keys()) if (!worst || sizeOf(alias, 0) > sizeOf(worst, 0)) worst = alias as YamlNode;
    const at = worst?.range?.[0] ?? 0;
    findings.push({ ruleId: 'parse/too-large', severity: 'error', file: source.path, span: spanAt(source, at, worst?.range?.[1] ?? at + 1),
      message: `YAML aliases expand this document to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} values.`,
      notes: ['Each `*alias` is a copy of what its anchor names; aliases of aliases multiply ("billion laughs").'],
      help: 'Write the values out, or reduce the use of aliases.', fatal: true });
    return { findings };
  }
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
    if (isAlias(node)) return convert(aliasTargets.get(node), depth + 1, fallback);
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
