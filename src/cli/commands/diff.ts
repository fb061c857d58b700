import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { InputError, UsageError } from '../../core/errors.js';
import type { Finding } from '../../core/finding.js';
import { createSourceFile, type SourceFile } from '../../core/source.js';
import { checkNoNewAccess, emptyPolicy, type DiffPolicyType, type DiffResultValue, type NoNewAccessResult, type Witness, type WitnessDecision } from '../../diff/index.js';
import { formatReport, type FileReport, type LintReport } from '../../format/index.js';
import { documentsInFile, type PolicyDocument } from '../../policy/documents.js';
import { readSource } from '../../policy/read.js';
import type { PolicyKind } from '../../policy/types.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { DEFAULT_EXTENSIONS } from '../discover.js';
import { EXIT, type Io } from '../io.js';
import { toolVersion } from '../version.js';

const usage = `Usage: iamcheck diff OLD NEW [options]
       iamcheck diff --git BASE [paths...] [options]

Proves offline that a policy change grants no new access (PASS), or shows requests that the new policy allows and
the old one does not (FAIL), each re-checked by the engine. Like IAM Access Analyzer's CheckNoNewAccess, but with
concrete witnesses. OLD and NEW may be policy files, CloudFormation templates or Terraform plans (policies are paired
by where they sit in the file).

  --git <rev>              compare every policy file of the working tree (and the policies inside CloudFormation
                           and Terraform files) with the same file at git revision <rev>; a file new since <rev>
                           is compared with an empty policy. Optional paths limit the files.
  --policy-type <type>     identity | resource (default: from the document: a Principal makes it resource-based;
                           resource-based policies add the caller as a dimension)
  --max-witnesses <n>      at most n witnesses per policy (default 5)
  --format <name>          text | json | sarif | github (default: text)

PASS is relative to the old document only: SCPs, permissions boundaries and session policies are not considered.
Exit codes: 0 PASS; 1 FAIL (new access); 2 UNKNOWN (budget exhausted), unreadable input, or a usage error.
`;

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type DiffFormat = (typeof FORMATS)[number];

/** One compared pair of documents and its result. */
export interface DiffEntry {
  old: string;
  new: string;
  /** Where the document sits in a template or plan. */
  location?: string;
  source?: SourceFile;
  result: NoNewAccessResult;
  /** The old side is the complement of a list of access (check-access-not-granted): its decision is not shown. */
  listedAccess?: boolean;
}

export function parseFormat(command: string, value: string | undefined): DiffFormat {
  const format = value ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`${command}: --format must be one of ${FORMATS.join(', ')}, not \`${format}\`.`);
  return format as DiffFormat;
}

export function parsePolicyType(command: string, value: string | undefined): DiffPolicyType | undefined {
  if (value === undefined) return undefined;
  if (value !== 'identity' && value !== 'resource') throw new UsageError(`${command}: --policy-type must be identity or resource, not \`${value}\`.`);
  return value;
}

/**
 * Reads every policy document of a file. Parse and schema errors are the user's to fix (exit 2, with file:line:column):
 * a document AWS would reject proves nothing either way, so diff never answers PASS about it.
 */
export function documentsOf(source: SourceFile, policyType: DiffPolicyType | undefined): PolicyDocument[] {
  const kind: PolicyKind | undefined = policyType;
  const result = documentsInFile(source, kind ? { kind } : {});
  const fatal = [...result.findings, ...result.documents.flatMap((d) => d.findings)]
    .filter((f) => f.severity === 'error' && (f.fatal || f.ruleId.startsWith('parse/') || f.ruleId.startsWith('schema/')))
    .sort((a, b) => a.span.start.offset - b.span.start.offset)[0];
  if (fatal) throw inputErrorOf(fatal, source.path);
  return result.documents;
}

function inputErrorOf(f: Finding, path: string): InputError {
  return new InputError(f.message, path, f.span.start.line, f.span.start.column, f.help ?? `Run \`iamcheck lint ${path}\` for every problem in it.`);
}

async function readFile(path: string, io: Io): Promise<SourceFile> {
  const read = await readSource(resolve(io.cwd, path));
  return createSourceFile(path, read.text);
}

/** Pairs documents by their place in the file (a standalone policy pairs with the other file's only policy). */
function pairDocuments(oldDocs: PolicyDocument[], newDocs: PolicyDocument[]): Array<[PolicyDocument | undefined, PolicyDocument]> {
  if (oldDocs.length === 1 && newDocs.length === 1) return [[oldDocs[0], newDocs[0]]];
  const byLocation = new Map(oldDocs.map((d) => [d.location ?? '', d]));
  return newDocs.map((d) => [byLocation.get(d.location ?? ''), d]);
}

function compare(oldDoc: PolicyDocument | undefined, newDoc: PolicyDocument, oldName: string, policyType: DiffPolicyType | undefined, maxWitnesses: number): DiffEntry {
  const oldPolicy = oldDoc?.policy ?? emptyPolicy(newDoc.policy.kind, `${oldName} (no policy)`);
  const result = checkNoNewAccess(oldPolicy, newDoc.policy, { ...(policyType ? { policyType } : {}), maxWitnesses });
  rejectSkipped(result, newDoc.source.path);
  const entry: DiffEntry = { old: oldName, new: newDoc.source.path, source: newDoc.source, result };
  if (newDoc.location) entry.location = newDoc.location;
  return entry;
}

/**
 * A new statement the engine cannot evaluate would be rejected by AWS; a PASS that skipped it would prove nothing
 * about the document the user will deploy, so it is the user's to fix (exit 2), at the statement.
 */
export function rejectSkipped(result: NoNewAccessResult, path: string): void {
  const bad = result.skipped.find((s) => s.side === 'new');
  if (!bad) return;
  const at = bad.statement.span.start;
  throw new InputError(`Statement ${bad.statement.sid ?? `#${bad.statement.statementIndex + 1}`} cannot be evaluated: ${bad.message}`, path, at.line, at.column,
    `Fix the statement (run \`iamcheck lint ${path}\` for every problem), or pass the right --policy-type.`);
}

function git(args: string[], cwd: string): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => done({ ok: !error, stdout, stderr }));
  });
}

async function diffGit(base: string, paths: string[], io: Io, policyType: DiffPolicyType | undefined, maxWitnesses: number): Promise<DiffEntry[]> {
  const verify = await git(['rev-parse', '--verify', '--quiet', `${base}^{commit}`], io.cwd);
  if (!verify.ok) throw new UsageError(`diff: \`${base}\` is not a git revision here (${io.cwd}).`);
  const listed = await git(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...paths], io.cwd);
  if (!listed.ok) throw new UsageError(`diff: git ls-files failed: ${listed.stderr.trim()}`);
  const files = [...new Set(listed.stdout.split('\0').filter((f) => f && DEFAULT_EXTENSIONS.some((ext) => f.toLowerCase().endsWith(ext))))].sort();
  const entries: DiffEntry[] = [];
  for (const file of files) {
    const source = await readFile(file, io).catch(() => undefined);
    if (!source) continue; // deleted in the working tree: removing a policy grants nothing
    const result = documentsInFile(source, policyType ? { kind: policyType } : {});
    if (result.documents.length === 0) {
      // Not a policy file; but one that does not even parse is said out loud, never silently passed over.
      const broken = result.findings.find((f) => f.severity === 'error' && f.ruleId !== 'parse/not-a-policy');
      if (broken) io.stderr(`iamcheck: skipped ${file}:${broken.span.start.line}:${broken.span.start.column}: ${broken.message}\n`);
      continue;
    }
    const fatal = result.documents.flatMap((d) => d.findings).find((f) => f.fatal);
    if (fatal) throw inputErrorOf(fatal, file);
    const shown = await git(['show', `${base}:./${file}`], io.cwd);
    let oldDocs: PolicyDocument[] = [];
    if (shown.ok) {
      try {
        oldDocs = documentsInFile(createSourceFile(`${base}:${file}`, shown.stdout), policyType ? { kind: policyType } : {}).documents;
      } catch {
        oldDocs = [];
      }
    }
    for (const [oldDoc, newDoc] of pairDocuments(oldDocs, result.documents)) entries.push(compare(oldDoc, newDoc, `${base}:${file}`, policyType, maxWitnesses));
  }
  return entries;
}

/** The overall verdict of several comparisons: FAIL wins, then UNKNOWN. */
export function overall(entries: DiffEntry[]): DiffResultValue {
  if (entries.some((e) => e.result.result === 'FAIL')) return 'FAIL';
  if (entries.some((e) => e.result.result === 'UNKNOWN')) return 'UNKNOWN';
  return 'PASS';
}

export function exitCodeOf(result: DiffResultValue): number {
  return result === 'PASS' ? EXIT.ok : result === 'FAIL' ? EXIT.findings : EXIT.input;
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

function describeContext(w: Witness): string {
  const entries = Object.entries(w.request.context ?? {});
  const present = entries.map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(', ')}]` : v}`).join(', ');
  const absent = w.absentKeys.length ? `without ${w.absentKeys.join(', ')}` : '';
  return [present, absent].filter(Boolean).join('; ') || 'no context keys';
}

function describeDecision(d: WitnessDecision): string {
  const applying = d.statements.filter((s) => s.applies);
  if (d.decision === 'allowed') return `allowed — ${applying.filter((s) => s.effect === 'Allow').map((s) => `statement ${label(s)} allows it`).join('; ')}`;
  const why = d.statements.map((s) => `statement ${label(s)}: ${s.because}`).join('; ');
  return `${d.decision} — ${why || 'the policy has no statements'}`;
}

function label(s: { statementIndex: number; statementId?: string }): string {
  return s.statementId ? `${s.statementIndex} "${s.statementId}"` : String(s.statementIndex);
}

export function witnessLines(w: Witness, showOld = true): string[] {
  const who = w.request.principal === '*' ? '' : `  (caller ${w.request.principal})`;
  const lines = [
    `witness  ${w.request.action} on ${w.request.resource}${who}  (${describeContext(w)})${w.confirmed ? '' : '  [not confirmed: approximated region]'}`,
    `${showOld ? 'new' : 'policy'}${showOld ? '      ' : '   '}${describeDecision(w.newDecision)}`,
  ];
  if (showOld) lines.push(`old      ${describeDecision(w.oldDecision)}`);
  // The note about the `*` caller is for JSON readers; the text leaves the caller out for identity policies.
  for (const note of w.notes) if (!note.startsWith('The caller')) lines.push(`note     ${note}`);
  return lines;
}

function renderText(entries: DiffEntry[], verdict: DiffResultValue): string {
  const out: string[] = [];
  for (const e of entries) {
    const r = e.result;
    const where = e.location ? `${e.new} (${e.location})` : e.new;
    out.push(`${r.result.padEnd(7)} ${where}: ${r.message}${r.result === 'PASS' || r.result === 'FAIL' ? (r.exact ? ' (exact)' : ' (approximated)') : ''}`);
    for (const reason of r.reasons) {
      out.push(`  ${reason.description}  ${reason.file}:${reason.span.start.line}:${reason.span.start.column}`);
      const w = r.witnesses.find((x) => x.grantedBy === reason.statementIndex);
      if (w) for (const line of witnessLines(w, !e.listedAccess)) out.push(`    ${line}`);
    }
    for (const a of r.approximations.slice(0, 5)) out.push(`  approximation: ${a.note} (${a.side} statement ${a.statement.statementIndex})`);
    if (r.approximations.length > 5) out.push(`  … and ${r.approximations.length - 5} more approximations`);
    for (const s of r.skipped) out.push(`  skipped: ${s.side} statement ${s.statement.statementIndex}: ${s.message}`);
  }
  if (entries.length === 0) out.push('PASS    no policy files to compare');
  if (entries.length > 1) out.push(`${verdict}: ${entries.length} policies compared, ${entries.filter((e) => e.result.result === 'FAIL').length} with new access.`);
  if (entries.some((e) => !e.listedAccess)) out.push('note: relative to the old document only; SCPs, permissions boundaries and session policies are not considered.');
  return `${out.join('\n')}\n`;
}

function jsonOf(e: DiffEntry): Record<string, unknown> {
  const r = e.result;
  return {
    old: e.old, new: e.new, ...(e.location ? { location: e.location } : {}),
    result: r.result, exact: r.exact, message: r.message, policyType: r.policyType,
    reasons: r.reasons, witnesses: r.witnesses, approximations: r.approximations, skipped: r.skipped, stats: r.stats,
  };
}

/** JSON output: one comparison is the result itself; several add `files[]` and merge reasons and witnesses. */
export function renderJson(entries: DiffEntry[], verdict: DiffResultValue): string {
  if (entries.length === 1) return `${JSON.stringify(jsonOf(entries[0]), null, 2)}\n`;
  return `${JSON.stringify({
    result: verdict,
    exact: entries.every((e) => e.result.exact),
    reasons: entries.flatMap((e) => e.result.reasons),
    witnesses: entries.flatMap((e) => e.result.witnesses),
    files: entries.map(jsonOf),
  }, null, 2)}\n`;
}

const RULES = [
  { id: 'diff/new-access', severity: 'error' as const, description: 'A policy change grants access that the old policy did not grant' },
  { id: 'diff/unknown', severity: 'warning' as const, description: 'iamcheck could not decide whether a policy change grants new access' },
];

/** SARIF and GitHub annotations: each reason is a finding on the new statement responsible. */
export function renderFindings(entries: DiffEntry[], format: 'sarif' | 'github'): string {
  const files = new Map<string, FileReport>();
  for (const e of entries) {
    const report = files.get(e.new) ?? { file: e.new, policyType: e.result.policyType, findings: [], ...(e.source ? { source: e.source } : {}) };
    files.set(e.new, report);
    for (const reason of e.result.reasons) {
      const w = e.result.witnesses.find((x) => x.grantedBy === reason.statementIndex);
      report.findings.push({
        ruleId: 'diff/new-access', severity: 'error', file: e.new, span: reason.span, message: reason.description,
        notes: [...(w ? witnessLines(w, !e.listedAccess) : []), ...(e.result.exact ? [] : ['Found over an approximation: this access is possible, not certain.'])],
        help: 'If this access is intended, approve the change; otherwise narrow Action, Resource or Condition of this statement.',
      });
    }
    if (e.result.result === 'UNKNOWN') {
      const at = e.source ? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } } : { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
      report.findings.push({ ruleId: 'diff/unknown', severity: 'warning', file: e.new, span: at, message: e.result.message, help: 'Simplify overlapping wildcards, or review the change by hand.' });
    }
  }
  const report: LintReport = { files: [...files.values()], rules: RULES, failOn: 'error', toolVersion: toolVersion() };
  return formatReport(report, format);
}

export function render(entries: DiffEntry[], format: DiffFormat): string {
  const verdict = overall(entries);
  if (format === 'json') return renderJson(entries, verdict);
  if (format === 'sarif' || format === 'github') return renderFindings(entries, format);
  return renderText(entries, verdict);
}

function parseMaxWitnesses(value: string | undefined): number {
  if (value === undefined) return 5;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`diff: --max-witnesses takes a positive whole number, not \`${value}\`.`);
  return n;
}

async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('diff', args, {
    git: { type: 'string' },
    'policy-type': { type: 'string' },
    'max-witnesses': { type: 'string' },
    format: { type: 'string' },
  });
  const format = parseFormat('diff', values.format);
  const policyType = parsePolicyType('diff', values['policy-type']);
  const maxWitnesses = parseMaxWitnesses(values['max-witnesses']);
  let entries: DiffEntry[];
  if (values.git !== undefined) {
    entries = await diffGit(values.git, positionals, io, policyType, maxWitnesses);
  } else {
    if (positionals.length !== 2) throw new UsageError('diff: give two files, OLD and NEW (or --git BASE). Run `iamcheck diff --help`.');
    const [oldPath, newPath] = positionals;
    const oldDocs = documentsOf(await readFile(oldPath, io), policyType);
    const newDocs = documentsOf(await readFile(newPath, io), policyType);
    if (newDocs.length === 0) throw new InputError('No IAM policy found in this file.', newPath, undefined, undefined, 'Pass a policy document, a CloudFormation template or a Terraform plan.');
    entries = pairDocuments(oldDocs, newDocs).map(([o, n]) => compare(o, n, oldPath, policyType, maxWitnesses));
  }
  io.stdout(render(entries, format));
  return exitCodeOf(overall(entries));
}

export const command: Command = {
  name: 'diff',
  summary: 'Prove that a policy change grants no new access, or show a request it newly allows (also --git BASE)',
  usage,
  run,
};
