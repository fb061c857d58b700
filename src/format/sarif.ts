import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Severity } from '../core/finding.js';
import type { Span } from '../core/span.js';
import type { LintReport, RuleDescriptor } from './types.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://iamcheck.dev';
/** The IAM JSON policy grammar, which the `schema/…` checks follow. */
const POLICY_GRAMMAR_URI = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * A file path as a SARIF artifact URI: forward slashes, percent-encoded segments, relative when the path is
 * relative (no leading `./`), a `file://` URI when it is absolute.
 */
export function toArtifactUri(path: string): string {
  let p = path.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  const drive = /^([A-Za-z]):\//.exec(p);
  if (drive !== null) return `file:///${drive[1]}:/${encodeSegments(p.slice(3))}`;
  if (p.startsWith('/')) return `file:///${encodeSegments(p.replace(/^\/+/, ''))}`;
  // INVARIANT: encodeURIComponent escapes `:`, so a relative first segment cannot read as a URI scheme.
  return encodeSegments(p);
}

function encodeSegments(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function toRegion(span: Span): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  // SARIF's endColumn is the column after the region, as is ours: both count UTF-16 code units.
  return { startLine: span.start.line, startColumn: span.start.column, endLine: span.end.line, endColumn: span.end.column };
}

function describeUnlistedRule(ruleId: string, severity: Severity): ReportingDescriptor {
  const rule: ReportingDescriptor = { id: ruleId, shortDescription: { text: `Check \`${ruleId}\`.` } };
  if (ruleId.startsWith('parse/')) {
    rule.shortDescription = { text: 'The file must be readable, valid JSON or YAML, and within iamcheck\'s limits.' };
  } else if (ruleId.startsWith('schema/')) {
    rule.shortDescription = { text: 'The policy must follow the IAM JSON policy grammar.' };
    rule.helpUri = POLICY_GRAMMAR_URI;
  }
  rule.defaultConfiguration = { level: LEVEL[severity] };
  return rule;
}

function describeRule(rule: RuleDescriptor): ReportingDescriptor {
  const out: ReportingDescriptor = { id: rule.id, shortDescription: { text: rule.description } };
  if (rule.helpUri !== undefined) out.helpUri = rule.helpUri;
  out.defaultConfiguration = { level: LEVEL[rule.severity] };
  if (rule.kinds !== undefined) out.properties = { policyKinds: [...rule.kinds] };
  return out;
}

/** The text of a SARIF result: the message, then the notes, then the help, one per line. */
function resultText(finding: Finding): string {
  const lines = [finding.message, ...(finding.notes ?? [])];
  if (finding.help !== undefined) lines.push(`Help: ${finding.help}`);
  return lines.join('\n');
}

/** Builds the SARIF 2.1.0 log of a report (what `formatSarif` serializes). */
export function toSarifLog(report: LintReport): Log {
  const rules = report.rules.map(describeRule);
  const ruleIndex = new Map<string, number>();
  rules.forEach((rule, index) => {
    if (!ruleIndex.has(rule.id)) ruleIndex.set(rule.id, index);
  });
  const results: Result[] = [];
  for (const file of report.files) {
    const uri = toArtifactUri(file.file);
    for (const finding of file.findings) {
      let index = ruleIndex.get(finding.ruleId);
      if (index === undefined) {
        // Parser and schema findings (and any id the caller did not list) still need a rule entry.
        index = rules.push(describeUnlistedRule(finding.ruleId, finding.severity)) - 1;
        ruleIndex.set(finding.ruleId, index);
      }
      const result: Result = {
        ruleId: finding.ruleId,
        ruleIndex: index,
        level: LEVEL[finding.severity],
        message: { text: resultText(finding) },
        locations: [{ physicalLocation: { artifactLocation: { uri }, region: toRegion(finding.span) } }],
      };
      if (finding.fix !== undefined) {
        result.fixes = [{
          artifactChanges: [{
            artifactLocation: { uri },
            replacements: [{ deletedRegion: toRegion(finding.fix.span), insertedContent: { text: finding.fix.text } }],
          }],
        }];
      }
      results.push(result);
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'iamcheck', version: report.toolVersion, informationUri: INFORMATION_URI, rules } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

/** The `sarif` format: a SARIF 2.1.0 log with one run, as indented JSON with a final newline. */
export function formatSarif(report: LintReport): string {
  return JSON.stringify(toSarifLog(report), null, 2) + '\n';
}
