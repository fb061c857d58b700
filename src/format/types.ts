import type { Finding, Severity } from '../core/finding.js';
import type { SourceFile } from '../core/source.js';

/** The findings of one input file, as a formatter receives them. */
export interface FileReport {
  /** Path as the user wrote it (formatters print it as given; SARIF turns it into a relative URI). */
  file: string;
  /** A `PolicyKind`, or `cloudformation`, `terraform-plan`, `account-dump`, or `unknown` (e.g. not parsable). */
  policyType: string;
  findings: Finding[];
  /** The text the findings point into; needed by `codeframe` for its context lines. */
  source?: SourceFile;
}

/** What a formatter needs to know about a rule (SARIF `tool.driver.rules`). */
export interface RuleDescriptor {
  id: string;
  severity: Severity;
  description: string;
  helpUri?: string;
  /** Policy kinds the rule understands. */
  kinds?: string[];
}

/** Everything one `lint` run hands to a formatter. */
export interface LintReport {
  files: FileReport[];
  rules: RuleDescriptor[];
  /** The lowest severity that makes the run fail (exit code 1). */
  failOn: Severity;
  toolVersion: string;
}

/** Output formats of `iamcheck lint --format`. */
export type FormatName = 'stylish' | 'codeframe' | 'json' | 'sarif' | 'github';

/** Options every formatter accepts. */
export interface FormatOptions {
  /** Emit ANSI colors (only `stylish` and `codeframe` use them). Default false. */
  color?: boolean;
}

/** A pure formatter: same report in, same string out. */
export type Formatter = (report: LintReport, options?: FormatOptions) => string;

/** Counts over a report, shared by the `json` and `stylish` formats. */
export interface ReportSummary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  failOn: Severity;
  /** True when at least one finding is at or above `failOn`. */
  failed: boolean;
}
