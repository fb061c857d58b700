import { describe, expect, test } from 'vitest';
import { checkAccessNotGranted, checkNoNewAccess } from '../../src/diff/index.js';
import { parsePolicy } from '../../src/policy/index.js';
import type { PolicyKind } from '../../src/policy/types.js';

const policy = (statements: object[], kind: PolicyKind = 'identity') =>
  parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2), { kind, path: 'p.json' }).policy!;

describe('checkNoNewAccess', () => {
  test('a budget that runs out answers UNKNOWN, never PASS', () => {
    const statements = Array.from({ length: 8 }, (_, i) => ({ Effect: 'Allow', Action: `s3:*${'?'.repeat(i)}x*`, Resource: '*' }));
    const result = checkNoNewAccess(policy([]), policy(statements), { budget: { regionStates: 20 } });
    expect(result.result).toBe('UNKNOWN');
    expect(result.exact).toBe(false);
    expect(result.message).toMatch(/^Could not decide/);
    const search = checkNoNewAccess(policy(statements.slice(0, 4)), policy(statements), { budget: { searchNodes: 1 } });
    expect(search.result).toBe('UNKNOWN');
  });

  test('the policy type follows the new document: a Principal makes it resource-based', () => {
    const old = policy([{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }], 'resource');
    const wider = policy([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }], 'resource');
    const result = checkNoNewAccess(old, wider);
    expect(result.policyType).toBe('resource');
    expect(result.result).toBe('FAIL');
    expect(result.witnesses[0].request.principal).not.toContain('111122223333');
  });

  test('a statement the engine cannot evaluate is skipped and reported, as authorize skips it', () => {
    const result = checkNoNewAccess(policy([]), policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEqualz: { 'aws:username': 'a' } } }]));
    expect(result.result).toBe('PASS');
    expect(result.skipped).toEqual([expect.objectContaining({ side: 'new', message: 'Unknown condition operator `StringEqualz`.' })]);
  });

  test('several statements granting the same new access are all reasons', () => {
    const result = checkNoNewAccess(policy([]), policy([
      { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      { Sid: 'B', Effect: 'Allow', Action: 's3:Get*', Resource: '*' },
      { Sid: 'C', Effect: 'Deny', Action: 's3:*', Resource: '*' },
    ]));
    expect(result.result).toBe('PASS');
    const two = checkNoNewAccess(policy([]), policy([
      { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      { Sid: 'B', Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
    ]));
    expect(two.reasons.map((r) => [r.statementIndex, r.statementId])).toEqual([[0, 'A'], [1, 'B']]);
    expect(two.witnesses.map((w) => w.grantedBy)).toEqual([0, 1]);
  });
});

describe('checkAccessNotGranted', () => {
  const p = policy([
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'] },
    { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/secret/*' },
  ]);
  test.each([
    { access: { actions: ['s3:PutObject'] }, result: 'PASS' },
    { access: { actions: ['s3:GetObject'] }, result: 'FAIL' },
    { access: { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::data/secret/*'] }, result: 'PASS' },
    { access: { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::data/secret/*', 'arn:aws:s3:::data/public/*'] }, result: 'FAIL' },
    { access: { resources: ['arn:aws:s3:::other/*'] }, result: 'PASS' },
  ])('$access → $result', ({ access, result }) => {
    const r = checkAccessNotGranted(p, access);
    expect(r.result).toBe(result);
    for (const w of r.witnesses) expect(w.newDecision.decision).toBe('allowed');
  });
});
