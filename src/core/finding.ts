import type { Span } from './span.js';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** A suggested edit: replace the text at `span` with `text`. */
export interface Fix {
  span: Span;
  text: string;
}

/**
 * Everything a user sees from the linter and the parser. `message` says what, `notes` why, `help` what to do.
 * Rule ids of the parser and schema checks are `parse/<what>` and `schema/<what>`.
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  span: Span;
  notes?: string[];
  help?: string;
  fix?: Fix;
  /** A Finding that stops the analysis of its file (unreadable, not JSON, over a hard limit). */
  fatal?: boolean;
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.span.start.offset !== b.span.start.offset) return a.span.start.offset - b.span.start.offset;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
