import { createPalette } from './color.js';
import { codePointWidth, toSafeInline } from './display.js';
import { summarize } from './summary.js';
import { formatSummaryLine } from './summary-line.js';
import type { FormatOptions, LintReport } from './types.js';

/** Terminal cells a (safe, single-line) string takes. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += codePointWidth(ch.codePointAt(0) as number);
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

/**
 * The `stylish` format, after ESLint's: each file with findings, then one aligned row per finding
 * (`line:column  severity  message  ruleId`), then a summary line. Empty when there is nothing to report.
 */
export function formatStylish(report: LintReport, options: FormatOptions = {}): string {
  const palette = createPalette(options.color === true);
  const sections: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    const rows = file.findings.map((finding) => ({
      where: `${finding.span.start.line}:${finding.span.start.column}`,
      severity: finding.severity,
      message: toSafeInline(finding.message),
      ruleId: toSafeInline(finding.ruleId),
    }));
    const whereWidth = Math.max(...rows.map((r) => r.where.length));
    const severityWidth = Math.max(...rows.map((r) => r.severity.length));
    const messageWidth = Math.max(...rows.map((r) => textWidth(r.message)));
    const lines = [palette.underline(toSafeInline(file.file))];
    for (const row of rows) {
      lines.push(
        `  ${palette.dim(row.where.padEnd(whereWidth))}  ` +
          `${palette.severity(row.severity, row.severity.padEnd(severityWidth))}  ` +
          `${padEnd(row.message, messageWidth)}  ${palette.dim(row.ruleId)}`,
      );
    }
    sections.push(lines.join('\n'));
  }
  const summaryLine = formatSummaryLine(summarize(report), palette);
  if (summaryLine === undefined) return '';
  sections.push(summaryLine);
  return sections.join('\n\n') + '\n';
}
