import { dirname, isAbsolute, join, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import scenarioSchema from '../../../schemas/scenario.schema.json' with { type: 'json' };
import { InputError, UsageError } from '../../core/errors.js';
import { compareFindings, type Finding } from '../../core/finding.js';
import type { SourceFile } from '../../core/source.js';
import type { Span } from '../../core/span.js';
import { readScenario, runScenario, type ScenarioResult } from '../../engine/scenario.js';
import type { ConditionResult } from '../../engine/conditions.js';
import type { Explanation, StatementExplanation } from '../../engine/explain.js';
import type { StatementRef } from '../../engine/types.js';
import { parseSource, readSource } from '../../policy/read.js';
import { nodeAtPath, toPlain, type MemberNode, type ValueNode } from '../../policy/tree.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, type Io } from '../io.js';

const usage = `Usage: iamcheck test <scenario-file>... [--format text|json]

Runs policy unit tests: each scenario file (YAML or JSON, schema: schemas/scenario.schema.json) lists policies
and requests with the decision each must get.

  policies:                      # each document inline, or {file: path} relative to the scenario file
    identity: [ ... ]
    resource: { ... }            # bucket policy, key policy, or a role trust policy for sts:AssumeRole
    permissionBoundary: { ... }
    session: { ... }
    scps: [ [ ... ], [ ... ] ]   # one list per organization level, root first, account last
    rcps: [ [ ... ] ]
  tests:
    - name: alice reads her reports
      principal: arn:aws:iam::111122223333:user/alice
      action: s3:GetObject
      resource: arn:aws:s3:::reports/alice/q3.csv
      resourceAccount: "111122223333"    # optional (S3 ARNs carry no account)
      context: { aws:SourceIp: 203.0.113.5, aws:TagKeys: [a, b] }
      expect: allowed                    # allowed | explicitDeny | implicitDeny | denied (either deny)
      policies: { ... }                  # optional: replaces the file-level policies for this test

Options:
  --format <name>   text | json (default: text)

Exit codes: 0 every expectation met; 1 at least one failed; 2 a scenario or policy file could not be read or is
invalid (reported at file:line:column), or a usage error.
`;

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

// Union types (`"type": ["string", "number"]`) accept YAML's unquoted numbers and booleans as text.
const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true });
const validateScenario = ajv.compile(scenarioSchema);

/** The outcome of `iamcheck test` over its files: results, or the input errors that stopped it. */
export interface TestRun {
  results: ScenarioResult[];
  /** Error findings in scenario or policy files; when there are any, no test was run. */
  errors: Finding[];
}

/** What a key of the scenario format is for, to help someone who left it out. */
const KEY_HELP: Record<string, string> = {
  tests: 'Add `tests:` with a list of requests and their expected decisions.',
  name: 'Add `name:` saying which behaviour this test pins down.',
  principal: 'Add the caller\'s ARN, e.g. `principal: arn:aws:iam::111122223333:user/alice`.',
  action: 'Add the action, e.g. `action: s3:GetObject`.',
  resource: 'Add the resource ARN, e.g. `resource: arn:aws:s3:::reports/q3.csv`.',
  expect: 'Add `expect:` with allowed, explicitDeny, implicitDeny or denied.',
  Statement: 'Write the policy document (with `Statement`) here, or `{file: path}` to read it from a file.',
};

/** `/tests/2/context` → `tests[2].context`: how messages name a place in the scenario file. */
function describePath(path: readonly (string | number)[]): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : out === '' ? step : `.${step}`;
  return out === '' ? 'the scenario file' : `\`${out}\``;
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'empty';
  if (typeof value === 'object') return 'a map';
  return `a ${typeof value}`;
}

function wantedType(type: unknown): string {
  const names: Record<string, string> = { object: 'a map', array: 'a list', string: 'a string', number: 'a number', boolean: 'true or false' };
  const list = (Array.isArray(type) ? type : [type]).map((t) => names[String(t)] ?? String(t));
  return list.join(' or ');
}

/** Levenshtein distance, for "did you mean"; inputs are short keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function spanOf(node: ValueNode | MemberNode | undefined, fallback: Span): Span {
  if (!node) return fallback;
  return 'key' in node ? node.key.span : node.span;
}

/** One ajv error in words a person writing the file understands, at the place in the file it is about. */
function describeSchemaError(error: ErrorObject, root: ValueNode, source: SourceFile): Finding {
  const path = error.instancePath.split('/').slice(1).map((s) => {
    const step = s.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(step) ? Number(step) : step;
  });
  const node = nodeAtPath(root, path);
  const at = spanOf(node, root.span);
  const where = describePath(path);
  const last = path[path.length - 1];
  const finding = (message: string, help: string, span = at): Finding => ({
    ruleId: 'schema/scenario', severity: 'error', message: message[0].toUpperCase() + message.slice(1), help, file: source.path, span,
  });
  switch (error.keyword) {
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      // Point at the key that holds the incomplete map (`- name: …` of a test), not the whole map.
      const span = node && !('key' in node) && node.type === 'object' && node.members[0] ? node.members[0].key.span : at;
      return finding(`${where} is missing \`${missing}\`.`, KEY_HELP[missing] ?? `Add \`${missing}\`.`, span);
    }
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
      const member = node && !('key' in node) && node.type === 'object' ? node.members.find((m) => m.key.value === key) : undefined;
      const guess = closest(key, known);
      const help = guess ? `Did you mean \`${guess}\`?` : known.length ? `Expected one of: ${known.map((k) => `\`${k}\``).join(', ')}.` : 'Remove it.';
      return finding(`Unknown key \`${key}\` in ${where}.`, help, member?.key.span ?? at);
    }
    case 'type':
      return finding(`${where} is ${typeName(error.data)}; expected ${wantedType((error.params as { type: unknown }).type)}.`,
        path.includes('scps') || path.includes('rcps')
          ? 'SCPs and RCPs are given as one list per organization level: `scps: [[rootPolicy], [accountPolicy]]`.'
          : 'See `iamcheck test --help` for the format.');
    case 'enum': {
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const guess = typeof error.data === 'string' ? closest(error.data, allowed) : undefined;
      return finding(`${where} is \`${String(error.data)}\`; expected one of ${allowed.join(', ')}.`,
        guess ? `Did you mean \`${guess}\`?` : `Use one of ${allowed.join(', ')}.`);
    }
    case 'minItems':
      return finding(`${where} is an empty list.`, last === 'tests' ? 'Add at least one test.' : 'Add at least one entry, or remove the key.');
    case 'minLength':
      return finding(`${where} is empty.`, KEY_HELP[String(last)] ?? 'Give it a value.');
    case 'anyOf':
      return finding(`The context value of ${where} must be a string or a list of strings; it is ${typeName(error.data)}.`,
        'Write one value as `key: value` and several as `key: [a, b]`.');
    default:
      return finding(`${where} ${error.message ?? 'is invalid'}.`, 'See `iamcheck test --help` for the format.');
  }
}

/** Schema findings for a scenario tree; errors nested under a failing `anyOf`, and `if` bookkeeping, are left out. */
export function checkScenarioSchema(root: ValueNode, source: SourceFile): Finding[] {
  if (validateScenario(toPlain(root))) return [];
  const errors = validateScenario.errors ?? [];
  const alternatives = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
  const kept = errors.filter((e) => e.keyword !== 'if' && !alternatives.some((prefix) => e.schemaPath.startsWith(prefix)));
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const error of kept) {
    const finding = describeSchemaError(error, root, source);
    const key = `${finding.span.start.offset}:${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings.sort(compareFindings);
}

function unreadable(error: InputError, path: string): Finding {
  const at = { line: error.line ?? 1, column: error.column ?? 1, offset: 0 };
  return { ruleId: 'parse/unreadable', severity: 'error', message: error.message, file: error.file ?? path, span: { start: at, end: at },
    ...(error.help ? { help: error.help } : {}), fatal: true };
}

/**
 * Reads, checks and runs scenario files (the `test` command without its output). Paths are resolved against
 * `cwd`; policy files named by `{file}` against their scenario file's folder. Failed tests carry explanations.
 */
export async function runScenarioFiles(paths: readonly string[], cwd: string): Promise<TestRun> {
  const errors: Finding[] = [];
  const scenarios = [];
  for (const path of paths) {
    const full = isAbsolute(path) ? path : resolve(cwd, path);
    let source: SourceFile;
    try {
      source = await readSource(full);
    } catch (error) {
      if (error instanceof InputError) {
        errors.push(unreadable(error, path));
        continue;
      }
      throw error;
    }
    source = { ...source, path };
    const parsed = parseSource(source);
    errors.push(...parsed.findings.filter((f) => f.severity === 'error'));
    if (!parsed.root) continue;
    const schemaErrors = checkScenarioSchema(parsed.root, source);
    errors.push(...schemaErrors);
    if (schemaErrors.length) continue;
    const readPolicyFile = async (relative: string) => {
      const shown = isAbsolute(relative) ? relative : join(dirname(path), relative);
      const file = await readSource(isAbsolute(relative) ? relative : resolve(dirname(full), relative));
      return { ...file, path: shown };
    };
    const { scenario, findings } = await readScenario(parsed.root, source, readPolicyFile);
    errors.push(...findings.filter((f) => f.severity === 'error'));
    scenarios.push(scenario);
  }
  if (errors.length) return { results: [], errors: errors.sort(compareFindings) };
  return { results: scenarios.flatMap((s) => runScenario(s, { explainFailures: true })), errors: [] };
}

function describeFinding(f: Finding): string {
  return `iamcheck: ${f.file}:${f.span.start.line}:${f.span.start.column}: ${f.message}${f.help ? `\n  help: ${f.help}` : ''}\n`;
}

/** A statement reference as JSON output carries it: the StatementRef plus its line and column for quick reading. */
function refJson(ref: StatementRef) {
  return { ...ref, line: ref.span.start.line, column: ref.span.start.column };
}

function refText(ref: StatementRef): string {
  const level = ref.level !== undefined ? ` level ${ref.level}` : '';
  return `${ref.policyType}${level} ${ref.policy} statement ${ref.sid ? `"${ref.sid}"` : `#${ref.statementIndex + 1}`} (${ref.file}:${ref.span.start.line}:${ref.span.start.column})`;
}

function conditionText(c: ConditionResult): string {
  const request = c.contextValues === null ? 'absent' : c.contextValues.length === 1 ? `\`${c.contextValues[0]}\`` : `[${c.contextValues.join(', ')}]`;
  const policy = c.policyValues.map((v) => (v === null ? '(no value)' : v)).join(', ');
  return `${c.operator} ${c.key}: request ${request} vs ${policy} → ${c.result}${c.error ? ` (${c.error})` : ''}`;
}

/** Why one statement did not apply: each element and condition that failed. */
function statementText(s: StatementExplanation): string[] {
  const lines = [`${refText(s.ref)}: ${s.failing} failing part${s.failing === 1 ? '' : 's'}`];
  for (const element of [s.action, s.resource, s.principal]) {
    if (!element || element.matched) continue;
    lines.push(`  ${element.element.padEnd(12)} ${element.requestValue} does not match ${element.patterns.join(', ')}`);
  }
  for (const c of s.conditions) if (!c.result) lines.push(`  condition    ${conditionText(c)}`);
  if (s.error) lines.push(`  skipped: ${s.error}`);
  return lines;
}

/** The engine's explanation of a failed test, in a few lines: what blocked, the closest statements, the fixes. */
function explanationText(explanation: Explanation | undefined): string[] {
  if (!explanation) return [];
  const lines: string[] = [];
  if (explanation.request.derivedKeys.length) lines.push(`derived context: ${explanation.request.derivedKeys.map((k) => `${k}=${String(explanation.request.context[k])}`).join(', ')}`);
  if (explanation.missingAllow) lines.push(explanation.missingAllow.message);
  // For an allow or an explicit deny: how each deciding statement matched, conditions and the values compared.
  for (const type of explanation.policyTypes) {
    for (const s of type.statements) {
      if (!s.applies) continue;
      lines.push(`${s.effect === 'Deny' ? 'denied' : 'allowed'} by ${refText(s.ref)}`);
      for (const element of [s.action, s.resource, s.principal]) {
        if (element) lines.push(`  ${element.element.padEnd(12)} ${element.requestValue} matches ${element.matchedBy.join(', ') || element.patterns.join(', ')}`);
      }
      for (const c of s.conditions) lines.push(`  condition    ${conditionText(c)}`);
    }
  }
  for (const s of explanation.closest) lines.push(...statementText(s).map((l, i) => (i === 0 ? `closest: ${l}` : l)));
  for (const fix of explanation.fixes) lines.push(`fix: ${fix.message}`);
  for (const note of explanation.notes) lines.push(`note: ${note}`);
  return lines;
}

function formatText(results: ScenarioResult[]): string {
  const lines: string[] = [];
  let file: string | undefined;
  for (const r of results) {
    if (r.file !== file) {
      if (file !== undefined) lines.push('');
      file = r.file;
      lines.push(r.file);
    }
    const line = r.test.span.start.line;
    if (r.pass) {
      lines.push(`  ✓ ${r.name}  ${r.decision}`);
      // A met expectation can still rest on statements the engine had to skip: say so, never drop it.
      for (const e of r.outcome.errors) lines.push(`      warning ${e.code}: ${e.message}`);
      continue;
    }
    lines.push(`  ✗ ${r.name}  expected ${r.expect}, got ${r.decision}  (${r.file}:${line})`);
    const { request } = r.test;
    lines.push(`      request: ${request.principal} ${request.action} ${request.resource}${request.resourceAccount ? ` (account ${request.resourceAccount})` : ''}`);
    if (!r.outcome.explanation) for (const ref of r.outcome.determining) lines.push(`      determined by ${refText(ref)}`);
    if (r.outcome.blockedBy) lines.push(`      blocked by: ${r.outcome.blockedBy}`);
    for (const e of r.outcome.errors) lines.push(`      error ${e.code}: ${e.message}`);
    for (const l of explanationText(r.outcome.explanation as Explanation | undefined)) lines.push(`      ${l}`);
  }
  const failed = results.filter((r) => !r.pass).length;
  lines.push('', `${results.length - failed} passed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}

function formatJson(results: ScenarioResult[]): string {
  const failed = results.filter((r) => !r.pass).length;
  return `${JSON.stringify({
    results: results.map((r) => ({
      file: r.file, name: r.name, expect: r.expect, decision: r.decision, pass: r.pass,
      determining: r.outcome.determining.map(refJson),
      ...(r.outcome.errors.length ? { errors: r.outcome.errors.map((e) => ({ code: e.code, message: e.message, ...(e.statement ? { statement: refJson(e.statement) } : {}) })) } : {}),
    })),
    summary: { passed: results.length - failed, failed },
  }, null, 2)}\n`;
}

async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('test', args, { format: { type: 'string' } });
  if (!positionals.length) throw new UsageError('test: give at least one scenario file. Run `iamcheck test --help`.');
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got \`${values.format}\`.`);
  const { results, errors } = await runScenarioFiles(positionals, io.cwd);
  if (errors.length) {
    for (const e of errors) io.stderr(describeFinding(e));
    return EXIT.input;
  }
  io.stdout(format === 'json' ? formatJson(results) : formatText(results));
  return results.every((r) => r.pass) ? EXIT.ok : EXIT.findings;
}

export const command: Command = {
  name: 'test',
  summary: 'Run policy unit tests: scenario files of requests and their expected decisions (for CI)',
  usage,
  run,
};
