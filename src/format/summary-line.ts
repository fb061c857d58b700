import type { Palette } from './color.js';
import { pluralize } from './summary.js';
import type { ReportSummary } from './types.js';

/**
 * The closing line of the terminal formats: how many problems of each severity, and whether they fail the run.
 * Returns `undefined` when there is nothing to report.
 */
export function formatSummaryLine(summary: ReportSummary, palette: Palette): string | undefined {
  const problems = summary.errors + summary.warnings + summary.infos;
  if (problems === 0) return undefined;
  const counts = `${pluralize(problems, 'problem')} (${pluralize(summary.errors, 'error')}, ` +
    `${pluralize(summary.warnings, 'warning')}, ${pluralize(summary.infos, 'info')})`;
  if (summary.failed) return palette.bold(palette.red(`✖ ${counts}`));
  return palette.bold(palette.yellow(`⚠ ${counts}`)) +
    ` — none at or above \`${summary.failOn}\`, so the check passes`;
}
