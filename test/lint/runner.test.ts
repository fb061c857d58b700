import { describe, expect, it } from 'vitest';
import { IamcheckError } from '../../src/core/errors.js';
import { defineRule } from '../../src/lint/rule.js';
import { documentForCase } from '../../src/lint/rule-tester.js';
import { fillMessage, lintDocument, mergeOptions } from '../../src/lint/runner.js';
import { allRules } from '../../rules/index.js';
import noWildcardAction from '../../rules/no-wildcard-action.js';
import passRoleWildcard from '../../rules/pass-role-wildcard.js';
import unknownAction from '../../rules/unknown-action.js';

/** A fixed list, so rules added later do not change these expectations. */
const RULES = [unknownAction, noWildcardAction, passRoleWildcard];

const WILDCARD = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObjcet", "Resource": "*"},
    {"Sid": "ReadAll", "Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::reports/*"}
  ]
}`;

/** A rule that reports every statement, for tests of the runner itself. */
const everyStatement = defineRule({
  name: 'every-statement',
  meta: {
    type: 'suggestion', severity: 'info', recommended: false, appliesTo: ['trust'],
    docs: { description: 'test rule' }, messages: { seen: 'Statement {{sid}} of kind {{kind}}.', broken: 'Uses {{missing}}.' },
    schema: [{ type: 'object', properties: { broken: { type: 'boolean' } }, additionalProperties: false }], defaultOptions: [{ broken: false }], sources: [{ tool: 'test', id: 'x' }],
  },
  create(context, [{ broken }]) {
    const visited: string[] = [];
    return {
      Policy: () => visited.push('Policy'),
      Statement(statement) {
        visited.push('Statement');
        context.report(broken ? { messageId: 'broken', span: statement.span } : { messageId: 'seen', span: statement.span, data: { sid: statement.sidLabel, kind: context.kind } });
      },
      Action: (_a, _s, field) => visited.push(field),
      Principal: (_p, _s, field) => visited.push(field),
      Condition: () => visited.push('Condition'),
      'Policy:exit': () => context.report({ messageId: 'seen', span: context.policy.span, data: { sid: visited.join(','), kind: 'exit' } }),
    };
  },
});

describe('lintDocument', () => {
  it('runs the recommended rules at their default severity, with messages and help filled in', () => {
    const findings = lintDocument(documentForCase({ code: WILDCARD }), { ruleList: RULES });
    expect(findings.map((f) => [f.ruleId, f.severity, f.span.start.line, f.span.start.column, f.message, f.help])).toEqual([
      ['unknown-action', 'error', 4, 35, '`s3:GetObjcet` is not an action of Amazon S3.', 'Did you mean `s3:GetObject`?'],
      ['no-wildcard-action', 'warning', 5, 53, 'Statement `ReadAll` allows every action of every service with `*`.', 'List only the actions this principal needs.'],
    ]);
    expect(findings[0].file).toBe('<test>.json');
  });

  it('takes severities from the settings and skips rules that are off', () => {
    const findings = lintDocument(documentForCase({ code: WILDCARD }), { rules: { 'no-wildcard-action': { severity: 'error' }, 'unknown-action': { severity: 'off' } }, ruleList: RULES });
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['no-wildcard-action', 'error']]);
  });

  it('passes options merged over the defaults', () => {
    const code = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}`;
    expect(lintDocument(documentForCase({ code }), { ruleList: RULES }).map((f) => f.ruleId)).toEqual(['no-wildcard-action']);
    expect(lintDocument(documentForCase({ code }), { rules: { 'no-wildcard-action': { severity: 'warning', options: [{ allowServices: ['s3'] }] } }, ruleList: RULES })).toEqual([]);
  });

  it('runs a rule only on the policy kinds it applies to, visiting elements in order', () => {
    const trust = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}]}`;
    const settings = { 'every-statement': { severity: 'warning' as const } };
    expect(lintDocument(documentForCase({ code: trust, kind: 'identity' }), { rules: settings, ruleList: [everyStatement] })).toEqual([]);
    const findings = lintDocument(documentForCase({ code: trust, kind: 'trust' }), { rules: settings, ruleList: [everyStatement] });
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      ['warning', 'Statement #1 of kind trust.'],
      ['warning', 'Statement Policy,Statement,Action,Principal,Condition of kind exit.'],
    ]);
  });

  it('treats a message placeholder without data as a bug in the rule', () => {
    const document = documentForCase({ code: `{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}}`, kind: 'trust' });
    expect(() => lintDocument(document, { rules: { 'every-statement': { severity: 'info', options: [{ broken: true }] } }, ruleList: [everyStatement] })).toThrow(IamcheckError);
  });

  it('every shipped rule has a unique name', () => {
    expect(new Set(allRules.map((r) => r.name)).size).toBe(allRules.length);
  });
});

describe('fillMessage and mergeOptions', () => {
  it('fills placeholders and throws on a missing one', () => {
    expect(fillMessage('`{{a}}` and {{ b }}', { a: 'x', b: 2 }, 'r')).toBe('`x` and 2');
    expect(() => fillMessage('{{a}}', {}, 'r')).toThrow('Rule r reported a message with no data for placeholder {{a}}.');
  });

  it('merges objects key by key and replaces everything else', () => {
    expect(mergeOptions([{ a: 1, b: { c: 2, d: 3 } }, 'x'], [{ b: { c: 9 } }])).toEqual([{ a: 1, b: { c: 9, d: 3 } }, 'x']);
    expect(mergeOptions([{ list: [1, 2] }], [{ list: [3] }])).toEqual([{ list: [3] }]);
  });
});
