import type { Finding } from '../core/finding.js';
import { createSourceFile, type SourceFile } from '../core/source.js';
import { parseJson } from './parse-json.js';
import type { MemberNode, ScalarNode, ValueNode } from './tree.js';

/** How a policy is stored in a string: as JSON text, or as URL-encoded JSON (IAM API responses). */
export type StringEncoding = 'json' | 'url-encoded';

export interface EmbeddedParse {
  root?: ValueNode;
  findings: Finding[];
  /** The document's text (decoded), for quotas that count white space. */
  text: string;
}

/**
 * Offset in the outer file of each character of the string's value, plus one past the last (the closing quote),
 * or undefined when characters cannot be placed one by one (block scalars, URL encoding).
 */
function characterOffsets(outer: SourceFile, node: ScalarNode, encoding: StringEncoding): ((i: number) => number) | undefined {
  if (encoding === 'url-encoded') return undefined;
  const value = node.value as string;
  const start = node.span.start.offset;
  const end = node.span.end.offset;
  if (node.valueOffsets) {
    const offsets = node.valueOffsets;
    // INVARIANT: valueOffsets has one entry per UTF-16 unit of the value (parse-json.ts).
    return (i) => (i < offsets.length ? offsets[i] : end - 1);
  }
  const written = outer.text.slice(start, end);
  if (written.length === value.length + 2 && (written[0] === '"' || written[0] === "'") && written.slice(1, -1) === value) {
    return (i) => start + 1 + Math.min(i, value.length);
  }
  if (written === value) return (i) => start + Math.min(i, value.length);
  return undefined;
}

/**
 * Parses the policy inside a string node (a Terraform plan attribute, an IAM API document) as its own JSON text,
 * and maps every span of the result back into the outer file, so findings point at the outer file's line:column.
 * When the characters cannot be placed one by one, every span becomes the string's own span.
 */
export function parseEmbeddedJson(outer: SourceFile, node: ScalarNode, encoding: StringEncoding): EmbeddedParse {
  let text = node.value as string;
  if (encoding === 'url-encoded') {
    try {
      text = decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return {
        text,
        findings: [{
          ruleId: 'parse/invalid-url-encoding', severity: 'error', file: outer.path, span: node.span, fatal: true,
          message: 'The policy document is not valid URL-encoded text.',
          help: 'IAM returns policy documents URL-encoded; pass the output of the AWS CLI, which decodes them, or the raw API response unchanged.',
        }],
      };
    }
  }
  const inner = createSourceFile(outer.path, text);
  const at = characterOffsets(outer, node, encoding);
  if (at) {
    // Placed parse: spans are computed in the outer file directly, with no second copy of the tree.
    const parsed = parseJson(inner, { outer, at });
    return parsed.root ? { root: parsed.root, findings: parsed.findings, text } : { findings: parsed.findings, text };
  }
  // The characters cannot be placed one by one (URL encoding, YAML block scalars): every span is the string's.
  const parsed = parseJson(inner);
  const findings = parsed.findings.map((f) => ({ ...f, file: outer.path, span: node.span }));
  if (!parsed.root) return { findings, text };
  const collapse = (n: ValueNode): ValueNode => {
    switch (n.type) {
      case 'object':
        return { type: 'object', span: node.span, members: n.members.map((m): MemberNode => ({ key: { value: m.key.value, span: node.span }, value: collapse(m.value), span: node.span })) };
      case 'array':
        return { type: 'array', span: node.span, elements: n.elements.map(collapse) };
      default:
        return { type: n.type, value: n.value, span: node.span };
    }
  };
  return { root: collapse(parsed.root), findings, text };
}
