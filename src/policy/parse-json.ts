import type { Finding } from '../core/finding.js';
import { positionAt, spanAt, type SourceFile } from '../core/source.js';
import type { Position, Span } from '../core/span.js';
import { LazyOffsetsStringNode, type MemberNode, type ScalarNode, type ValueNode } from './tree.js';

/** Far deeper than any IAM policy (they nest 5 levels) or IaC template; deeper input is refused, not recursed into. */
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

/** Offsets of each UTF-16 unit of a (valid) JSON string literal's value, accounting for escapes. */
function stringValueOffsets(text: string, start: number, end: number): number[] {
  const offsets: number[] = [];
  for (let i = start + 1; i < end - 1; i++) {
    offsets.push(i);
    if (text.charCodeAt(i) === 92) i += text[i + 1] === 'u' ? 5 : 1;
  }
  return offsets;
}

/**
 * Where a JSON text sits inside another file (a policy in a Terraform plan string): `at` maps an offset of the
 * text to the offset of the same character in `outer`; the offset of the text's end maps past its last character.
 */
export interface Placement {
  outer: SourceFile;
  at: (offset: number) => number;
}

/** A syntax error: where, what, and what to do. */
class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly end: number,
    readonly message: string,
    readonly help: string,
  ) {}
}

class TooDeep {
  constructor(readonly offset: number) {}
}

const WHAT: Record<string, string> = { '{': '`{`', '}': '`}`', '[': '`[`', ']': '`]`', ':': '`:`', ',': '`,`', '"': 'a string' };
const DEFAULT_HELP = 'Fix the JSON syntax at this position (a missing comma, quote or bracket is the usual cause).';
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * A strict JSON (RFC 8259) parser that builds the positioned tree directly. Lines are counted while scanning
 * (JSON strings cannot hold raw line breaks, so every position is computed on the current line), which keeps it a
 * small constant factor from `JSON.parse`. Recursion is bounded by MAX_NESTING.
 */
class JsonParser {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  readonly duplicates: { key: MemberNode['key']; first: MemberNode['key'] }[] = [];

  constructor(
    private readonly text: string,
    private readonly placement?: Placement,
  ) {
    if (text.charCodeAt(0) === 0xfeff) this.i = 1; // a BOM the caller did not strip; it takes no column
    if (this.i === 1) this.lineStart = 1;
  }

  private position(offset: number): Position {
    if (this.placement) return positionAt(this.placement.outer, this.placement.at(offset));
    return { line: this.line, column: offset - this.lineStart + 1, offset };
  }

  private skipWhitespace(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.i);
      if (c === 32 || c === 9) this.i++;
      else if (c === 10) {
        this.i++;
        this.line++;
        this.lineStart = this.i;
      } else if (c === 13) {
        this.i += text.charCodeAt(this.i + 1) === 10 ? 2 : 1;
        this.line++;
        this.lineStart = this.i;
      } else return;
    }
  }

  /** "Unexpected …" at the current character, with the help that fits the usual cause. */
  private unexpected(context: string): JsonSyntaxError {
    const text = this.text;
    const at = this.i;
    if (at >= text.length) {
      return new JsonSyntaxError(at, at, `Unexpected end of the file${context}.`, 'The document is cut short: close every `{` and `[` that is still open.');
    }
    const c = text[at];
    if (WHAT[c]) {
      const help = c === '}' || c === ']' ? `Remove the comma before \`${c}\` (JSON allows no trailing comma), or add the missing value.` : c === ',' ? 'Remove the extra comma.' : DEFAULT_HELP;
      const isStringWhereCommaBelongs = c === '"' && context === '';
      return new JsonSyntaxError(at, at + 1, `Unexpected ${WHAT[c]}.`, isStringWhereCommaBelongs ? 'A comma is probably missing before it.' : help);
    }
    if (c === '-' || (c >= '0' && c <= '9')) return new JsonSyntaxError(at, at + 1, 'Unexpected a number.', DEFAULT_HELP);
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(at, at + 64))?.[0];
    if (word) {
      return new JsonSyntaxError(at, at + word.length, `Unexpected \`${word}\`.`, word === 'undefined' || word === 'NaN' || word === 'Infinity' ? 'JSON has only strings, numbers, `true`, `false`, `null`, objects and arrays.' : 'Quote it: strings in JSON are written in double quotes.');
    }
    if (c === "'") return new JsonSyntaxError(at, at + 1, "Unexpected `'`.", 'JSON strings use double quotes (`"`), not single quotes.');
    if (c === '/') return new JsonSyntaxError(at, at + 1, 'Unexpected `/`.', 'JSON has no comments; remove it.');
    return new JsonSyntaxError(at, at + 1, `Unexpected character ${JSON.stringify(c)}.`, DEFAULT_HELP);
  }

  parseRoot(): ValueNode {
    this.skipWhitespace();
    const root = this.parseValue(0);
    this.skipWhitespace();
    if (this.i < this.text.length) throw this.unexpected('');
    return root;
  }

  private parseValue(depth: number): ValueNode {
    const c = this.text.charCodeAt(this.i);
    if (c === 123) return this.parseObject(depth + 1);
    if (c === 91) return this.parseArray(depth + 1);
    if (c === 34) return this.parseString();
    if (c === 45 || (c >= 48 && c <= 57)) return this.parseNumber();
    const start = this.position(this.i);
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.i) && !/[\w$]/.test(this.text[this.i + word.length] ?? '')) {
        this.i += word.length;
        const span = { start, end: this.position(this.i) };
        return value === null ? { type: 'null', value, span } : { type: 'boolean', value, span };
      }
    }
    throw this.unexpected(' where a value belongs');
  }

  private parseObject(depth: number): ValueNode {
    if (depth > MAX_NESTING) throw new TooDeep(this.i);
    const start = this.position(this.i);
    const opened = start.line;
    this.i++;
    const members: MemberNode[] = [];
    let seen: Map<string, MemberNode['key']> | undefined;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.i) === 125) {
      this.i++;
      return { type: 'object', members, span: { start, end: this.position(this.i) } };
    }
    for (;;) {
      if (this.text.charCodeAt(this.i) !== 34) {
        throw this.i >= this.text.length ? this.unexpected(`: the \`{\` on line ${opened} is never closed`) : this.unexpected(' where a key belongs');
      }
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text.charCodeAt(this.i) !== 58) throw this.i >= this.text.length ? this.unexpected(`: the \`{\` on line ${opened} is never closed`) : this.unexpected(' where `:` belongs');
      this.i++;
      this.skipWhitespace();
      if (this.i >= this.text.length) throw this.unexpected(`: the \`{\` on line ${opened} is never closed`);
      const value = this.parseValue(depth);
      const keyLocated = { value: key.value as string, span: key.span };
      // INVARIANT: members keep every duplicate, in order; readers (getMember, toPlain) take the last, as AWS does.
      if (members.length < 16) {
        for (const m of members) {
          if (m.key.value === keyLocated.value) {
            this.duplicates.push({ key: keyLocated, first: m.key });
            break;
          }
        }
      } else {
        // Large objects (Terraform values, dumps): a map keeps duplicate detection linear.
        if (!seen) {
          seen = new Map();
          for (const m of members) if (!seen.has(m.key.value)) seen.set(m.key.value, m.key);
        }
        const first = seen.get(keyLocated.value);
        if (first) this.duplicates.push({ key: keyLocated, first });
        else seen.set(keyLocated.value, keyLocated);
      }
      members.push({ key: keyLocated, value, span: { start: key.span.start, end: value.span.end } });
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.i);
      if (c === 44) {
        this.i++;
        this.skipWhitespace();
        continue;
      }
      if (c === 125) {
        this.i++;
        return { type: 'object', members, span: { start, end: this.position(this.i) } };
      }
      throw this.i >= this.text.length ? this.unexpected(`: the \`{\` on line ${opened} is never closed`) : this.unexpected('');
    }
  }

  private parseArray(depth: number): ValueNode {
    if (depth > MAX_NESTING) throw new TooDeep(this.i);
    const start = this.position(this.i);
    const opened = start.line;
    this.i++;
    const elements: ValueNode[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.i) === 93) {
      this.i++;
      return { type: 'array', elements, span: { start, end: this.position(this.i) } };
    }
    for (;;) {
      if (this.i >= this.text.length) throw this.unexpected(`: the \`[\` on line ${opened} is never closed`);
      elements.push(this.parseValue(depth));
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.i);
      if (c === 44) {
        this.i++;
        this.skipWhitespace();
        continue;
      }
      if (c === 93) {
        this.i++;
        return { type: 'array', elements, span: { start, end: this.position(this.i) } };
      }
      throw this.i >= this.text.length ? this.unexpected(`: the \`[\` on line ${opened} is never closed`) : this.unexpected('');
    }
  }

  private parseString(): ScalarNode {
    const text = this.text;
    const startOffset = this.i;
    const start = this.position(startOffset);
    let i = startOffset + 1;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            throw new JsonSyntaxError(i, i + 2, 'Invalid `\\u` escape: it takes four hexadecimal digits.', 'Write the character as `\\uXXXX`, or write it directly.');
          }
          i += 6;
        } else {
          if (e === undefined || ESCAPES[e] === undefined) {
            if (i + 1 >= text.length) throw new JsonSyntaxError(startOffset, startOffset + 1, 'Unexpected end of the file in a string.', 'Close the string with `"`.');
            throw new JsonSyntaxError(i, i + 2, `Invalid escape \`\\${e}\` in a string.`, 'Valid escapes are `\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`; write a backslash as `\\\\`.');
          }
          i += 2;
        }
        continue;
      }
      if (c < 32 || Number.isNaN(c)) {
        if (Number.isNaN(c) || c === 10 || c === 13) {
          throw new JsonSyntaxError(startOffset, startOffset + 1, 'This string is never closed.', 'Close the string with `"` before the end of the line.');
        }
        throw new JsonSyntaxError(i, i + 1, `A control character (U+${c.toString(16).padStart(4, '0').toUpperCase()}) is not allowed in a string.`, 'Escape it, e.g. a tab as `\\t`.');
      }
      i++;
    }
    this.i = i + 1;
    // INVARIANT: the scan above accepted only valid escapes and no control characters, so the native decoder
    // cannot fail here; it is far faster than decoding escape by escape.
    const value = escaped ? (JSON.parse(text.slice(startOffset, i + 1)) as string) : text.slice(startOffset + 1, i);
    const span = { start, end: this.position(this.i) };
    const placement = this.placement;
    if (placement) {
      // INVARIANT: inside another file the characters are not at `span.start + 1 + i` (the quote itself is
      // written `\"` there), so a placed string always carries its offsets.
      return new LazyOffsetsStringNode(value, span, () => {
        const inner = escaped ? stringValueOffsets(text, startOffset, i + 1) : undefined;
        const offsets = new Array<number>(value.length);
        for (let k = 0; k < value.length; k++) offsets[k] = placement.at(inner ? inner[k] : startOffset + 1 + k);
        return offsets;
      });
    }
    if (!escaped) return { type: 'string', value, span };
    return new LazyOffsetsStringNode(value, span, () => stringValueOffsets(text, startOffset, i + 1));
  }

  private parseNumber(): ScalarNode {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 512));
    const after = match ? this.text[this.i + match[0].length] : undefined;
    if (!match || (after !== undefined && /[\w.+-]/.test(after))) {
      const bad = /^[-+\w.]+/.exec(this.text.slice(this.i, this.i + 64))?.[0] ?? this.text[this.i];
      throw new JsonSyntaxError(this.i, this.i + bad.length, `Invalid number \`${bad}\`.`, 'Write numbers as JSON does (no leading zeros, `+`, hexadecimal or trailing `.`), or quote the value.');
    }
    const start = this.position(this.i);
    this.i += match[0].length;
    return { type: 'number', value: Number(match[0]), span: { start, end: this.position(this.i) } };
  }
}

/**
 * Parses JSON keeping positions. Duplicate keys are reported (AWS keeps the last; a reviewer reads the first).
 * With a `placement`, every span and finding points into `placement.outer` instead of `source`.
 */
export function parseJson(source: SourceFile, placement?: Placement): ParseResult {
  const findings: Finding[] = [];
  const { text } = source;
  const file = placement?.outer ?? source;
  const spanOf = (start: number, end: number): Span => (placement ? spanAt(placement.outer, placement.at(start), placement.at(end)) : spanAt(source, start, end));
  if (text.trim() === '' || text === '\uFEFF') {
    findings.push(parseFinding(file, 'parse/empty', 'The file is empty.', spanOf(0, 0), 'Put a JSON policy document in this file.'));
    return { findings };
  }
  const parser = new JsonParser(text, placement);
  let root: ValueNode;
  try {
    root = parser.parseRoot();
  } catch (error) {
    if (error instanceof TooDeep) {
      findings.push(
        parseFinding(file, 'parse/too-deep', `Nesting is deeper than ${MAX_NESTING} levels.`, spanOf(error.offset, error.offset + 1),
          'An IAM policy nests at most a few levels; check that this is the file you meant.'),
      );
      return { findings };
    }
    if (!(error instanceof JsonSyntaxError)) throw error;
    findings.push(parseFinding(file, 'parse/invalid-json', `Invalid JSON: ${error.message}`, spanOf(error.offset, error.end), error.help));
    return { findings };
  }
  for (const { key, first } of parser.duplicates) {
    findings.push({
      ruleId: 'parse/duplicate-key', severity: 'error', file: file.path, span: key.span,
      message: `Duplicate key \`${key.value}\`; it is also at line ${first.span.start.line}.`,
      notes: ['JSON parsers, AWS among them, keep only the last value, so the first one has no effect although a reviewer will read it.'],
      help: 'Merge the two into one key.',
    });
  }
  return { root, findings };
}

export { positionAt };
