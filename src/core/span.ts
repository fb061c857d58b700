/** A point in a source text. `line` and `column` are 1-based; `offset` is a 0-based UTF-16 index into the text. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A half-open range `[start, end)` in a source text. */
export interface Span {
  start: Position;
  end: Position;
}

/** A value together with where it was written. */
export interface Located<T> {
  value: T;
  span: Span;
}

export const ZERO_POSITION: Position = { line: 1, column: 1, offset: 0 };
export const ZERO_SPAN: Span = { start: ZERO_POSITION, end: ZERO_POSITION };
