import { describe, expect, it } from 'vitest';
import { authorize, parsePrincipal, derivePrincipalContext } from '../../src/engine/index.js';
import { DERIVED_KEY_NAMES } from '../../src/engine/principal.js';
import { formatDecision } from '../../src/format/decision.js';
import { parsePolicy } from '../../src/policy/index.js';
import type { PolicyKind } from '../../src/policy/types.js';

const policy = (name: string, statements: unknown[], kind: PolicyKind = 'identity') =>
  parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2), { kind, name, path: `${name}.json` }).policy!;

const ROLE = 'arn:aws:iam::111122223333:role/ci';

describe('explanation of an implicit deny', () => {
  const identity = policy('ci', [
    { Sid: 'WriteReports', Effect: 'Allow', Action: 's3:Put*', Resource: 'arn:aws:s3:::report/*' },
    { Sid: 'Unrelated', Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
  ]);

  it('names the closest Allow (fewest failing parts), the missing policy type and the smallest fix', () => {
    const d = authorize({ principal: ROLE, action: 's3:PutObject', resource: 'arn:aws:s3:::reports/2026/q3.csv' }, { identity: [identity] }, { explain: true });
    const e = d.explanation!;
    expect(d.blockedBy).toBe('identity');
    expect(e.missingAllow).toEqual({ policyType: 'identity', message: 'no identity-based policy allows s3:PutObject' });
    expect(e.closest.map((s) => [s.ref.sid, s.failing])).toEqual([['WriteReports', 1]]);
    expect(e.closest[0].action).toEqual({ element: 'Action', requestValue: 's3:PutObject', patterns: ['s3:Put*'], matchedBy: ['s3:Put*'], matched: true });
    expect(e.closest[0].resource).toEqual({ element: 'Resource', requestValue: 'arn:aws:s3:::reports/2026/q3.csv', patterns: ['arn:aws:s3:::report/*'], matchedBy: [], matched: false });
    expect(e.fixes).toEqual([
      { kind: 'addResource', statement: e.closest[0].ref, policyType: 'identity', value: 'arn:aws:s3:::reports/*', message: 'add arn:aws:s3:::reports/* to Resource of "WriteReports"' },
    ]);
    expect(e.policyTypes.map((t) => [t.policyType, t.outcome, t.statements.length])).toEqual([['identity', 'none', 2]]);
  });

  it('records each condition with the values compared', () => {
    const d = authorize({ principal: ROLE, action: 'ec2:DescribeInstances', resource: '*', context: { 'aws:SecureTransport': 'false' } }, { identity: [identity] }, { explain: true });
    expect(d.explanation!.closest[0].conditions).toEqual([{ result: false, operator: 'Bool', key: 'aws:SecureTransport', contextValues: ['false'], policyValues: ['true'] }]);
    expect(d.explanation!.fixes.map((f) => f.message)).toEqual(['satisfy Bool aws:SecureTransport true (the request has false)']);
  });

  it('says which SCP level lacks an Allow', () => {
    const scp0 = policy('root-scp', [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }], 'scp');
    const scp1 = policy('ou-scp', [{ Sid: 'Ec2Only', Effect: 'Allow', Action: 'ec2:*', Resource: '*' }], 'scp');
    const d = authorize({ principal: ROLE, action: 's3:PutObject', resource: 'arn:aws:s3:::report/x' }, { identity: [identity], scps: [[scp0], [scp1]] }, { explain: true });
    expect(d.decision).toBe('implicitDeny');
    expect(d.explanation!.missingAllow).toEqual({ policyType: 'scp', level: 1, message: 'no service control policy (level 1) allows s3:PutObject' });
    expect(d.explanation!.fixes.map((f) => f.message)).toEqual(['add s3:PutObject to Action of "Ec2Only"']);
  });

  it('suggests a new statement when the policy type has no Allow at all', () => {
    const d = authorize({ principal: ROLE, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }, { identity: [] }, { explain: true });
    expect(d.explanation!.fixes).toEqual([{ kind: 'addStatement', policyType: 'identity', message: 'add an Allow statement for s3:GetObject on arn:aws:s3:::b/k to the identity-based policy' }]);
  });

  it('lists the derived context keys in AWS spelling', () => {
    const d = authorize({ principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: { 'aws:SourceIp': '203.0.113.5' } }, { identity: [] }, { explain: true });
    expect(d.explanation!.request.context).toEqual({
      'aws:SourceIp': '203.0.113.5',
      'aws:PrincipalAccount': '111122223333',
      'aws:PrincipalIsAWSService': 'false',
      'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/alice',
      'aws:PrincipalType': 'User',
      'aws:username': 'alice',
    });
  });

  it('knows only the derived keys, not object members, as AWS spellings', () => {
    expect(['constructor', 'toString', '__proto__', 'hasOwnProperty'].filter((k) => k in DERIVED_KEY_NAMES)).toEqual([]);
    expect(DERIVED_KEY_NAMES['aws:principalarn']).toBe('aws:PrincipalArn');
  });

  it('keeps supplied keys named like object members as keys', () => {
    // Computed keys: own properties, as --context and scenario files build them.
    const context = { ['__proto__']: ['a', 'b'], constructor: 'y' };
    const d = authorize({ principal: ROLE, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context }, { identity: [] }, { explain: true });
    const shown = d.explanation!.request.context;
    expect(Object.getPrototypeOf(shown)).toBe(Object.prototype);
    expect([Object.hasOwn(shown, '__proto__'), shown.__proto__, shown.constructor]).toEqual([true, ['a', 'b'], 'y']);
  });

  it('leaves the explanation out when not asked', () => {
    const d = authorize({ principal: ROLE, action: 's3:PutObject', resource: 'arn:aws:s3:::report/x' }, { identity: [identity] });
    expect(d).toEqual({ decision: 'allowed', determining: [expect.objectContaining({ sid: 'WriteReports' })], errors: [], blockedBy: null });
  });
});

describe('formatDecision', () => {
  it('renders an explicit deny with the denying statement', () => {
    const deny = policy('guard', [{ Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:Delete*', Resource: '*' }, { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }]);
    const request = { principal: ROLE, action: 's3:DeleteObject', resource: 'arn:aws:s3:::b/k' };
    expect(formatDecision(request, authorize(request, { identity: [deny] }))).toBe(
      'explicitDeny  s3:DeleteObject on arn:aws:s3:::b/k  (arn:aws:iam::111122223333:role/ci)\n  denied by: guard.json Statement "NoDeletes" (line 4), identity-based policy\n',
    );
  });

  it('renders errors of skipped statements', () => {
    const broken = policy('broken', [{ Sid: 'Odd', Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': 'soon' } } }]);
    const request = { principal: ROLE, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
    expect(formatDecision(request, authorize(request, { identity: [broken] }))).toBe(
      'implicitDeny  s3:GetObject on arn:aws:s3:::b/k  (arn:aws:iam::111122223333:role/ci)\n  no identity-based policy allows this request.\n  error: broken statement Odd was skipped: `soon` is not a date (ISO 8601, e.g. 2026-01-31T00:00:00Z, or epoch seconds).\n',
    );
  });
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
describe('principals', () => {
  const cases: Array<[arn: string, kind: string, derived: Record<string, string>]> = [
    ['arn:aws:iam::111122223333:root', 'root', { 'aws:principalaccount': '111122223333', 'aws:principalisawsservice': 'false', 'aws:principalarn': 'arn:aws:iam::111122223333:root', 'aws:principaltype': 'Account', 'aws:userid': '111122223333' }],
    ['arn:aws:iam::111122223333:user/dev/alice', 'user', { 'aws:principalaccount': '111122223333', 'aws:principalisawsservice': 'false', 'aws:principalarn': 'arn:aws:iam::111122223333:user/dev/alice', 'aws:principaltype': 'User', 'aws:username': 'alice' }],
    ['arn:aws:sts::111122223333:assumed-role/app/s1', 'assumed-role', { 'aws:principalaccount': '111122223333', 'aws:principalisawsservice': 'false', 'aws:principalarn': 'arn:aws:iam::111122223333:role/app', 'aws:principaltype': 'AssumedRole' }],
    ['arn:aws:sts::111122223333:federated-user/bob', 'federated-user', { 'aws:principalaccount': '111122223333', 'aws:principalisawsservice': 'false', 'aws:principalarn': 'arn:aws:sts::111122223333:federated-user/bob', 'aws:principaltype': 'FederatedUser', 'aws:userid': '111122223333:bob' }],
    ['lambda.amazonaws.com', 'service', { 'aws:principalservicename': 'lambda.amazonaws.com', 'aws:principalisawsservice': 'true' }],
  ];
  it.each(cases)('%s is a %s', (arn, kind, derived) => {
    const p = parsePrincipal(arn);
    expect(p.kind).toBe(kind);
    expect(derivePrincipalContext(p, false)).toEqual(derived);
  });
});
