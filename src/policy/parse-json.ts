import { createScanner, ScanError, SyntaxKind, type printParseErrorCode } from 'jsonc-parser';
import type { Finding } from '../core/finding.js';
import { positionAt, spanAt, type SourceFile } from '../core/source.js';
import type { Located, Position, Span } from '../core/span.js';
import { LazyOffsetsStringNode, type ArrayNode, type MemberNode, type ObjectNode, type ScalarNode, type ValueNode } from './tree.js';

/** Far deeper than any IAM policy (they nest 5 levels) or IaC template; deeper input is refused, not recursed into. */
export const MAX_NESTING = 128;

/** A positioned tree, unless a fatal finding (invalid JSON, too deep, empty) says why there is none. */
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
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Jump to the closing quote: the next `"` after an even run of backslashes. Each backslash is looked at
      // once at most, so this stays linear; an unclosed string ends the scan (the parser stops there too).
      for (;;) {
        i = text.indexOf('"', i + 1);
        if (i < 0) return undefined;
        let k = i - 1;
        while (text.charCodeAt(k) === 92 /* \ */) k--;
        if ((i - 1 - k) % 2 === 0) break;
      }
    } else if (c === 123 || c === 91) {
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

/** jsonc-parser's names for parse errors. */
type ErrorName = ReturnType<typeof printParseErrorCode>;

/** The first syntax error, thrown to stop there: nothing after it is built. */
class FirstError {
  constructor(
    readonly name: ErrorName,
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
const EXPECTED: Partial<Record<ErrorName, string>> = {
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
 * The first syntax error in words. `open` is the innermost container still open there (for a document cut
 * short), `lastNumber` the offsets of the last number read (`01` is scanned as `0` then `1`).
 */
function describeError(text: string, error: FirstError, open: ValueNode | undefined, lastNumber: [number, number] | undefined): SyntaxProblem {
  const { name, offset, length } = error;
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
      return at(`Invalid number \`${token}\`.`, NUMBER_HELP);
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
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

/** The scanner's errors under the name of the parse error they become (`printParseErrorCode`'s names). */
const SCAN_ERRORS: Record<number, ErrorName> = {
  [ScanError.UnexpectedEndOfComment]: 'UnexpectedEndOfComment',
  [ScanError.UnexpectedEndOfString]: 'UnexpectedEndOfString',
  [ScanError.UnexpectedEndOfNumber]: 'UnexpectedEndOfNumber',
  [ScanError.InvalidUnicode]: 'InvalidUnicode',
  [ScanError.InvalidEscapeCharacter]: 'InvalidEscapeCharacter',
  [ScanError.InvalidCharacter]: 'InvalidCharacter',
};

/**
 * Parses JSON (RFC 8259: no comments, no trailing commas) keeping positions. jsonc-parser's scanner reads the
 * tokens (strings decoded, numbers, line and column of each); this builds the positioned tree from them in one
 * pass, stopping at the first error. Duplicate keys are reported (AWS keeps the last; a reviewer reads the
 * first). With a `placement`, every span and finding points into `placement.outer` instead of `source`.
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
  const scanner = createScanner(body, false);
  /** Start of the current token; tokens never span lines, so ends are computed on the same line. */
  const position: (delta: number) => Position = placement
    ? (delta) => positionAt(placement.outer, placement.at(scanner.getTokenOffset() + delta + base))
    : (delta) => ({ line: scanner.getTokenStartLine() + 1, column: scanner.getTokenStartCharacter() + delta + 1, offset: scanner.getTokenOffset() + delta + base });
  const fail = (name: ErrorName): never => {
    throw new FirstError(name, scanner.getTokenOffset(), scanner.getTokenLength());
  };
  const next = (): SyntaxKind => {
    for (;;) {
      const kind = scanner.scan();
      const error = scanner.getTokenError();
      if (error !== ScanError.None) fail(SCAN_ERRORS[error]);
      if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) continue;
      if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) fail('InvalidCommentToken');
      if (kind === SyntaxKind.Unknown) fail('InvalidSymbol');
      return kind;
    }
  };

  const open: (ObjectNode | ArrayNode)[] = [];
  const duplicates: { key: Located<string>; first: Located<string> }[] = [];
  let lastNumber: [number, number] | undefined;
  let kind: SyntaxKind = SyntaxKind.EOF;

  const parseString = (): ScalarNode => {
    const value = scanner.getTokenValue();
    const length = scanner.getTokenLength();
    const span = { start: position(0), end: position(length) };
    const start = scanner.getTokenOffset() + base;
    const escaped = length !== value.length + 2;
    if (placement) {
      // INVARIANT: inside another file the characters are not at `span.start + 1 + i` (the quote itself is
      // written `\"` there), so a placed string always carries its offsets.
      return new LazyOffsetsStringNode(value, span, () => {
        const inner = escaped ? stringValueOffsets(text, start, start + length) : undefined;
        return Array.from({ length: value.length }, (_, k) => placement.at(inner ? inner[k] : start + 1 + k));
      });
    }
    return escaped ? new LazyOffsetsStringNode(value, span, () => stringValueOffsets(text, start, start + length)) : { type: 'string', value, span };
  };

  const parseObject = (node: ObjectNode): void => {
    const { members } = node;
    let seen: Map<string, Located<string>> | undefined;
    if ((kind = next()) === SyntaxKind.CloseBraceToken) return;
    for (;;) {
      if (kind !== SyntaxKind.StringLiteral) fail('PropertyNameExpected');
      const key = { value: scanner.getTokenValue(), span: { start: position(0), end: position(scanner.getTokenLength()) } };
      if ((kind = next()) !== SyntaxKind.ColonToken) fail('ColonExpected');
      kind = next();
      const first = members.length < 16 ? members.find((m) => m.key.value === key.value)?.key : (seen ??= firstKeys(members)).get(key.value);
      if (first) duplicates.push({ key, first });
      else seen?.set(key.value, key);
      const value = parseValue();
      // INVARIANT: members keep every duplicate, in order; readers (getMember, toPlain) take the last, as AWS does.
      members.push({ key, value, span: { start: key.span.start, end: value.span.end } });
      if (kind === SyntaxKind.CloseBraceToken) return;
      if (kind !== SyntaxKind.CommaToken) fail('CommaExpected');
      kind = next();
    }
  };

  const parseArray = (node: ArrayNode): void => {
    if ((kind = next()) === SyntaxKind.CloseBracketToken) return;
    for (;;) {
      node.elements.push(parseValue());
      if (kind === SyntaxKind.CloseBracketToken) return;
      if (kind !== SyntaxKind.CommaToken) fail('CommaExpected');
      kind = next();
    }
  };

  // INVARIANT: findExcessiveNesting passed and parsing stops at the first error, so this recursion never goes
  // deeper than MAX_NESTING: up to that error the text is a valid JSON prefix, whose brackets that scan counted.
  const parseValue = (): ValueNode => {
    let node: ValueNode;
    switch (kind) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken: {
        const start = position(0);
        node = kind === SyntaxKind.OpenBraceToken ? { type: 'object', members: [], span: { start, end: start } } : { type: 'array', elements: [], span: { start, end: start } };
        open.push(node);
        if (node.type === 'object') parseObject(node);
        else parseArray(node);
        open.pop();
        node.span.end = position(1);
        break;
      }
      case SyntaxKind.StringLiteral:
        node = parseString();
        break;
      case SyntaxKind.NumericLiteral:
        lastNumber = [scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength()];
        node = { type: 'number', value: Number(scanner.getTokenValue()), span: { start: position(0), end: position(scanner.getTokenLength()) } };
        break;
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
        node = { type: 'boolean', value: kind === SyntaxKind.TrueKeyword, span: { start: position(0), end: position(scanner.getTokenLength()) } };
        break;
      case SyntaxKind.NullKeyword:
        node = { type: 'null', value: null, span: { start: position(0), end: position(4) } };
        break;
      default:
        return fail('ValueExpected');
    }
    kind = next();
    return node;
  };

  try {
    kind = next();
    const root = parseValue();
    if (kind !== SyntaxKind.EOF) fail('EndOfFileExpected');
    const findings: Finding[] = duplicates.map(({ key, first }) => ({
      ruleId: 'parse/duplicate-key', severity: 'error', file: file.path, span: key.span,
      message: `Duplicate key \`${key.value}\`; it is also at line ${first.span.start.line}.`,
      notes: ['JSON parsers, AWS among them, keep only the last value, so the first one has no effect although a reviewer will read it.'],
      help: 'Merge the two into one key.',
    }));
    return { root, findings };
  } catch (error) {
    if (!(error instanceof FirstError)) throw error;
    const problem = describeError(body, error, open[open.length - 1], lastNumber);
    return fatal('parse/invalid-json', `Invalid JSON: ${problem.message}`, spanOf(problem.start + base, problem.end + base), problem.help);
  }
}

/** The first occurrence of each key, for large objects (Terraform values, dumps), so duplicate checks stay linear. */
function firstKeys(members: readonly MemberNode[]): Map<string, Located<string>> {
  const seen = new Map<string, Located<string>>();
  for (const m of members) if (!seen.has(m.key.value)) seen.set(m.key.value, m.key);
  return seen;
}

export { positionAt };
