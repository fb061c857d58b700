import type { Located, Span } from '../core/span.js';

/**
 * A JSON-shaped document whose every node knows where it was written. JSON (momoa) and YAML (yaml) both
 * parse to this, so normalization, extraction and validation are written once.
 */
export type ValueNode = ObjectNode | ArrayNode | ScalarNode;

export interface ObjectNode {
  type: 'object';
  members: MemberNode[];
  span: Span;
  /** A YAML tag such as `!Sub`, when the document had one. */
  tag?: string;
}

export interface MemberNode {
  key: Located<string>;
  value: ValueNode;
  span: Span;
}

export interface ArrayNode {
  type: 'array';
  elements: ValueNode[];
  span: Span;
  tag?: string;
}

export interface ScalarNode {
  type: 'string' | 'number' | 'boolean' | 'null';
  value: string | number | boolean | null;
  span: Span;
  tag?: string;
  /**
   * For a string: where each character of `value` sits in the source, when it differs from `span.start.offset + 1 + i`
   * (escape sequences). Used to map positions inside policies that are embedded as JSON strings.
   */
  valueOffsets?: number[];
}

/** The first member named `key` (exact, case-sensitive, as AWS reads policy keys). */
export function getMember(node: ObjectNode, key: string): MemberNode | undefined {
  return node.members.find((m) => m.key.value === key);
}

/** Plain data for schema validation: own properties only, so `__proto__` stays a key and never a prototype. */
export function toPlain(node: ValueNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const m of node.members) {
        Object.defineProperty(out, m.key.value, { value: toPlain(m.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return node.elements.map(toPlain);
    default:
      return node.value;
  }
}

/** The node at a JSON-pointer-like path of keys and indexes, or undefined. */
export function nodeAtPath(root: ValueNode, path: readonly (string | number)[]): ValueNode | MemberNode | undefined {
  let node: ValueNode = root;
  let member: MemberNode | undefined;
  for (const step of path) {
    if (node.type === 'object' && typeof step === 'string') {
      member = getMember(node, step);
      if (!member) return undefined;
      node = member.value;
    } else if (node.type === 'array' && typeof step === 'number') {
      const next: ValueNode | undefined = node.elements[step];
      if (!next) return undefined;
      node = next;
      member = undefined;
    } else return undefined;
  }
  return node;
}
