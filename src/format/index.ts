import { formatCodeframe } from './codeframe.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { FormatName, FormatOptions, Formatter, LintReport } from './types.js';

export type { FileReport, FormatName, FormatOptions, Formatter, LintReport, ReportSummary, RuleDescriptor } from './types.js';
export type { JsonFinding, JsonReport } from './json.js';
export { summarize, exitCodeFor, isFailing } from './summary.js';
export { formatCodeframe, formatDiagnostic } from './codeframe.js';
export { formatStylish } from './stylish.js';
export { formatJson, toJsonReport } from './json.js';
export { formatSarif, toArtifactUri } from './sarif.js';
export { formatGithub, escapeData, escapeProperty } from './github.js';

/** Every formatter by its `--format` name. */
export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = {
  stylish: formatStylish,
  codeframe: formatCodeframe,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

/** The `--format` names, for usage text and argument checks. */
export const FORMAT_NAMES: readonly FormatName[] = ['codeframe', 'stylish', 'json', 'sarif', 'github'];

/** True when `name` is a `--format` name. */
export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATTERS, name);
}

/**
 * Renders a report in one of the output formats. Pure: the same report gives the same text. Non-empty output
 * ends with a newline; `stylish` and `github` return `''` when there is nothing to report.
 */
export function formatReport(report: LintReport, format: FormatName, options: FormatOptions = {}): string {
  return FORMATTERS[format](report, options);
}
