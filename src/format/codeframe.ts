import type { Finding } from '../core/finding.js';
import type { SourceFile } from '../core/source.js';
import { createPalette, type Palette } from './color.js';
import { layoutLine, sliceCells, toSafeInline } from './display.js';
import { summarize, pluralize } from './summary.js';
import { formatSummaryLine } from './summary-line.js';
import type { FormatOptions, LintReport } from './types.js';

/** Source lines shown above the marked line. */
const CONTEXT_BEFORE = 1;
/** Widest source text (in terminal cells) a frame shows; longer lines, e.g. minified JSON, are windowed. */
const MAX_TEXT_WIDTH = 100;
/** Cells kept left of the caret when a long line is windowed. */
const WINDOW_LEAD = 30;
/** Lines longer than this many UTF-16 units are sliced around the span before they are laid out. */
const RAW_LINE_LIMIT = 1000;
/** How many UTF-16 units of such a line are laid out. */
const RAW_WINDOW = 4 * MAX_TEXT_WIDTH;

/**
 * The `codeframe` format (the default on a terminal): for each finding a header, the message, the source
 * around it with the span underlined, the notes and the help, as in STYLE.md; then a summary line.
 */
export function formatCodeframe(report: LintReport, options: FormatOptions = {}): string {
  const palette = createPalette(options.color === true);
  const blocks: string[] = [];
  for (const file of report.files) {
    for (const finding of file.findings) blocks.push(renderDiagnostic(finding, file.source, palette));
  }
  const summary = summarize(report);
  const closing = formatSummaryLine(summary, palette) ??
    palette.green(`✔ ${pluralize(summary.files, 'file')} checked, no problems`);
  blocks.push(closing);
  return blocks.join('\n\n') + '\n';
}

/**
 * One finding in the `codeframe` look, without a trailing newline (for commands that show a single finding).
 * `source` may be absent (an unreadable file): no frame then.
 */
export function formatDiagnostic(finding: Finding, source: SourceFile | undefined, options: FormatOptions = {}): string {
  return renderDiagnostic(finding, source, createPalette(options.color === true));
}

function renderDiagnostic(finding: Finding, source: SourceFile | undefined, palette: Palette): string {
  const { start } = finding.span;
  const lines = [
    `${palette.bold(`${toSafeInline(finding.file)}:${start.line}:${start.column}`)}  ` +
      `${palette.severity(finding.severity, finding.severity)}  ${palette.dim(toSafeInline(finding.ruleId))}`,
    `  ${palette.severity(finding.severity, '×')} ${toSafeInline(finding.message)}`,
  ];
  if (source !== undefined) lines.push(...formatFrame(finding, source, palette));
  for (const note of finding.notes ?? []) lines.push(`  ${palette.cyan('i')} ${toSafeInline(note)}`);
  if (finding.help !== undefined) lines.push(`  ${palette.green('help:')} ${toSafeInline(finding.help)}`);
  return lines.join('\n');
}

/** Offsets `[start, end)` of a 1-based line's text, without its line break. */
function lineBounds(source: SourceFile, line: number): [number, number] {
  const start = source.lineStarts[line - 1];
  let end = source.lineStarts[line] ?? source.text.length;
  if (end > start && source.text.charCodeAt(end - 1) === 10) end--;
  if (end > start && source.text.charCodeAt(end - 1) === 13) end--;
  return [start, end];
}

/** Whether the UTF-16 unit at `offset` is the second half of a surrogate pair. */
function isLowSurrogateAt(text: string, offset: number): boolean {
  const unit = text.charCodeAt(offset);
  const previous = text.charCodeAt(offset - 1);
  return unit >= 0xdc00 && unit <= 0xdfff && previous >= 0xd800 && previous <= 0xdbff;
}

function formatFrame(finding: Finding, source: SourceFile, palette: Palette): string[] {
  const { start, end } = finding.span;
  // A position past the last line (a stale span) gets no frame rather than a wrong one.
  if (start.line < 1 || start.line > source.lineStarts.length) return [];
  const first = Math.max(1, start.line - CONTEXT_BEFORE);
  const bounds: [number, number][] = [];
  for (let line = first; line <= start.line; line++) bounds.push(lineBounds(source, line));

  // Lines of any length are laid out only near the span, so a frame costs the same on a 60 MB one-line file.
  // Within the raw window, columns line up across lines as long as the cut-off text was one cell per unit.
  let rawFrom = 0;
  let rawTo = Number.POSITIVE_INFINITY;
  if (bounds.some(([from, to]) => to - from > RAW_LINE_LIMIT)) {
    rawFrom = Math.max(0, start.column - 1 - 2 * WINDOW_LEAD);
    rawTo = rawFrom + RAW_WINDOW;
  }
  const shown = bounds.map(([lineStart, lineEnd], i) => {
    let from = Math.min(lineStart + rawFrom, lineEnd);
    if (isLowSurrogateAt(source.text, from)) from--; // keep a surrogate pair whole
    let to = Math.min(lineStart + rawTo, lineEnd);
    if (to < lineEnd && isLowSurrogateAt(source.text, to)) to++;
    return {
      line: first + i,
      layout: layoutLine(source.text.slice(from, to)),
      skipped: from - lineStart, // UTF-16 units cut off on the left
      cutRight: to < lineEnd,
    };
  });
  const marked = shown[shown.length - 1];
  const length = marked.layout.cellAt.length - 1;
  const cellOf = (column: number): number =>
    marked.layout.cellAt[Math.min(Math.max(column - 1 - marked.skipped, 0), length)];
  const caretFrom = cellOf(start.column);
  // Multi-line spans are underlined to the end of their first line.
  let caretTo = end.line === start.line ? cellOf(end.column) : marked.layout.cellAt[length];
  if (caretTo <= caretFrom) caretTo = caretFrom + 1;

  // Window long lines around the caret; every line of the frame uses the same window so columns line up.
  const widest = Math.max(...shown.map((s) => s.layout.cellAt[s.layout.cellAt.length - 1]));
  let from = 0;
  let to = Number.POSITIVE_INFINITY;
  if (widest > MAX_TEXT_WIDTH || rawFrom > 0) {
    from = caretFrom > WINDOW_LEAD ? caretFrom - WINDOW_LEAD : 0;
    to = from + MAX_TEXT_WIDTH;
  }
  const cutLeft = shown.map((s) => (s.skipped > 0 || from > 0) && s.layout.cellAt[s.layout.cellAt.length - 1] > from);
  const lead = cutLeft.some(Boolean) || from > 0 ? 1 : 0; // room for the `…` that marks a cut on the left

  const gutterWidth = String(start.line).length;
  const out: string[] = [];
  shown.forEach(({ line, layout, cutRight }, i) => {
    const total = layout.cellAt[layout.cellAt.length - 1];
    let text = sliceCells(layout, from, to);
    if (cutLeft[i]) text = '…' + text;
    else if (lead) text = ' ' + text;
    if (total > to || cutRight) text += '…';
    const isMarked = line === start.line;
    const marker = isMarked ? palette.bold(palette.severity(finding.severity, '>')) : ' ';
    out.push(`  ${marker} ${palette.dim(`${String(line).padStart(gutterWidth)} │`)} ${text}`.trimEnd());
  });
  const visibleFrom = Math.max(caretFrom, from);
  const visibleTo = Math.max(Math.min(caretTo, to), visibleFrom + 1);
  const pad = ' '.repeat(lead + visibleFrom - from);
  out.push(`    ${' '.repeat(gutterWidth)} ${palette.dim('│')} ${pad}${palette.severity(finding.severity, '^'.repeat(visibleTo - visibleFrom))}`);
  return out;
}
