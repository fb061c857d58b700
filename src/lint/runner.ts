import { Ajv, type ValidateFunction } from 'ajv';
import { IamcheckError } from '../core/errors.js';
import type { Finding, Severity } from '../core/finding.js';
import { getCatalog } from '../catalog/index.js';
import type { PolicyDocument } from '../policy/documents.js';
import { allRules } from '../../rules/index.js';
import type { AnyRule, Catalog, ReportDescriptor, ResolvedRuleSettings, RuleContext, RuleSetting, RuleVisitors } from './rule.js';

/** A finding together with the rule-level facts the rule tester checks. */
export interface RuleReport {
  finding: Finding;
  messageId: string;
  data: Record<string, string | number>;
}

export interface LintOptions {
  /** Per-rule settings (config file + overrides + CLI flags); rules missing here use their defaults. */
  rules?: ResolvedRuleSettings;
  /** The rules to consider; all of `rules/index.ts` by default. */
  ruleList?: readonly AnyRule[];
  catalog?: Catalog;
}

/** A rule switched on for a run, with its options resolved and validated. */
interface EnabledRule {
  rule: AnyRule;
  severity: Severity;
  options: readonly unknown[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * Fills `{{name}}` placeholders from `data`. A placeholder without data is a bug in the rule, not in the user's
 * policy, so it throws (the rule tester turns it into a failing test).
 */
export function fillMessage(template: string, data: Record<string, string | number> | undefined, ruleId: string): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = data && Object.prototype.hasOwnProperty.call(data, name) ? data[name] : undefined;
    if (value === undefined) throw new IamcheckError('rule-message', `Rule ${ruleId} reported a message with no data for placeholder {{${name}}}.`);
    return String(value);
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeOption(defaults: unknown, user: unknown): unknown {
  if (user === undefined) return defaults;
  if (!isPlainObject(defaults) || !isPlainObject(user)) return user;
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(user)) out[key] = mergeOption(defaults[key], value);
  return out;
}

/** User options merged over a rule's `defaultOptions`, position by position, objects key by key (as ESLint does). */
export function mergeOptions(defaults: readonly unknown[], user: readonly unknown[] | undefined): unknown[] {
  const length = Math.max(defaults.length, user?.length ?? 0);
  const out: unknown[] = [];
  for (let i = 0; i < length; i++) out.push(mergeOption(defaults[i], user?.[i]));
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const optionValidators = new WeakMap<AnyRule, ValidateFunction>();

/** The validator of a rule's options array (its `meta.schema` items, no extra positions). */
export function optionsValidator(rule: AnyRule): ValidateFunction {
  let validate = optionValidators.get(rule);
  if (!validate) {
    validate = ajv.compile({ type: 'array', items: rule.meta.schema.length ? [...rule.meta.schema] : undefined, maxItems: rule.meta.schema.length, additionalItems: false });
    optionValidators.set(rule, validate);
  }
  return validate;
}

/** Checks user options against the rule's schema; returns the problems in words (empty when valid). */
export function validateRuleOptions(rule: AnyRule, options: readonly unknown[]): string[] {
  const validate = optionsValidator(rule);
  if (validate(options)) return [];
  return (validate.errors ?? []).map((e) => `option ${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
}

const enabledCache = new WeakMap<object, WeakMap<readonly AnyRule[], EnabledRule[]>>();
const NO_SETTINGS: ResolvedRuleSettings = {};

function enable(rule: AnyRule, setting: RuleSetting | undefined): EnabledRule | undefined {
  const severity = setting ? setting.severity : rule.meta.recommended ? rule.meta.severity : 'off';
  if (severity === 'off') return undefined;
  const options = mergeOptions(rule.meta.defaultOptions, setting?.options);
  const problems = validateRuleOptions(rule, options);
  // INVARIANT: config loading validates options with positions; reaching here with bad options is our bug.
  if (problems.length) throw new IamcheckError('rule-options', `Invalid options for rule ${rule.name}: ${problems.join('; ')}`);
  return { rule, severity, options };
}

/** The rules a settings object switches on, computed once per settings object and rule list. */
function enabledRules(settings: ResolvedRuleSettings, ruleList: readonly AnyRule[]): EnabledRule[] {
  let byList = enabledCache.get(settings);
  if (!byList) enabledCache.set(settings, (byList = new WeakMap()));
  let enabled = byList.get(ruleList);
  if (!enabled) {
    enabled = [];
    for (const rule of ruleList) {
      const entry = enable(rule, settings[rule.name]);
      if (entry) enabled.push(entry);
    }
    byList.set(ruleList, enabled);
  }
  return enabled;
}

/** Whether a rule understands this document: its kind, and for resource policies its resource type. */
export function ruleApplies(rule: AnyRule, document: PolicyDocument): boolean {
  if (!rule.meta.appliesTo.includes(document.policy.kind)) return false;
  const types = rule.meta.resourceTypes;
  if (types && document.policy.kind === 'resource') return document.resourceType !== undefined && types.includes(document.resourceType);
  return true;
}

/** Runs the given rules over one document and returns what they reported, with messageIds (for the tester). */
export function runRules(document: PolicyDocument, enabled: readonly EnabledRule[], catalog: Catalog): RuleReport[] {
  const reports: RuleReport[] = [];
  const policy = document.policy;
  const visitors: RuleVisitors[] = [];
  for (const { rule, severity, options } of enabled) {
    if (!ruleApplies(rule, document)) continue;
    const context: RuleContext = {
      report(descriptor: ReportDescriptor) {
        const template = rule.meta.messages[descriptor.messageId];
        if (template === undefined) throw new IamcheckError('rule-message', `Rule ${rule.name} reported unknown messageId ${descriptor.messageId}.`);
        const data = descriptor.data ?? {};
        const finding: Finding = { ruleId: rule.name, severity, message: fillMessage(template, data, rule.name), file: document.source.path, span: descriptor.span };
        if (descriptor.notes?.length) finding.notes = descriptor.notes;
        if (descriptor.help) finding.help = descriptor.help;
        if (descriptor.fix) finding.fix = descriptor.fix;
        reports.push({ finding, messageId: descriptor.messageId, data });
      },
      policy,
      document,
      catalog,
      kind: policy.kind,
      sourceText: document.source.text,
    };
    if (document.resourceType !== undefined) context.resourceType = document.resourceType;
    visitors.push(rule.create(context, options));
  }
  if (visitors.length === 0) return reports;
  // One list of handlers per event, so the walk below calls only what some rule listens to.
  const on = <K extends keyof RuleVisitors>(name: K) => visitors.map((v) => v[name]?.bind(v)).filter((h): h is NonNullable<RuleVisitors[K]> => h !== undefined);
  const onPolicy = on('Policy');
  const onStatement = on('Statement');
  const onAction = on('Action');
  const onResource = on('Resource');
  const onPrincipal = on('Principal');
  const onCondition = on('Condition');
  const onExit = on('Policy:exit');
  for (const h of onPolicy) h(policy);
  for (const statement of policy.statements) {
    for (const h of onStatement) h(statement);
    if (onAction.length) {
      for (const a of statement.actions ?? []) for (const h of onAction) h(a, statement, 'Action');
      for (const a of statement.notActions ?? []) for (const h of onAction) h(a, statement, 'NotAction');
    }
    if (onResource.length) {
      for (const r of statement.resources ?? []) for (const h of onResource) h(r, statement, 'Resource');
      for (const r of statement.notResources ?? []) for (const h of onResource) h(r, statement, 'NotResource');
    }
    if (onPrincipal.length) {
      for (const p of statement.principals ?? []) for (const h of onPrincipal) h(p, statement, 'Principal');
      for (const p of statement.notPrincipals ?? []) for (const h of onPrincipal) h(p, statement, 'NotPrincipal');
    }
    for (const c of statement.conditions) for (const h of onCondition) h(c, statement);
  }
  for (const h of onExit) h(policy);
  return reports;
}

/** The rules switched on by `settings` (defaults when absent), each with its severity and resolved options. */
export function resolveEnabledRules(settings: ResolvedRuleSettings = NO_SETTINGS, ruleList: readonly AnyRule[] = allRules): EnabledRule[] {
  return enabledRules(settings, ruleList);
}

/**
 * Lints one policy document: runs every enabled rule that applies to its kind and returns the findings, messages
 * filled in, severity from the settings. Pure: the document is already parsed, the catalog is in memory.
 */
export function lintDocument(document: PolicyDocument, options: LintOptions = {}): Finding[] {
  const enabled = enabledRules(options.rules ?? NO_SETTINGS, options.ruleList ?? allRules);
  return runRules(document, enabled, options.catalog ?? getCatalog()).map((r) => r.finding);
}

export type { EnabledRule };
