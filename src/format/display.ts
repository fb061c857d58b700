/**
 * Turning source text into what a terminal shows: tabs expanded, control and bidi characters made visible,
 * wide characters counted as two columns. Spans count UTF-16 code units; terminals count cells; this maps one
 * to the other.
 */

/** Tab stops every this many cells in code frames. */
export const TAB_WIDTH = 4;

/** A line laid out for the terminal. */
export interface DisplayLine {
  /** What to print. */
  text: string;
  /**
   * `cellAt[i]` is the terminal cell (0-based) where UTF-16 index `i` of the source line starts;
   * `cellAt[line.length]` is the total width. The low half of a surrogate pair shares its high half's cell.
   */
  cellAt: number[];
  /** Printed text of each code point, with its index into the source line and its width in cells. */
  pieces: { index: number; text: string; width: number }[];
}

// INVARIANT: ranges are sorted and disjoint; `inRanges` relies on it for its binary search.
const ZERO_WIDTH: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f], [0x0483, 0x0489], [0x0591, 0x05bd], [0x0610, 0x061a], [0x064b, 0x065f],
  [0x0e31, 0x0e31], [0x0e34, 0x0e3a], [0x0e47, 0x0e4e], [0x1ab0, 0x1aff], [0x1dc0, 0x1dff],
  [0x200b, 0x200d], [0x20d0, 0x20ff], [0xfe00, 0xfe0f], [0xfe20, 0xfe2f], [0xfeff, 0xfeff],
  [0xe0100, 0xe01ef],
];

// East Asian Wide and Fullwidth blocks, and the emoji blocks terminals draw two cells wide.
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0],
  [0x23f3, 0x23f3], [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f],
  [0x2693, 0x2693], [0x26a1, 0x26a1], [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5],
  [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea], [0x26f2, 0x26f3], [0x26f5, 0x26f5],
  [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b], [0x2728, 0x2728],
  [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55],
  [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f],
  [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x18aff], [0x1b000, 0x1b2ff], [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a], [0x1f200, 0x1f251], [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff], [0x1f7e0, 0x1f7eb], [0x1f90c, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x3fffd],
];

function inRanges(cp: number, ranges: readonly (readonly [number, number])[]): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[mid][0]) hi = mid - 1;
    else if (cp > ranges[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Cells a printable code point takes in a monospace terminal (0, 1 or 2). */
export function codePointWidth(cp: number): number {
  if (inRanges(cp, ZERO_WIDTH)) return 0;
  return inRanges(cp, WIDE) ? 2 : 1;
}

/**
 * What to print instead of a character a terminal would act on rather than show: C0/C1 controls and DEL
 * (an ESC in a policy must not restyle the terminal) and the bidirectional controls that make text read
 * differently from how it is stored. `undefined` when the character can be printed as is.
 */
export function visibleReplacement(cp: number): string | undefined {
  if (cp < 0x20) return String.fromCharCode(0x2400 + cp); // ␀…␟ control pictures
  if (cp === 0x7f) return '\u2421'; // ␡
  if (cp >= 0x80 && cp < 0xa0) return '\ufffd';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f) {
    return '\ufffd';
  }
  return undefined;
}

/** A message or other one-line text made safe to print: no control, line-break or bidi characters. */
export function toSafeInline(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp === 9) out += ' ';
    else out += visibleReplacement(cp) ?? ch;
  }
  return out;
}

/** Lays out one source line (without its line break) for the terminal. */
export function layoutLine(line: string): DisplayLine {
  const cellAt: number[] = new Array(line.length + 1);
  const pieces: DisplayLine['pieces'] = [];
  let text = '';
  let cell = 0;
  let i = 0;
  while (i < line.length) {
    const cp = line.codePointAt(i) as number;
    const units = cp > 0xffff ? 2 : 1;
    let shown: string;
    let width: number;
    if (cp === 9) {
      width = TAB_WIDTH - (cell % TAB_WIDTH);
      shown = ' '.repeat(width);
    } else {
      const replacement = visibleReplacement(cp);
      shown = replacement ?? line.slice(i, i + units);
      width = replacement === undefined ? codePointWidth(cp) : 1;
    }
    for (let u = 0; u < units; u++) cellAt[i + u] = cell;
    pieces.push({ index: i, text: shown, width });
    text += shown;
    cell += width;
    i += units;
  }
  cellAt[line.length] = cell;
  return { text, cellAt, pieces };
}

/**
 * The part of a laid-out line that falls in cells `[from, to)`, padded so that it starts at cell `from`.
 * A wide character cut by the window's left edge is dropped (its place kept blank); one cut by the right
 * edge is dropped.
 */
export function sliceCells(layout: DisplayLine, from: number, to: number): string {
  let out = '';
  let cell = 0;
  let started = false;
  for (const piece of layout.pieces) {
    const end = cell + piece.width;
    if (cell >= from && end <= to) {
      if (!started) {
        out += ' '.repeat(cell - from);
        started = true;
      }
      out += piece.text;
    } else if (piece.width === 0 && started && cell < to) {
      out += piece.text;
    }
    cell = end;
    if (cell >= to) break;
  }
  return out;
}
