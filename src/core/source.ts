import type { Position, Span } from './span.js';

/** A text the user gave us, with the line index needed to turn offsets into line:column. */
export interface SourceFile {
  /** Path as the user wrote it (or a label such as `<stdin>` / `<inline>`). */
  path: string;
  text: string;
  /** Offsets at which each line starts; `lineStarts[0] === 0`. */
  lineStarts: number[];
}

export function createSourceFile(path: string, text: string): SourceFile {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lineStarts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      lineStarts.push(i + 1);
    }
  }
  return { path, text, lineStarts };
}

/** Position of a 0-based offset (binary search over line starts). Offsets past the end clamp to the end. */
export function positionAt(source: SourceFile, offset: number): Position {
  const o = Math.max(0, Math.min(offset, source.text.length));
  let lo = 0;
  let hi = source.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (source.lineStarts[mid] <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: o - source.lineStarts[lo] + 1, offset: o };
}

export function spanAt(source: SourceFile, startOffset: number, endOffset: number): Span {
  return { start: positionAt(source, startOffset), end: positionAt(source, endOffset) };
}

/** The text of one 1-based line, without its line break. */
export function lineText(source: SourceFile, line: number): string {
  const start = source.lineStarts[line - 1];
  if (start === undefined) return '';
  const next = source.lineStarts[line];
  const raw = source.text.slice(start, next ?? source.text.length);
  return raw.replace(/\r?\n$|\r$/, '');
}
