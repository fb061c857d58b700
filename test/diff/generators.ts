/**
 * fast-check generators for the diff: small policies over small alphabets of actions, resources, principals and
 * condition values, so that statements overlap often; and a brute-force reference that decides "new access" by
 * trying every request of a finite universe with `authorize()`.
 */
import fc from 'fast-check';
import { authorize } from '../../src/engine/authorize.js';
import { compilePolicySet } from '../../src/engine/compile.js';
import type { Request } from '../../src/engine/types.js';
import { parsePolicy } from '../../src/policy/index.js';
import type { NormalizedPolicy, PolicyKind } from '../../src/policy/types.js';

/** Runs per property: `FUZZ_RUNS` (large under `npm run fuzz`), 100 by default. */
export const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 100);

export const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 'sqs:SendMessage', 'iam:GetUser', 's3:GetX'];
const ACTION_PATTERNS = ['s3:GetObject', 's3:PutObject', 'sqs:SendMessage', 's3:*', 's3:Get*', '*', 's3:?etObject', 'S3:getobject', 'iam:*', 's3:*Object'];
export const RESOURCES = ['arn:aws:s3:::b1/a', 'arn:aws:s3:::b1/x/y', 'arn:aws:s3:::b2/a', 'arn:aws:sqs:us-east-1:111122223333:q1', 'arn:aws:s3:::c/a'];
const RESOURCE_PATTERNS = ['arn:aws:s3:::b1/a', 'arn:aws:s3:::b1/*', 'arn:aws:s3:::b*', '*', 'arn:aws:s3:::b?/a', 'arn:aws:sqs:*:111122223333:q1', 'arn:aws:s3:::*/a', 'arn:aws:*:*:*:*'];
export const PRINCIPALS = ['arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::444455556666:role/app', 'arn:aws:sts::444455556666:assumed-role/app/s1', 'sns.amazonaws.com', 'arn:aws:iam::777788889999:user/eve'];
const PRINCIPAL_VALUES: Array<Record<string, string>> = [{ AWS: '*' }, { AWS: '111122223333' }, { AWS: 'arn:aws:iam::444455556666:role/app' }, { AWS: 'arn:aws:iam::111122223333:user/alice' }, { Service: 'sns.amazonaws.com' }];

/** Context keys and the values the brute force tries for each (besides absent). */
export const KEY_VALUES: Record<string, string[]> = {
  'aws:RequestTag/team': ['red', 'blue', 'Red', 'r'],
  's3:max-keys': ['5', '10', '100', 'x'],
  'aws:SecureTransport': ['true', 'false'],
  'aws:SourceIp': ['10.0.0.1', '10.0.1.5', '192.168.1.1'],
  'aws:SourceArn': ['arn:aws:sns:us-east-1:111122223333:t1', 'arn:aws:sns:eu-west-1:444455556666:t1', 'x'],
  'aws:TagKeys': ['t1', 't2'],
  'aws:CurrentTime': ['2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z'],
};

const condition = fc.oneof(
  fc.record({
    operator: fc.constantFrom('StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'StringEqualsIgnoreCase', 'StringEqualsIfExists', 'StringNotLikeIfExists'),
    key: fc.constant('aws:RequestTag/team'),
    values: fc.uniqueArray(fc.constantFrom('red', 'blue', 'r*', '?ed', '*'), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    operator: fc.constantFrom('NumericLessThan', 'NumericGreaterThanEquals', 'NumericEquals', 'NumericNotEquals', 'NumericLessThanIfExists'),
    key: fc.constant('s3:max-keys'),
    values: fc.uniqueArray(fc.constantFrom('5', '10', '50'), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ operator: fc.constantFrom('Bool', 'BoolIfExists'), key: fc.constant('aws:SecureTransport'), values: fc.constantFrom(['true'], ['false']) }),
  fc.record({ operator: fc.constantFrom('IpAddress', 'NotIpAddress'), key: fc.constant('aws:SourceIp'), values: fc.uniqueArray(fc.constantFrom('10.0.0.0/24', '10.0.0.0/16', '192.168.1.1'), { minLength: 1, maxLength: 2 }) }),
  fc.record({ operator: fc.constantFrom('ArnLike', 'ArnNotLike', 'ArnEquals'), key: fc.constant('aws:SourceArn'), values: fc.uniqueArray(fc.constantFrom('arn:aws:sns:*:111122223333:*', 'arn:aws:sns:us-east-1:*:t1'), { minLength: 1, maxLength: 2 }) }),
  fc.record({ operator: fc.constant('Null'), key: fc.constantFrom('aws:RequestTag/team', 's3:max-keys', 'aws:SourceIp'), values: fc.constantFrom(['true'], ['false']) }),
  fc.record({ operator: fc.constantFrom('ForAllValues:StringEquals', 'ForAnyValue:StringEquals'), key: fc.constant('aws:TagKeys'), values: fc.uniqueArray(fc.constantFrom('t1', 't2'), { minLength: 1, maxLength: 2 }) }),
  fc.record({ operator: fc.constantFrom('DateLessThan', 'DateGreaterThan'), key: fc.constant('aws:CurrentTime'), values: fc.constantFrom(['2027-01-01T00:00:00Z'], ['2025-01-01T00:00:00Z']) }),
);

/** One statement as plain JSON. `withPrincipal` adds Principal/NotPrincipal (resource policies). */
export function statementArb(withPrincipal: boolean, conditions = true): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({
    effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    not: fc.constantFrom(false, false, false, true),
    actions: fc.uniqueArray(fc.constantFrom(...ACTION_PATTERNS), { minLength: 1, maxLength: 2 }),
    notResource: fc.constantFrom(false, false, false, true),
    resources: fc.uniqueArray(fc.constantFrom(...RESOURCE_PATTERNS), { minLength: 1, maxLength: 2 }),
    principal: fc.constantFrom(...PRINCIPAL_VALUES),
    conditions: conditions ? fc.array(condition, { maxLength: 2 }) : fc.constant([]),
  }).map((s) => {
    const out: Record<string, unknown> = { Effect: s.effect };
    if (withPrincipal) out.Principal = s.principal;
    out[s.not ? 'NotAction' : 'Action'] = s.actions;
    out[s.notResource ? 'NotResource' : 'Resource'] = s.resources;
    if (s.conditions.length) {
      const block: Record<string, Record<string, string[]>> = {};
      for (const c of s.conditions) (block[c.operator] ??= {})[c.key] = [...c.values];
      out.Condition = block;
    }
    return out;
  });
}

export type Doc = { Version: string; Statement: Record<string, unknown>[] };

export function docArb(withPrincipal: boolean, conditions = true): fc.Arbitrary<Doc> {
  return fc.array(statementArb(withPrincipal, conditions), { minLength: 0, maxLength: 4 }).map((Statement) => ({ Version: '2012-10-17', Statement }));
}

export function toPolicy(doc: Doc, kind: PolicyKind, name: string): NormalizedPolicy {
  const parsed = parsePolicy(JSON.stringify(doc, null, 2), { kind, name, path: name });
  if (!parsed.policy) throw new Error('generated policy did not parse');
  return parsed.policy;
}

function usedKeys(docs: Doc[]): string[] {
  const text = JSON.stringify(docs);
  return Object.keys(KEY_VALUES).filter((k) => text.includes(`"${k}"`));
}

/**
 * The reference: some request of the finite universe that `authorize` allows under `newPolicy` and not under
 * `oldPolicy`. Finding one proves new access; finding none proves nothing (the universe is a sample).
 */
export function bruteForceNewAccess(oldDoc: Doc, newDoc: Doc, resourceMode: boolean): Request | undefined {
  const kind: PolicyKind = resourceMode ? 'resource' : 'identity';
  const allowAll = toPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, 'identity', 'all');
  const compile = (doc: Doc) => {
    const p = toPolicy(doc, kind, kind);
    return resourceMode ? compilePolicySet({ identity: [allowAll], resource: p }) : compilePolicySet({ identity: [p] });
  };
  const oldSet = compile(oldDoc);
  const newSet = compile(newDoc);
  const keys = usedKeys([oldDoc, newDoc]);
  const contexts: Array<Record<string, string | string[]>> = [{}];
  for (const key of keys) {
    const values: Array<string | string[] | undefined> = [undefined, ...KEY_VALUES[key]];
    if (key === 'aws:TagKeys') values.push(['t1', 't2'], []);
    const next: typeof contexts = [];
    for (const c of contexts) for (const v of values) next.push(v === undefined ? c : { ...c, [key]: v });
    contexts.splice(0, contexts.length, ...next);
  }
  // Past 64 contexts, keep an evenly spread subset: still a sample of real requests, so still a sound reference.
  if (contexts.length > 64) {
    const stride = contexts.length / 64;
    const kept = Array.from({ length: 64 }, (_, i) => contexts[Math.floor(i * stride)]);
    contexts.splice(0, contexts.length, ...kept);
  }
  const principals = resourceMode ? PRINCIPALS : ['*'];
  for (const principal of principals) {
    for (const action of ACTIONS) {
      for (const resource of RESOURCES) {
        for (const context of contexts) {
          const request: Request = { principal, action, resource, context, ...(resourceMode ? { resourceAccount: '000011112222' } : {}) };
          if (authorize(request, newSet).decision === 'allowed' && authorize(request, oldSet).decision !== 'allowed') return request;
        }
      }
    }
  }
  return undefined;
}
