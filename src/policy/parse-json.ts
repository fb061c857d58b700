import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import type { Finding } from '../core/finding.js';
import { positionAt, spanAt, type SourceFile } from '../core/source.js';
import type { Located, Position, Span } from '../core/span.js';
import { LazyOffsetsStringNode, type ArrayNode, type ObjectNode, type ValueNode } from './tree.js';

/** Far deeper than any IAM policy (they nest 5 levels) or IaC template; deeper input is refused, not recursed into. */
export const MAX_NESTING = 128;

export interface ParseResult {
  root?: ValueNode;
  findings: Finding[];
}

/**
 * Where a JSON text sits inside another file (a policy in a Terraform plan string): `at` maps an offset of the
 * text to the offset of the same character in `outer`; the offset of the text's end maps past its last character.
 */
export interface Placement {
  outer: SourceFile;
  at: (offset: number) => number;
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

/** jsonc-parser's first error; thrown from its visitor to stop at it (nothing after a syntax error is built). */
class FirstError {
  constructor(
    readonly code: ParseErrorCode,
    readonly offset: number,
    readonly length: number,
  ) {}
}

/** A syntax error in the user's words: where (offsets in the parsed text), what, and what to do. */
interface SyntaxProblem {
  start: number;
  end: number;
  message: string;
  help: string;
}

const DEFAULT_HELP = 'Fix the JSON syntax at this position (a missing comma, quote or bracket is the usual cause).';
const NUMBER_HELP = 'Write numbers as JSON does (digits after `.` and `e`; no leading zeros, `+`, hexadecimal or trailing `.`), or quote the value.';
const EXPECTED: Partial<Record<ReturnType<typeof printParseErrorCode>, string>> = {
  PropertyNameExpected: 'a key in double quotes',
  ValueExpected: 'a value',
  ColonExpected: '`:` after the key',
  EndOfFileExpected: 'the end of the file',
};

/** What the user wrote at `offset`, in words: "a string", "a number", or the token itself. */
function describeToken(text: string, offset: number, length: number): string {
  const c = text[offset];
  if (c === '"') return 'a string';
  if (c === '-' || (c >= '0' && c <= '9')) return 'a number';
  return `\`${text.slice(offset, offset + Math.min(length, 40))}\``;
}

/** The first invalid escape or control character in the string literal at [start, end), if the scanner flagged one. */
function problemInString(text: string, start: number, end: number): SyntaxProblem | undefined {
  // Valid escapes are consumed as wholes, so `\\x` (an escaped backslash, then `x`) is not read as `\x`.
  // `[^ -\uffff]` is a character below U+0020 (a control character), without writing one in the pattern.
  const pattern = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})|(\\u)|(\\[^]?)|([^ -\uffff])/g;
  const literal = text.slice(start, end);
  for (let m = pattern.exec(literal); m; m = pattern.exec(literal)) {
    const at = start + m.index;
    if (m[1]) return { start: at, end: at + 2, message: 'Invalid `\\u` escape: it takes four hexadecimal digits.', help: 'Write the character as `\\uXXXX`, or write it directly.' };
    if (m[2]) {
      return { start: at, end: at + m[2].length, message: `Invalid escape \`${m[2]}\` in a string.`,
        help: 'Valid escapes are `\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`; write a backslash as `\\\\`.' };
    }
    if (m[3]) {
      const code = m[3].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase();
      return { start: at, end: at + 1, message: `A control character (U+${code}) is not allowed in a string.`, help: 'Escape it, e.g. a tab as `\\t`.' };
    }
  }
  return undefined;
}

/**
 * Words for jsonc-parser's first error. `open` is the innermost container still open there (for a document cut
 * short), `lastNumber` the offsets of the last number read (`01` is scanned as `0` then `1`).
 */
function describeError(text: string, error: FirstError, open: ValueNode | undefined, lastNumber: [number, number] | undefined): SyntaxProblem {
  const { offset, length } = error;
  const name = printParseErrorCode(error.code);
  const token = text.slice(offset, offset + length);
  const at = (message: string, help = DEFAULT_HELP): SyntaxProblem => ({ start: offset, end: offset + length, message, help });
  if (offset >= text.length) {
    const never = open ? `: the \`${open.type === 'object' ? '{' : '['}\` on line ${open.span.start.line} is never closed` : '';
    return at(`Unexpected end of the file${never}.`, 'The document is cut short: close every `{` and `[` that is still open.');
  }
  if (lastNumber?.[1] === offset && /^[\w.+-]/.test(token)) {
    // `01`, `0x1F`, `1.5.2`: the scanner stops inside what the user wrote as one number.
    return { start: lastNumber[0], end: offset + length, message: `Invalid number \`${text.slice(lastNumber[0], offset + length)}\`.`, help: NUMBER_HELP };
  }
  switch (name) {
    case 'InvalidUnicode':
    case 'InvalidEscapeCharacter':
    case 'InvalidCharacter':
      return problemInString(text, offset, offset + length) ?? at('Invalid character in a string.');
    case 'UnexpectedEndOfString':
      return { ...at('This string is never closed.', 'Close the string with `"` before the end of the line.'), end: offset + 1 };
    case 'UnexpectedEndOfNumber':
    case 'InvalidNumberFormat':
      return at(`Invalid number \`${token}\`.`, NUMBER_HELP);
    case 'InvalidCommentToken':
      return at('Unexpected comment.', 'JSON has no comments; remove it.');
    case 'InvalidSymbol': {
      const word = token.slice(0, 40);
      if (word.startsWith("'")) return at(`Unexpected \`${word}\`.`, 'JSON strings use double quotes (`"`), not single quotes.');
      if (word === '/') return at('Unexpected `/`.', 'JSON has no comments; remove it.');
      if (/^-?(NaN|Infinity|undefined)$/.test(word)) return at(`Unexpected \`${word}\`.`, 'JSON has only strings, numbers, `true`, `false`, `null`, objects and arrays.');
      return at(`Unexpected \`${word}\`.`, /^[A-Za-z_$]/.test(word) ? 'Quote it: strings in JSON are written in double quotes.' : DEFAULT_HELP);
    }
    default:
      break;
  }
  const closer = open?.type === 'array' ? '`]`' : '`}`';
  const expected = EXPECTED[name] ?? `a comma or ${closer}`;
  const found = describeToken(text, offset, length);
  let help = DEFAULT_HELP;
  if (name === 'EndOfFileExpected') help = 'A JSON file holds one document; remove what follows it.';
  else if (token === '}' || token === ']') help = `Remove the comma before \`${token}\` (JSON allows no trailing comma), or add the missing value.`;
  else if (token === ',') help = 'Remove the extra comma.';
  else if (token.startsWith("'")) help = 'JSON strings use double quotes (`"`), not single quotes.';
  else if (name === 'CommaExpected') help = 'A comma is probably missing before it.';
  return at(`Expected ${expected}, found ${found}.`, help);
}

/** One open object or array while the tree is built, with the key whose value comes next. */
interface Frame {
  node: ObjectNode | ArrayNode;
  key?: Located<string>;
  /** For large objects (Terraform values, dumps): the first occurrence of each key, so duplicate checks stay linear. */
  seen?: Map<string, Located<string>>;
}

/**
 * Parses JSON (RFC 8259, via jsonc-parser with comments and trailing commas refused) keeping positions.
 * Duplicate keys are reported (AWS keeps the last; a reviewer reads the first). With a `placement`, every span
 * and finding points into `placement.outer` instead of `source`.
 */
export function parseJson(source: SourceFile, placement?: Placement): ParseResult {
  const { text } = source;
  const file = placement?.outer ?? source;
  const spanOf = (start: number, end: number): Span => (placement ? spanAt(placement.outer, placement.at(start), placement.at(end)) : spanAt(source, start, end));
  const fatal = (ruleId: string, message: string, span: Span, help: string): ParseResult => ({
    findings: [{ ruleId, severity: 'error', message, file: file.path, span, help, fatal: true }],
  });
  if (text.trim() === '' || text === '\uFEFF') return fatal('parse/empty', 'The file is empty.', spanOf(0, 0), 'Put a JSON policy document in this file.');
  const deep = findExcessiveNesting(text);
  if (deep !== undefined) {
    return fatal('parse/too-deep', `Nesting is deeper than ${MAX_NESTING} levels.`, spanOf(deep, deep + 1), 'An IAM policy nests at most a few levels; check that this is the file you meant.');
  }

  // A BOM the caller did not strip is parsed around: it takes no column, and offsets still count it.
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = base ? text.slice(1) : text;
  // jsonc-parser gives 0-based line and character of each token's start; tokens never span lines.
  const position = (offset: number, line: number, character: number): Position =>
    placement ? positionAt(placement.outer, placement.at(offset + base)) : { line: line + 1, column: character + 1, offset: offset + base };

  let root: ValueNode | undefined;
  let lastNumber: [number, number] | undefined;
  const stack: Frame[] = [];
  const duplicates: { key: Located<string>; first: Located<string> }[] = [];
  const add = (node: ValueNode): void => {
    const top = stack[stack.length - 1];
    if (!top) root = node;
    else if (top.node.type === 'array') top.node.elements.push(node);
    else top.node.members.push({ key: top.key!, value: node, span: { start: top.key!.span.start, end: node.span.end } });
  };
  const close = (offset: number, _length: number, line: number, character: number): void => {
    // At the end of a cut-short document jsonc-parser closes what is open, then reports the error: keep it open.
    if (offset >= body.length) return;
    const { node } = stack.pop()!;
    node.span.end = position(offset + 1, line, character + 1);
    add(node);
  };
  const open = (node: ObjectNode | ArrayNode): void => {
    stack.push({ node });
  };

  try {
    // INVARIANT: findExcessiveNesting passed and the visit stops at the first error, so the parser's recursion
    // never goes deeper than MAX_NESTING: up to that error the text is a valid JSON prefix, whose brackets (outside
    // strings) that linear scan counted exactly.
    visit(body, {
      onObjectBegin: (offset, _length, line, character) => {
        const start = position(offset, line, character);
        open({ type: 'object', members: [], span: { start, end: start } });
      },
      onArrayBegin: (offset, _length, line, character) => {
        const start = position(offset, line, character);
        open({ type: 'array', elements: [], span: { start, end: start } });
      },
      onObjectEnd: close,
      onArrayEnd: close,
      onObjectProperty: (value, offset, length, line, character) => {
        const frame = stack[stack.length - 1];
        const members = (frame.node as ObjectNode).members;
        const key = { value, span: { start: position(offset, line, character), end: position(offset + length, line, character + length) } };
        frame.key = key;
        // INVARIANT: members keep every duplicate, in order; readers (getMember, toPlain) take the last, as AWS does.
        if (members.length < 16) {
          const first = members.find((m) => m.key.value === value);
          if (first) duplicates.push({ key, first: first.key });
          return;
        }
        if (!frame.seen) {
          frame.seen = new Map();
          for (const m of members) if (!frame.seen.has(m.key.value)) frame.seen.set(m.key.value, m.key);
        }
        const first = frame.seen.get(value);
        if (first) duplicates.push({ key, first });
        else frame.seen.set(value, key);
      },
      onLiteralValue: (value: unknown, offset, length, line, character) => {
        const span = { start: position(offset, line, character), end: position(offset + length, line, character + length) };
        if (typeof value === 'string') {
          const start = offset + base;
          const escaped = length !== value.length + 2;
          if (placement) {
            // INVARIANT: inside another file the characters are not at `span.start + 1 + i` (the quote itself is
            // written `\"` there), so a placed string always carries its offsets.
            add(new LazyOffsetsStringNode(value, span, () => {
              const inner = escaped ? stringValueOffsets(text, start, start + length) : undefined;
              return Array.from({ length: value.length }, (_, k) => placement.at(inner ? inner[k] : start + 1 + k));
            }));
          } else if (escaped) add(new LazyOffsetsStringNode(value, span, () => stringValueOffsets(text, start, start + length)));
          else add({ type: 'string', value, span });
        } else if (typeof value === 'number') {
          lastNumber = [offset, offset + length];
          add({ type: 'number', value, span });
        } else if (typeof value === 'boolean') add({ type: 'boolean', value, span });
        else add({ type: 'null', value: null, span });
      },
      onError: (code, offset, length) => {
        throw new FirstError(code, offset, length);
      },
    }, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (error) {
    if (!(error instanceof FirstError)) throw error;
    const problem = describeError(body, error, stack[stack.length - 1]?.node, lastNumber);
    return fatal('parse/invalid-json', `Invalid JSON: ${problem.message}`, spanOf(problem.start + base, problem.end + base), problem.help);
  }

  const findings: Finding[] = duplicates.map(({ key, first }) => ({
    ruleId: 'parse/duplicate-key', severity: 'error', file: file.path, span: key.span,
    message: `Duplicate key \`${key.value}\`; it is also at line ${first.span.start.line}.`,
    notes: ['JSON parsers, AWS among them, keep only the last value, so the first one has no effect although a reviewer will read it.'],
    help: 'Merge the two into one key.',
  }));
  // INVARIANT: a visit without errors saw exactly one complete value.
  return { root: root!, findings };
}

export { positionAt };
