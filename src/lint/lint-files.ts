import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { compareFindings, type Finding } from '../core/finding.js';
import { createSourceFile, type SourceFile } from '../core/source.js';
import { ZERO_SPAN } from '../core/span.js';
import type { FileReport } from '../format/types.js';
import { documentsInFile, type PolicyDocument } from '../policy/documents.js';
import { readSource } from '../policy/read.js';
import type { PolicyKind } from '../policy/types.js';
import { applyIgnores, settingsForFile, type LintConfig } from './config.js';
import type { ResolvedRuleSettings, RuleSeverity } from './rule.js';
import { lintDocument } from './runner.js';

export interface LintSourceOptions {
  /** Kind of standalone documents (`--policy-type`); detected when absent. */
  kind?: PolicyKind;
  /** CloudFormation type of a standalone resource policy (`--resource-type`). */
  resourceType?: string;
  /** Rule severities that override the config for every file (`--rule id=severity`). */
  ruleOverrides?: Record<string, RuleSeverity>;
}

export interface LintResult {
  files: FileReport[];
  /** True when some input could not be analyzed at all (unreadable, not JSON/YAML, over a limit): exit code 2. */
  unanalyzable: boolean;
}

/**
 * `--rule` flags over a file's settings. Memoized per settings object (settingsForFile shares one per set of matching
 * overrides), so every file with the same settings keeps hitting the runner's per-settings cache.
 */
const overridden = new WeakMap<ResolvedRuleSettings, WeakMap<Record<string, RuleSeverity>, ResolvedRuleSettings>>();
function withOverrides(rules: ResolvedRuleSettings, overrides: Record<string, RuleSeverity> | undefined): ResolvedRuleSettings {
  if (!overrides || !Object.keys(overrides).length) return rules;
  let byOverrides = overridden.get(rules);
  if (!byOverrides) overridden.set(rules, (byOverrides = new WeakMap()));
  let out = byOverrides.get(overrides);
  if (!out) {
    out = { ...rules };
    for (const [id, severity] of Object.entries(overrides)) out[id] = { ...out[id], severity };
    byOverrides.set(overrides, out);
  }
  return out;
}

/** The findings of one source: parse and schema findings, then every rule on every document found in it. */
export function lintSource(source: SourceFile, config: LintConfig, options: LintSourceOptions = {}): { report: FileReport; documents: PolicyDocument[] } {
  const rules = withOverrides(settingsForFile(config, source.path).rules, options.ruleOverrides);
  const { documents, findings, containerType } = documentsInFile(source, { kind: options.kind, resourceType: options.resourceType });
  const all: Finding[] = [...findings];
  const linted: PolicyDocument[] = [];
  for (const document of documents) {
    all.push(...document.findings);
    if (document.findings.some((f) => f.fatal)) continue;
    linted.push(document);
    all.push(...lintDocument(document, { rules }));
  }
  const policyType = containerType ?? (documents.length === 1 ? documents[0].policy.kind : 'unknown');
  return { report: { file: source.path, policyType, findings: all, source }, documents: linted };
}

function unreadable(error: InputError, path: string): Finding {
  const at = { line: error.line ?? 1, column: error.column ?? 1, offset: 0 };
  return {
    ruleId: 'parse/unreadable', severity: 'error', message: error.message, file: error.file ?? path,
    span: error.line ? { start: at, end: at } : ZERO_SPAN, ...(error.help ? { help: error.help } : {}), fatal: true,
  };
}

/**
 * Lints files (paths relative to `cwd`, or `-` with `stdin` text): the file-system shell around `lintSource`.
 * Unreadable inputs become fatal findings in their file's report; ignores from the config are applied last, and
 * unused ignores reported against the config file.
 */
export async function lintFiles(paths: readonly string[], config: LintConfig, options: LintSourceOptions & { cwd?: string; stdin?: () => Promise<string> } = {}): Promise<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  const files: FileReport[] = [];
  const documents: PolicyDocument[] = [];
  let unanalyzable = false;
  for (const path of paths) {
    let source: SourceFile;
    try {
      if (path === '-') {
        if (!options.stdin) throw new InputError('Standard input is not available here.', '<stdin>');
        source = createSourceFile('<stdin>', (await options.stdin()).replace(/^\uFEFF/, ''));
      } else {
        source = { ...(await readSource(resolve(cwd, path))), path };
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      unanalyzable = true;
      files.push({ file: path, policyType: 'unknown', findings: [unreadable(error, path)] });
      continue;
    }
    const { report, documents: linted } = lintSource(source, config, options);
    if (report.findings.some((f) => f.fatal)) unanalyzable = true;
    files.push(report);
    documents.push(...linted);
  }
  const { findings: kept, unused } = applyIgnores(files.flatMap((r) => r.findings), config, { documents, files: [...paths] });
  const keptSet = new Set(kept);
  for (const report of files) report.findings = report.findings.filter((f) => keptSet.has(f)).sort(compareFindings);
  if (unused.length) files.push({ file: config.path ?? 'iamcheck.config', policyType: 'config', findings: unused });
  return { files, unanalyzable };
}
