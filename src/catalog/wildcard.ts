// IAM wildcard matching for catalog lookups: `*` matches any run of characters (including `:` and `/`),
// `?` matches exactly one character. No regular expression is built from the pattern.

/** True when the text contains an IAM wildcard character (`*` or `?`). */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** A compiled IAM wildcard pattern: call `matches(text)` as often as needed. */
export interface WildcardMatcher {
  readonly pattern: string;
  matches(text: string): boolean;
}

/**
 * Compiles an IAM wildcard pattern. The pattern is split at `*` into segments; the first segment is anchored
 * at the start, the last at the end, and each middle one is matched at its leftmost possible position.
 * Leftmost placement is always safe because `*` can absorb whatever lies between segments, so the matcher
 * never backtracks: one pass over the text per segment, O(text × pattern) at worst and linear for segments
 * without `?` (they use `indexOf`).
 */
export function compileWildcard(pattern: string, options: { ignoreCase?: boolean } = {}): WildcardMatcher {
  const ignoreCase = options.ignoreCase ?? false;
  const source = ignoreCase ? pattern.toLowerCase() : pattern;
  const segments = source.split('*');
  const hasStar = segments.length > 1;
  return {
    pattern,
    matches(input: string): boolean {
      const text = ignoreCase ? input.toLowerCase() : input;
      if (!hasStar) return text.length === source.length && segmentAt(source, text, 0);
      const first = segments[0];
      const last = segments[segments.length - 1];
      if (first.length + last.length > text.length) return false;
      if (!segmentAt(first, text, 0)) return false;
      if (!segmentAt(last, text, text.length - last.length)) return false;
      // INVARIANT: middle segments must fit between the anchored first and last segments.
      let position = first.length;
      const end = text.length - last.length;
      for (let index = 1; index < segments.length - 1; index++) {
        const segment = segments[index];
        if (segment.length === 0) continue;
        const found = findSegment(segment, text, position, end);
        if (found < 0) return false;
        position = found + segment.length;
      }
      return true;
    },
  };
}

/** Matches a pattern against a text once; prefer `compileWildcard` when the pattern is reused. */
export function matchWildcard(pattern: string, text: string, options: { ignoreCase?: boolean } = {}): boolean {
  return compileWildcard(pattern, options).matches(text);
}

/** True when `segment` (which may contain `?`) matches `text` exactly at `offset`. */
function segmentAt(segment: string, text: string, offset: number): boolean {
  if (offset < 0 || offset + segment.length > text.length) return false;
  for (let index = 0; index < segment.length; index++) {
    const expected = segment.charCodeAt(index);
    if (expected !== QUESTION && expected !== text.charCodeAt(offset + index)) return false;
  }
  return true;
}

/** Leftmost offset in [from, end - segment.length] where `segment` matches, or -1. */
function findSegment(segment: string, text: string, from: number, end: number): number {
  if (!segment.includes('?')) {
    const found = text.indexOf(segment, from);
    return found >= 0 && found + segment.length <= end ? found : -1;
  }
  for (let offset = from; offset + segment.length <= end; offset++) {
    if (segmentAt(segment, text, offset)) return offset;
  }
  return -1;
}

const QUESTION = '?'.charCodeAt(0);
