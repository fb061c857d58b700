import type { Located, Span } from '../core/span.js';

/**
 * A JSON-shaped document whose every node knows where it was written. JSON (parse-json.ts) and YAML (yaml) both
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

/**
 * The member named `key` (exact, case-sensitive, as AWS reads policy keys). When a key is duplicated (a parse
 * finding), the last one wins, as it does for AWS and for `toPlain`.
 */
export function getMember(node: ObjectNode, key: string): MemberNode | undefined {
  for (let i = node.members.length - 1; i >= 0; i--) if (node.members[i].key.value === key) return node.members[i];
  return undefined;
}

/** Plain data for schema validation: own properties only, so `__proto__` stays a key and never a prototype. */
export function toPlain(node: ValueNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const m of node.members) {
        const key = m.key.value;
        // INVARIANT: `__proto__` is the one key whose assignment would change the prototype; define it instead.
        if (key === '__proto__') Object.defineProperty(out, key, { value: toPlain(m.value), enumerable: true, writable: true, configurable: true });
        else out[key] = toPlain(m.value);
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

/**
 * A string node whose `valueOffsets` are computed on first read and then kept. Parsers know cheaply *that* a
 * string has escapes; where each character sits is needed only for the few strings that hold embedded documents.
 * (A prototype getter, not `Object.defineProperty` per node, which would slow every node down.)
 */
export class LazyOffsetsStringNode implements ScalarNode {
  readonly type = 'string' as const;
  #compute: (() => number[]) | undefined;
  #offsets: number[] | undefined;

  constructor(
    public value: string,
    public span: Span,
    compute: () => number[],
  ) {
    this.#compute = compute;
  }

  get valueOffsets(): number[] {
    if (!this.#offsets) {
      this.#offsets = this.#compute!();
      this.#compute = undefined;
    }
    return this.#offsets;
  }
}
