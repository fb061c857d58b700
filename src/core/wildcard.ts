/**
 * IAM wildcards: `*` matches any run of characters (including `/` and `:` — these are not file globs), `?` matches
 * exactly one character. Patterns are compiled once into a linear-time matcher: the pattern is split at `*` into
 * literal segments (which may contain `?`); the first segment must match at the start, the last at the end, and the
 * middle ones are found left to right, each at its earliest position. Greedy leftmost placement is correct for
 * `*`-separated segments, so there is no backtracking and no regular expression built from user input.
 */

/** A compiled wildcard pattern. */
export interface WildcardMatcher {
  /** The pattern as compiled (lower-cased when case-insensitive). */
  readonly pattern: string;
  readonly ignoreCase: boolean;
  /** True when the pattern has no wildcard (an exact comparison). */
  readonly literal: boolean;
  /** Matches `text`; when `ignoreCase`, `text` must already be lower-cased (callers lower-case once per request). */
  test(text: string): boolean;
  /** Matches `text` as given (lower-cases it first when `ignoreCase`): the convenient form for occasional calls. */
  matches(text: string): boolean;
}

/** A piece of a pattern: `wild` pieces give `*` and `?` their wildcard meaning, others are literal text. */
export interface PatternPiece {
  text: string;
  wild: boolean;
}

/** A run of text between stars; `q[k]` is 1 where position k is a `?` wildcard. */
interface Segment {
  text: string;
  q: Uint8Array | null;
}

function segmentAt(text: string, seg: Segment, at: number): boolean {
  const s = seg.text;
  if (at < 0 || at + s.length > text.length) return false;
  if (seg.q === null) return text.startsWith(s, at);
  for (let k = 0; k < s.length; k++) {
    if (seg.q[k] === 0 && s.charCodeAt(k) !== text.charCodeAt(at + k)) return false;
  }
  return true;
}

/** Earliest index ≥ `from` where `seg` matches, or -1. */
function findSegment(text: string, seg: Segment, from: number): number {
  if (seg.q === null) return text.indexOf(seg.text, from);
  const last = text.length - seg.text.length;
  for (let i = from; i <= last; i++) if (segmentAt(text, seg, i)) return i;
  return -1;
}

/** Splits pieces into star-separated segments with `?` masks. */
function toSegments(pieces: PatternPiece[]): { segments: Segment[]; hasStar: boolean } {
  const segments: Segment[] = [];
  let text = '';
  let mask: number[] = [];
  let anyQ = false;
  let hasStar = false;
  const flush = () => {
    segments.push({ text, q: anyQ ? Uint8Array.from(mask) : null });
    text = '';
    mask = [];
    anyQ = false;
  };
  for (const piece of pieces) {
    for (let i = 0; i < piece.text.length; i++) {
      const c = piece.text[i];
      if (piece.wild && c === '*') {
        hasStar = true;
        flush();
      } else {
        const isQ = piece.wild && c === '?';
        text += c;
        mask.push(isQ ? 1 : 0);
        if (isQ) anyQ = true;
      }
    }
  }
  flush();
  return { segments, hasStar };
}

/** The matcher's `test`, specialised for the common pattern shapes. */
function compileTest(pieces: PatternPiece[], ignoreCase: boolean): Omit<WildcardMatcher, 'matches'> {
  const norm = ignoreCase ? pieces.map((p) => ({ text: p.text.toLowerCase(), wild: p.wild })) : pieces;
  const pattern = norm.map((p) => p.text).join('');
  const { segments, hasStar } = toSegments(norm);
  const base = { pattern, ignoreCase };
  if (!hasStar) {
    const only = segments[0];
    if (only.q === null) return { ...base, literal: true, test: (text) => text === only.text };
    return { ...base, literal: false, test: (text) => text.length === only.text.length && segmentAt(text, only, 0) };
  }
  const first = segments[0];
  const last = segments[segments.length - 1];
  const middle = segments.slice(1, -1).filter((s) => s.text !== '');
  const minLength = segments.reduce((n, s) => n + s.text.length, 0);
  if (minLength === 0) return { ...base, literal: false, test: () => true };
  if (middle.length === 0 && first.q === null && last.q === null) {
    // `prefix*`, `*suffix`, `prefix*suffix`: the common shapes, answered with two string comparisons.
    const f = first.text;
    const l = last.text;
    return { ...base, literal: false, test: (text) => text.length >= minLength && text.startsWith(f) && text.endsWith(l) };
  }
  return {
    ...base,
    literal: false,
    test(text: string): boolean {
      if (text.length < minLength) return false;
      if (!segmentAt(text, first, 0)) return false;
      const end = text.length - last.text.length;
      if (!segmentAt(text, last, end)) return false;
      let at = first.text.length;
      for (let i = 0; i < middle.length; i++) {
        const found = findSegment(text, middle[i], at);
        // INVARIANT: middle segments must end before the last segment starts; the earliest placement is the best one.
        if (found < 0 || found + middle[i].text.length > end) return false;
        at = found + middle[i].text.length;
      }
      return true;
    },
  };
}

/**
 * Compiles a pattern given as pieces (used when policy variables substitute literal text into a pattern: a `*` that
 * came from `${*}` or from a context value is a literal star).
 */
export function compilePieces(pieces: PatternPiece[], ignoreCase: boolean): WildcardMatcher {
  const matcher = compileTest(pieces, ignoreCase);
  const { test } = matcher;
  return { ...matcher, matches: ignoreCase ? (text) => test(text.toLowerCase()) : test };
}

/** Compiles an IAM wildcard pattern (`*`, `?`). With `ignoreCase`, pass lower-cased text to `test` (or use `matches`). */
export function compileWildcard(pattern: string, ignoreCase = false): WildcardMatcher {
  return compilePieces([{ text: pattern, wild: true }], ignoreCase);
}

/**
 * Whether `text` matches the IAM wildcard `pattern` (`*` any run, `?` one character). Linear in the text for a
 * given pattern; `*` crosses `/` and `:`.
 */
export function matchWildcard(pattern: string, text: string, ignoreCase = false): boolean {
  return compileWildcard(pattern, ignoreCase).matches(text);
}

/** Whether a value contains an IAM wildcard character. */
export function hasWildcard(value: string): boolean {
  return value.includes('*') || value.includes('?');
}
