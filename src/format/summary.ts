import { SEVERITY_RANK, type Severity } from '../core/finding.js';
import type { LintReport, ReportSummary } from './types.js';

/** True when `severity` is at or above `failOn` (`error` ≥ `warning` ≥ `info`). */
export function isFailing(severity: Severity, failOn: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}

/** Counts the findings of a report by severity and says whether the run fails. */
export function summarize(report: LintReport): ReportSummary {
  const summary: ReportSummary = {
    files: report.files.length,
    errors: 0,
    warnings: 0,
    infos: 0,
    failOn: report.failOn,
    failed: false,
  };
  for (const file of report.files) {
    for (const finding of file.findings) {
      if (finding.severity === 'error') summary.errors++;
      else if (finding.severity === 'warning') summary.warnings++;
      else summary.infos++;
      if (isFailing(finding.severity, report.failOn)) summary.failed = true;
    }
  }
  return summary;
}

/**
 * The exit code a report calls for: 1 when any finding is at or above `failOn`, else 0.
 * (Exit code 2, for input that could not be analyzed at all, is the command's decision, not the report's.)
 */
export function exitCodeFor(report: LintReport): 0 | 1 {
  return summarize(report).failed ? 1 : 0;
}

/** `1 error`, `2 warnings`, `0 infos`. */
export function pluralize(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
