// The `iamcheck.config.json` / `.yaml` file: per-rule severity and options, overrides by file glob (later wins, as
// in ESLint), ignores with a required reason, and `failOn`. Reading happens here; applying is pure.
import { Ajv, type ErrorObject } from 'ajv';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';
import { InputError } from '../core/errors.js';
import type { Finding, Severity } from '../core/finding.js';
import { positionAt, type SourceFile } from '../core/source.js';
import type { Span } from '../core/span.js';
import { editDistance } from '../catalog/edit-distance.js';
import type { PolicyDocument } from '../policy/documents.js';
import { parseJson } from '../policy/parse-json.js';
import { parseYaml } from '../policy/parse-yaml.js';
import { readSource } from '../policy/read.js';
import { getMember, nodeAtPath, toPlain, type MemberNode, type ValueNode } from '../policy/tree.js';
import configSchema from '../../schemas/config.schema.json' with { type: 'json' };
import { allRules } from '../../rules/index.js';
import type { AnyRule, ResolvedRuleSettings, RuleSetting, RuleSeverity } from './rule.js';
import { mergeOptions, validateRuleOptions } from './runner.js';

/** File names looked for in each directory from the working directory upwards, in this order. */
export const CONFIG_FILE_NAMES = ['iamcheck.config.json', 'iamcheck.config.yaml', 'iamcheck.config.yml'];

/** Rule ids outside `rules/` that findings carry and ignores may name. */
const BUILT_IN_PREFIXES = ['parse/', 'schema/', 'config/'];

/** One `ignore` entry of the config file. */
export interface IgnoreEntry {
  rule: string;
  files: string[];
  sid?: string;
  reason: string;
  /** Where the entry is written in the config file (unused ignores point here). */
  span: Span;
}

/** One `overrides` entry. */
export interface ConfigOverride {
  files: string[];
  excludedFiles: string[];
  rules: Record<string, RuleSetting>;
}

/** A loaded config; `path` is undefined when no file was found (every rule at its defaults). */
export interface LintConfig {
  path?: string;
  /** Globs are relative to this directory: the config file's, or the working directory without a file. */
  baseDir: string;
  /** The working directory finding paths are relative to. */
  cwd: string;
  failOn?: Severity;
  rules: Record<string, RuleSetting>;
  overrides: ConfigOverride[];
  ignore: IgnoreEntry[];
}

/** What the runner needs for one file. */
export interface FileSettings {
  rules: ResolvedRuleSettings;
  failOn: Severity;
}

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const validateConfig = ajv.compile(configSchema);

/** A config with nothing in it: every rule at its defaults. */
export function emptyConfig(cwd: string): LintConfig {
  return { baseDir: cwd, cwd, rules: {}, overrides: [], ignore: [] };
}

/** The nearest config file from `cwd` upwards, or undefined. Two config files in one directory are an error. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const found = CONFIG_FILE_NAMES.filter((name) => existsSync(join(dir, name)));
    if (found.length > 1) {
      throw new InputError(`Two config files in one directory: ${found.join(' and ')}.`, join(dir, found[1]), undefined, undefined, 'Keep one of them.');
    }
    if (found.length === 1) return join(dir, found[0]);
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Loads the config: `explicitPath` (`--config`) when given, else the nearest config file from `cwd` upwards, else
 * an empty config. A config that is not valid is an InputError at its line:column.
 */
export async function loadConfig(cwd: string, explicitPath?: string): Promise<LintConfig> {
  const path = explicitPath !== undefined ? resolve(cwd, explicitPath) : findConfigFile(cwd);
  if (path === undefined) return emptyConfig(cwd);
  const source = await readSource(path);
  return parseConfig(source, cwd, explicitPath ?? displayPath(cwd, path));
}

function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function fail(source: SourceFile, display: string, span: Span | undefined, message: string, help?: string): never {
  const position = span ? span.start : positionAt(source, 0);
  throw new InputError(message, display, position.line, position.column, help);
}

function spanOf(node: ValueNode | MemberNode | undefined): Span | undefined {
  return node?.span;
}

function pointer(instancePath: string): (string | number)[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word, c, bestDistance);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** One schema error in the config's own words, at the element it is about. */
function describeSchemaError(root: ValueNode, error: ErrorObject): { span?: Span; message: string; help?: string } {
  const path = pointer(error.instancePath);
  const node = nodeAtPath(root, path);
  const where = error.instancePath === '' ? 'The config' : `\`${path.join('.')}\``;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const member = node && 'type' in node && node.type === 'object' ? getMember(node, key) : undefined;
      const schemaProps = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      const near = closest(key, schemaProps);
      return { span: member?.key.span ?? spanOf(node), message: `Unknown key \`${key}\` in ${where === 'The config' ? 'the config' : where}.`,
        help: near ? `Did you mean \`${near}\`?` : `Allowed keys: ${schemaProps.map((p) => `\`${p}\``).join(', ')}.` };
    }
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      const help = missing === 'reason' ? 'Say why this finding is acceptable, e.g. `"reason": "CI role; scoped by SCP"`.' : undefined;
      return { span: spanOf(node), message: `${where} is missing \`${missing}\`.`, help };
    }
    case 'enum':
      return { span: spanOf(node), message: `${where} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => `\`${String(v)}\``).join(', ')}.` };
    case 'pattern':
      return { span: spanOf(node), message: `${where} must not be empty.`, help: 'Say why this finding is acceptable.' };
    case 'minLength':
      return { span: spanOf(node), message: `${where} must not be empty.` };
    case 'minItems':
      return { span: spanOf(node), message: `${where} must not be an empty list.` };
    case 'type':
      return { span: spanOf(node), message: `${where} must be ${(error.params as { type: string }).type === 'object' ? 'an object' : `a ${(error.params as { type: string }).type}`}.` };
    case 'oneOf':
      if (path[0] === 'rules' || path[2] === 'rules') {
        return { span: spanOf(node), message: `${where} must be a severity (\`off\`, \`info\`, \`warning\`, \`error\`) or \`[severity, options…]\`.` };
      }
      return { span: spanOf(node), message: `${where} must be a glob or a list of globs.` };
    default:
      return { span: spanOf(node), message: `${where} ${error.message ?? 'is invalid'}.` };
  }
}

/** The error to show first: the deepest one (most specific), then the first in the file. */
function pickError(root: ValueNode, errors: ErrorObject[]): ErrorObject {
  const score = (e: ErrorObject) => (e.keyword === 'oneOf' ? 1 : 0) + pointer(e.instancePath).length * 2;
  // oneOf's branches produce errors on the same element; the oneOf error itself reads best.
  const hasOneOf = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const candidates = errors.filter((e) => e.keyword === 'oneOf' || !hasOneOf.has(e.instancePath) || e.keyword === 'additionalProperties');
  return candidates.sort((a, b) => score(b) - score(a) || (spanOf(nodeAtPath(root, pointer(a.instancePath)))?.start.offset ?? 0) - (spanOf(nodeAtPath(root, pointer(b.instancePath)))?.start.offset ?? 0))[0] ?? errors[0];
}

function globs(node: ValueNode | undefined): string[] {
  if (!node) return [];
  return node.type === 'array' ? node.elements.map((e) => String(toPlain(e))) : [String(toPlain(node))];
}

/** Reads a `rules` object, checking rule ids and options; positions come from `node`. */
function readRules(node: ValueNode | undefined, source: SourceFile, display: string, rules: readonly AnyRule[]): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  if (!node || node.type !== 'object') return out;
  const byName = new Map(rules.map((r) => [r.name, r]));
  for (const member of node.members) {
    const id = member.key.value;
    const rule = byName.get(id);
    if (!rule) {
      const near = closest(id, [...byName.keys()]);
      fail(source, display, member.key.span, `Unknown rule \`${id}\`.`, near ? `Did you mean \`${near}\`? Run \`iamcheck rules\` for the list.` : 'Run `iamcheck rules` for the list of rules.');
    }
    const value = toPlain(member.value) as RuleSeverity | [RuleSeverity, ...unknown[]];
    const setting: RuleSetting = Array.isArray(value) ? { severity: value[0] } : { severity: value };
    if (Array.isArray(value) && value.length > 1) {
      const options = value.slice(1);
      const problems = validateRuleOptions(rule, mergeOptions(rule.meta.defaultOptions, options));
      if (problems.length) {
        const at = member.value.type === 'array' ? member.value.elements[1].span : member.value.span;
        fail(source, display, at, `Invalid options for rule \`${id}\`: ${problems.join('; ')}.`, `See rules/${id}.md for its options.`);
      }
      setting.options = options;
    }
    out[id] = setting;
  }
  return out;
}

/** Parses and checks a config file's text. Exported for tests; `loadConfig` reads the file first. */
export function parseConfig(source: SourceFile, cwd: string, display: string = source.path, rules: readonly AnyRule[] = allRules): LintConfig {
  const isYaml = /\.ya?ml$/i.test(source.path);
  const parsed = isYaml ? parseYaml(source) : parseJson(source);
  const fatal = parsed.findings.find((f) => f.fatal) ?? parsed.findings.find((f) => f.severity === 'error');
  if (!parsed.root || fatal) fail(source, display, fatal?.span, fatal ? fatal.message : 'The config file is empty.', fatal?.help ?? 'Write a JSON or YAML object, e.g. `{"rules": {}}`.');
  const root = parsed.root;
  if (root.type === 'null' && source.text.trim() === '') return { ...emptyConfig(cwd), path: display, baseDir: dirname(resolve(cwd, source.path)) };
  const plain = toPlain(root);
  if (!validateConfig(plain)) {
    const error = pickError(root, validateConfig.errors ?? []);
    const { span, message, help } = describeSchemaError(root, error);
    fail(source, display, span, message, help);
  }
  const object = root as Extract<ValueNode, { type: 'object' }>;
  const field = (name: string) => getMember(object, name)?.value;
  const config: LintConfig = {
    path: display,
    baseDir: dirname(resolve(cwd, source.path)),
    cwd,
    rules: readRules(field('rules'), source, display, rules),
    overrides: [],
    ignore: [],
  };
  const failOn = field('failOn');
  if (failOn) config.failOn = toPlain(failOn) as Severity;
  const overrides = field('overrides');
  if (overrides?.type === 'array') {
    for (const item of overrides.elements) {
      if (item.type !== 'object') continue;
      config.overrides.push({
        files: globs(getMember(item, 'files')?.value),
        excludedFiles: globs(getMember(item, 'excludedFiles')?.value),
        rules: readRules(getMember(item, 'rules')?.value, source, display, rules),
      });
    }
  }
  const ignore = field('ignore');
  if (ignore?.type === 'array') {
    const names = new Set(rules.map((r) => r.name));
    for (const item of ignore.elements) {
      if (item.type !== 'object') continue;
      const ruleMember = getMember(item, 'rule')!;
      const rule = String(toPlain(ruleMember.value));
      if (!names.has(rule) && !BUILT_IN_PREFIXES.some((p) => rule.startsWith(p))) {
        const near = closest(rule, [...names]);
        fail(source, display, ruleMember.value.span, `Unknown rule \`${rule}\` in \`ignore\`.`, near ? `Did you mean \`${near}\`?` : 'Run `iamcheck rules` for the list of rules.');
      }
      const entry: IgnoreEntry = {
        rule,
        files: globs(getMember(item, 'files')?.value),
        reason: String(toPlain(getMember(item, 'reason')!.value)),
        span: item.span,
      };
      const sid = getMember(item, 'sid')?.value;
      if (sid) entry.sid = String(toPlain(sid));
      config.ignore.push(entry);
    }
  }
  return config;
}

/** The path of `file` relative to the config's directory, with `/` separators (what globs are matched against). */
export function configRelativePath(config: LintConfig, file: string): string {
  const rel = relative(config.baseDir, resolve(config.cwd, file));
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** minimatch with the config's conventions: dotfiles match, and a pattern without `/` matches the base name anywhere. */
export function matchesGlobs(path: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => minimatch(path, pattern, { dot: true, matchBase: !pattern.includes('/') }));
}

const settingsCache = new WeakMap<LintConfig, Map<string, FileSettings>>();

function applyRules(into: ResolvedRuleSettings, rules: Record<string, RuleSetting>): void {
  for (const [id, setting] of Object.entries(rules)) {
    // ESLint semantics: a severity alone keeps the options set earlier.
    const prior = into[id];
    into[id] = setting.options === undefined && prior?.options !== undefined ? { severity: setting.severity, options: prior.options } : setting;
  }
}

/**
 * The rule settings and `failOn` for one file: the config's `rules`, then each matching override in order (later
 * wins). Files with the same matching overrides share one settings object, so the runner's per-settings cache works.
 */
export function settingsForFile(config: LintConfig, file: string): FileSettings {
  const rel = configRelativePath(config, file);
  const matched: number[] = [];
  config.overrides.forEach((o, i) => {
    if (matchesGlobs(rel, o.files) && !matchesGlobs(rel, o.excludedFiles)) matched.push(i);
  });
  const key = matched.join(',');
  let byKey = settingsCache.get(config);
  if (!byKey) settingsCache.set(config, (byKey = new Map()));
  let settings = byKey.get(key);
  if (!settings) {
    const rules: ResolvedRuleSettings = {};
    applyRules(rules, config.rules);
    for (const i of matched) applyRules(rules, config.overrides[i].rules);
    settings = { rules, failOn: config.failOn ?? 'error' };
    byKey.set(key, settings);
  }
  return settings;
}

export interface ApplyIgnoresOptions {
  /** The documents the findings came from: needed for ignores with a `sid` (the finding's statement is looked up). */
  documents?: readonly PolicyDocument[];
  /**
   * The files that were linted. An ignore is reported unused only when one of them matches its `files`; without
   * this list every ignore that suppressed nothing is reported.
   */
  files?: readonly string[];
}

/** The Sid of the statement that contains a finding, or undefined. */
function sidAt(finding: Finding, documents: readonly PolicyDocument[]): string | undefined {
  const offset = finding.span.start.offset;
  for (const document of documents) {
    if (document.source.path !== finding.file) continue;
    for (const statement of document.policy.statements) {
      if (statement.span.start.offset <= offset && offset < statement.span.end.offset) return statement.sid?.value;
    }
  }
  return undefined;
}

/**
 * Drops the findings that an `ignore` entry covers (rule, file glob, optional Sid) and reports each ignore that
 * covered nothing as a `config/unused-ignore` finding at its place in the config file. Fatal findings are never
 * ignored.
 */
export function applyIgnores(findings: readonly Finding[], config: LintConfig, options: ApplyIgnoresOptions = {}): { findings: Finding[]; unused: Finding[] } {
  const used = new Array<boolean>(config.ignore.length).fill(false);
  const kept: Finding[] = [];
  const documents = options.documents ?? [];
  for (const finding of findings) {
    let ignored = false;
    if (!finding.fatal) {
      const rel = configRelativePath(config, finding.file);
      config.ignore.forEach((entry, i) => {
        if (entry.rule !== finding.ruleId || !matchesGlobs(rel, entry.files)) return;
        if (entry.sid !== undefined && sidAt(finding, documents) !== entry.sid) return;
        used[i] = true;
        ignored = true;
      });
    }
    if (!ignored) kept.push(finding);
  }
  const linted = options.files?.map((f) => configRelativePath(config, f));
  const unused: Finding[] = [];
  config.ignore.forEach((entry, i) => {
    if (used[i] || !config.path) return;
    if (linted && !linted.some((f) => matchesGlobs(f, entry.files))) return;
    unused.push({
      ruleId: 'config/unused-ignore',
      severity: 'warning',
      file: config.path,
      span: entry.span,
      message: `This ignore of \`${entry.rule}\`${entry.sid ? ` in statement \`${entry.sid}\`` : ''} for ${entry.files.map((f) => `\`${f}\``).join(', ')} matched no finding.`,
      notes: ['A stale ignore would silently hide the next real finding of this rule in these files.'],
      help: 'Remove the entry, or correct its `rule`, `files` or `sid`.',
    });
  });
  return { findings: kept, unused };
}
