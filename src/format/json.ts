import type { Severity } from '../core/finding.js';
import { summarize } from './summary.js';
import type { LintReport, ReportSummary } from './types.js';

/** One finding in the `json` format. Columns are 1-based UTF-16 code units; `endColumn` is exclusive. */
export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  notes?: string[];
  help?: string;
  /** Present (and true) when the finding stopped the analysis of its file. */
  fatal?: true;
}

/** The `json` format: the stable machine contract, described by `schemas/lint-output.schema.json`. */
export interface JsonReport {
  files: { file: string; policyType: string; findings: JsonFinding[] }[];
  summary: ReportSummary;
}

/** Builds the `json` format's object (what `formatJson` serializes). */
export function toJsonReport(report: LintReport): JsonReport {
  return {
    files: report.files.map((file) => ({
      file: file.file,
      policyType: file.policyType,
      findings: file.findings.map((finding) => {
        const out: JsonFinding = {
          ruleId: finding.ruleId,
          severity: finding.severity,
          message: finding.message,
          line: finding.span.start.line,
          column: finding.span.start.column,
          endLine: finding.span.end.line,
          endColumn: finding.span.end.column,
        };
        if (finding.notes !== undefined && finding.notes.length > 0) out.notes = [...finding.notes];
        if (finding.help !== undefined) out.help = finding.help;
        if (finding.fatal === true) out.fatal = true;
        return out;
      }),
    })),
    summary: summarize(report),
  };
}

/** The `json` format: `toJsonReport` as indented JSON with a final newline. */
export function formatJson(report: LintReport): string {
  return JSON.stringify(toJsonReport(report), null, 2) + '\n';
}
