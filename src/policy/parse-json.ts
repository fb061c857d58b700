import { parse as momoaParse, type AnyNode } from '@humanwhocodes/momoa';
import type { Finding } from '../core/finding.js';
import { positionAt, spanAt, type SourceFile } from '../core/source.js';
import type { Span } from '../core/span.js';
import type { MemberNode, ValueNode } from './tree.js';

/** Far deeper than any IAM policy (they nest 5 levels) or IaC template; deeper input is refused before parsing. */
export const MAX_NESTING = 128;

export interface ParseResult {
  root?: ValueNode;
  findings: Finding[];
}

function parseFinding(source: SourceFile, ruleId: string, message: string, span: Span, help: string, fatal = true): Finding {
  return { ruleId, severity: 'error', message, file: source.path, span, help, fatal };
}

/**
 * Finds the first place where `[`/`{` nesting exceeds `max`, skipping string contents. Linear, no recursion,
 * so hostile input cannot overflow the stack of the recursive parser that runs after it.
 */
export function findExcessiveNesting(text: string, max = MAX_NESTING): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return undefined;
}

/** Offsets of each character of a JSON string literal's value, accounting for escapes. */
function stringValueOffsets(text: string, start: number, end: number): number[] | undefined {
  let escaped = false;
  const offsets: number[] = [];
  for (let i = start + 1; i < end - 1; i++) {
    offsets.push(i);
    if (text.charCodeAt(i) === 92) {
      escaped = true;
      const next = text[i + 1];
      i += next === 'u' ? 5 : 1;
    }
  }
  return escaped ? offsets : undefined;
}

/** Parses JSON keeping positions. Duplicate keys are reported (AWS keeps the last; a reviewer reads the first). */
export function parseJson(source: SourceFile): ParseResult {
  const findings: Finding[] = [];
  const { text } = source;
  const deep = findExcessiveNesting(text);
  if (deep !== undefined) {
    findings.push(
      parseFinding(source, 'parse/too-deep', `Nesting is deeper than ${MAX_NESTING} levels.`, spanAt(source, deep, deep + 1),
        'An IAM policy nests at most a few levels; check that this is the file you meant.'),
    );
    return { findings };
  }
  if (text.trim() === '') {
    findings.push(parseFinding(source, 'parse/empty', 'The file is empty.', spanAt(source, 0, 0), 'Put a JSON policy document in this file.'));
    return { findings };
  }
  let doc;
  try {
    doc = momoaParse(text, { mode: 'json', ranges: true });
  } catch (error) {
    const e = error as { message: string; offset?: number };
    const offset = typeof e.offset === 'number' ? e.offset : 0;
    const message = e.message.replace(/\s*\(\d+:\d+\)\s*$/, '');
    findings.push(parseFinding(source, 'parse/invalid-json', `Invalid JSON: ${message}`, spanAt(source, offset, offset + 1),
      'Fix the JSON syntax at this position (a missing comma, quote or bracket is the usual cause).'));
    return { findings };
  }
  const convert = (node: AnyNode): ValueNode => {
    const span = spanAt(source, node.range![0], node.range![1]);
    switch (node.type) {
      case 'Object': {
        const members: MemberNode[] = [];
        const seen = new Map<string, MemberNode>();
        for (const m of node.members) {
          const keySpan = spanAt(source, m.name.range![0], m.name.range![1]);
          const keyValue = m.name.type === 'String' ? m.name.value : m.name.name;
          const member: MemberNode = { key: { value: keyValue, span: keySpan }, value: convert(m.value), span: spanAt(source, m.range![0], m.range![1]) };
          const first = seen.get(keyValue);
          if (first) {
            findings.push({
              ruleId: 'parse/duplicate-key', severity: 'error', file: source.path, span: keySpan,
              message: `Duplicate key \`${keyValue}\`; it is also at line ${first.key.span.start.line}.`,
              notes: ['JSON parsers, AWS among them, keep only the last value, so the first one has no effect although a reviewer will read it.'],
              help: 'Merge the two into one key.',
            });
          } else seen.set(keyValue, member);
          members.push(member);
        }
        return { type: 'object', members, span };
      }
      case 'Array':
        return { type: 'array', elements: node.elements.map((e) => convert(e.value)), span };
      case 'String': {
        const valueOffsets = stringValueOffsets(text, node.range![0], node.range![1]);
        return valueOffsets ? { type: 'string', value: node.value, span, valueOffsets } : { type: 'string', value: node.value, span };
      }
      case 'Number':
        return { type: 'number', value: node.value, span };
      case 'Boolean':
        return { type: 'boolean', value: node.value, span };
      case 'Null':
        return { type: 'null', value: null, span };
      default:
        // JSON mode of momoa yields only the node types above; anything else (NaN, Infinity, identifiers) is JSON5.
        findings.push(parseFinding(source, 'parse/invalid-json', `Invalid JSON value of type ${node.type}.`, span, 'Use only JSON values.'));
        return { type: 'null', value: null, span };
    }
  };
  const root = convert(doc.body);
  return { root, findings };
}

export { positionAt };
