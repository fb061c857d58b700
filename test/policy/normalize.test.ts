import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/policy/index.js';
import { detectPolicyKind } from '../../src/policy/normalize.js';
import { parseJson } from '../../src/policy/parse-json.js';
import { createSourceFile } from '../../src/core/source.js';
import type { Located } from '../../src/core/span.js';

const at = (l: Located<string>) => [l.value, l.span.start.line, l.span.start.column];

const TEXT = [
  '{',
  '  "Version": "2012-10-17",',
  '  "Id": "Example",',
  '  "Statement": [',
  '    { "Sid": "One", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Principal": "*" },',
  '    { "Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "NotResource": "arn:aws:iam::*:role/ci",',
  '      "NotPrincipal": { "AWS": ["arn:aws:iam::111122223333:root"], "Service": "ecs-tasks.amazonaws.com" },',
  '      "Condition": { "NumericLessThan": { "s3:max-keys": 10 }, "Bool": { "aws:SecureTransport": false },',
  '                     "ForAnyValue:StringLike": { "aws:TagKeys": ["team*", "env"] } } },',
  '    { "Sid": "", "Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "*" }',
  '  ]',
  '}',
].join('\n');

describe('normalizePolicy', () => {
  const { policy, findings } = parsePolicy(TEXT, { kind: 'resource' });
  const [one, two, three] = policy!.statements;

  it('validates', () => expect(findings).toEqual([]));

  it('keeps Version and Id with their spans', () => {
    expect(at(policy!.version!)).toEqual(['2012-10-17', 2, 14]);
    expect(at(policy!.id!)).toEqual(['Example', 3, 9]);
  });

  it('turns single values into arrays and keeps each value at its position', () => {
    expect(one.actions!.map(at)).toEqual([['s3:GetObject', 5, 50]]);
    expect(one.resources!.map(at)).toEqual([['arn:aws:s3:::b/*', 5, 78]]);
    expect(one.effect.value).toBe('Allow');
  });

  it('keeps NotAction / NotResource / NotPrincipal distinct from Action / Resource / Principal', () => {
    expect(two.actions).toBeUndefined();
    expect(two.notActions!.map(at)).toEqual([['iam:*', 6, 39], ['sts:*', 6, 48]]);
    expect(two.resources).toBeUndefined();
    expect(two.notResources!.map(at)).toEqual([['arn:aws:iam::*:role/ci', 6, 73]]);
    expect(two.principals).toBeUndefined();
    expect(two.notPrincipals!.map((p) => [p.type, p.value, p.span.start.line, p.span.start.column])).toEqual([
      ['AWS', 'arn:aws:iam::111122223333:root', 7, 33],
      ['Service', 'ecs-tasks.amazonaws.com', 7, 79],
    ]);
    expect(three.principals!.map((p) => [p.type, p.value])).toEqual([['*', '*']]);
  });

  it('keeps Sids, and labels statements without one by position', () => {
    expect(one.sid && at(one.sid)).toEqual(['One', 5, 14]);
    expect(one.sidLabel).toBe('One');
    expect(two.sid).toBeUndefined();
    expect(two.sidLabel).toBe('#2');
    expect(three.sid?.value).toBe('');
    expect(three.sidLabel).toBe('#3');
    expect([one.index, two.index, three.index]).toEqual([0, 1, 2]);
  });

  it('stringifies condition values as AWS reads them, one entry per operator and key', () => {
    expect(two.conditions.map((c) => [c.operator.value, c.key.value, c.values.map((v) => v.value), c.key.span.start.line, c.key.span.start.column])).toEqual([
      ['NumericLessThan', 's3:max-keys', ['10'], 8, 43],
      ['Bool', 'aws:SecureTransport', ['false'], 8, 74],
      ['ForAnyValue:StringLike', 'aws:TagKeys', ['team*', 'env'], 9, 50],
    ]);
    expect(two.conditions[0].values[0].span.start).toMatchObject({ line: 8, column: 58 });
  });
});

describe('detectPolicyKind', () => {
  it.each([
    ['{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}', 'identity'],
    ['{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*"}]}', 'resource'],
    ['{"Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}', 'trust'],
    ['{"Statement":{"Effect":"Allow","Principal":{"Federated":"x"},"Action":["sts:AssumeRoleWithWebIdentity"]}}', 'trust'],
    ['{"Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}', 'trust'],
    ['{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:*","Resource":"*"}]}', 'resource'],
    ['[]', 'identity'],
  ])('%s → %s', (text, kind) => {
    expect(detectPolicyKind(parseJson(createSourceFile('k.json', text)).root!)).toBe(kind);
  });
});

describe('values AWS rejects name nobody in the model', () => {
  it('a Principal string other than "*" gives no principal (the schema reports it)', () => {
    const { policy, findings } = parsePolicy('{"Statement":{"Effect":"Allow","Principal":"arn:aws:iam::111122223333:root","Action":"s3:GetObject","Resource":"*"}}', { kind: 'resource' });
    expect(findings.map((f) => f.ruleId)).toEqual(['schema/invalid-principal']);
    expect(policy!.statements[0].principals).toEqual([]);
  });
});
