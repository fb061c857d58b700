import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../core/source.js';
import { getCatalog } from '../catalog/index.js';
import type { PolicyDocument } from '../policy/documents.js';
import { detectPolicyKind, normalizePolicy } from '../policy/normalize.js';
import { parseJson } from '../policy/parse-json.js';
import type { PolicyKind } from '../policy/types.js';
import type { AnyRule } from './rule.js';
import { mergeOptions, runRules, validateRuleOptions, type RuleReport } from './runner.js';

/** A policy the rule must accept. `code` is the policy text (JSON). */
export interface ValidCase {
  code: string;
  kind?: PolicyKind;
  resourceType?: string;
  options?: readonly unknown[];
  /** Test title; the code by default. */
  name?: string;
}

/** One expected report, pinned to its exact range (1-based lines and columns, end exclusive). */
export interface ExpectedError {
  messageId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** When given, the report's data must equal it (keys compared: those given). */
  data?: Record<string, string | number>;
}

/** A policy the rule must flag, exactly with `errors` in document order. */
export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
}

export interface RuleTests {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Parses a test case into the document the runner sees; a case that does not parse is a broken test. */
export function documentForCase(testCase: ValidCase): PolicyDocument {
  const source = createSourceFile('<test>.json', testCase.code);
  // Schema validation is left out on purpose: a rule must behave on whatever the normalizer accepts.
  const parsed = parseJson(source);
  const fatal = parsed.findings.find((f) => f.fatal);
  if (!parsed.root || fatal) throw new Error(`The test code does not parse: ${fatal?.message ?? 'no document'}`);
  const kind = testCase.kind ?? detectPolicyKind(parsed.root);
  const policy = normalizePolicy(parsed.root, { kind, name: source.path, file: source.path, source });
  const document: PolicyDocument = { policy, root: parsed.root, source, findings: parsed.findings };
  if (testCase.resourceType) document.resourceType = testCase.resourceType;
  return document;
}

/** Runs one rule alone on a case (at its default severity, or `warning` for rules whose default is off). */
export function reportsForCase(rule: AnyRule, testCase: ValidCase): RuleReport[] {
  const options = mergeOptions(rule.meta.defaultOptions, testCase.options);
  const problems = validateRuleOptions(rule, options);
  if (problems.length) throw new Error(`Options of the test case do not match the schema of ${rule.name}: ${problems.join('; ')}`);
  return runRules(documentForCase(testCase), [{ rule, severity: rule.meta.severity, options }], getCatalog());
}

/** Static checks on a rule's meta that every test file gets for free. */
function checkMeta(rule: AnyRule): void {
  expect(rule.name, 'rule name').toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  expect(rule.meta.appliesTo.length, 'meta.appliesTo is not empty').toBeGreaterThan(0);
  expect(rule.meta.docs.description.length, 'meta.docs.description').toBeGreaterThan(0);
  expect(Object.keys(rule.meta.messages).length, 'meta.messages').toBeGreaterThan(0);
  const defaults = validateRuleOptions(rule, rule.meta.defaultOptions);
  expect(defaults, 'meta.defaultOptions match meta.schema').toEqual([]);
}

function checkReport(rule: AnyRule, report: RuleReport): void {
  const template = rule.meta.messages[report.messageId];
  expect(template, `messageId ${report.messageId} exists in meta.messages`).toBeDefined();
  for (const match of template.matchAll(PLACEHOLDER)) {
    expect(Object.keys(report.data), `data for placeholder {{${match[1]}}}`).toContain(match[1]);
  }
  expect(report.finding.message, 'message has no unfilled placeholder').not.toMatch(PLACEHOLDER);
  const { start, end } = report.finding.span;
  expect(end.offset, 'span end is not before its start').toBeGreaterThanOrEqual(start.offset);
}

/**
 * ESLint-style rule tester over vitest: every valid case reports nothing from the rule; every invalid case reports
 * exactly the expected errors, with their messageIds, data and exact ranges, in document order. Options are
 * validated against the rule's schema, and every message's placeholders must be filled.
 */
export const ruleTester = {
  run(rule: AnyRule, tests: RuleTests): void {
    describe(rule.name, () => {
      it('has valid meta', () => checkMeta(rule));
      describe('valid', () => {
        for (const testCase of tests.valid) {
          it(testCase.name ?? testCase.code, () => {
            const reports = reportsForCase(rule, testCase);
            for (const report of reports) checkReport(rule, report);
            expect(reports.map((r) => `${r.messageId} ${r.finding.span.start.line}:${r.finding.span.start.column}: ${r.finding.message}`)).toEqual([]);
          });
        }
      });
      describe('invalid', () => {
        for (const testCase of tests.invalid) {
          it(testCase.name ?? testCase.code, () => {
            expect(testCase.errors.length, 'an invalid case expects at least one error').toBeGreaterThan(0);
            const reports = reportsForCase(rule, testCase);
            for (const report of reports) checkReport(rule, report);
            const actual = reports
              .slice()
              .sort((a, b) => a.finding.span.start.offset - b.finding.span.start.offset)
              .map((r, i) => {
                const { start, end } = r.finding.span;
                const out: Record<string, unknown> = { messageId: r.messageId, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
                const wanted = testCase.errors[i]?.data;
                if (wanted) out.data = Object.fromEntries(Object.keys(wanted).map((k) => [k, r.data[k]]));
                return out;
              });
            expect(actual).toEqual(testCase.errors);
          });
        }
      });
    });
  },
};
