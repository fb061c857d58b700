import type { Finding, Severity } from '../core/finding.js';
import type { LintReport } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a workflow command's message: `%`, CR and LF (GitHub's documented escapes). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command property value: as `escapeData`, plus `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function formatAnnotation(file: string, finding: Finding): string {
  const { start, end } = finding.span;
  const properties: [string, string | number][] = [['file', file.replace(/\\/g, '/')], ['line', start.line]];
  // GitHub takes columns only for a one-line annotation, and its endColumn is the last column (inclusive).
  // https://docs.github.com/en/rest/checks/runs#create-a-check-run
  const oneLine = end.line <= start.line;
  if (oneLine) properties.push(['col', start.column]);
  properties.push(['endLine', Math.max(start.line, end.line)]);
  if (oneLine) properties.push(['endColumn', Math.max(start.column, end.column - 1)]);
  properties.push(['title', finding.ruleId]);
  const lines = [finding.message, ...(finding.notes ?? [])];
  if (finding.help !== undefined) lines.push(`Help: ${finding.help}`);
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND[finding.severity]} ${props}::${escapeData(lines.join('\n'))}`;
}

/**
 * The `github` format: one GitHub Actions workflow command per finding (`::error`, `::warning`, `::notice`),
 * which the runner turns into annotations on the file and line.
 */
export function formatGithub(report: LintReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const finding of file.findings) lines.push(formatAnnotation(file.file, finding));
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
