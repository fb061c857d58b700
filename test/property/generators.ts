/**
 * fast-check generators for random policy sets and requests over a small alphabet (so that actions, resources and
 * condition values actually match), inside the subset the reference evaluator understands. Policies are built as
 * JSON text and parsed with `parsePolicy`, so every statement has real spans.
 */
import fc from 'fast-check';
import type { PolicySet, Request } from '../../src/engine/types.js';
import { parsePolicy } from '../../src/policy/index.js';
import type { NormalizedPolicy, PolicyKind } from '../../src/policy/types.js';

/** Runs per property: `FUZZ_RUNS` (set large by `npm run fuzz`), 200 by default. */
export const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

export const ACCOUNT_A = '111122223333';
export const ACCOUNT_B = '444455556666';
const USERS = [`arn:aws:iam::${ACCOUNT_A}:user/alice`, `arn:aws:iam::${ACCOUNT_A}:user/bob`, `arn:aws:iam::${ACCOUNT_B}:user/carol`];
const ROLE = `arn:aws:iam::${ACCOUNT_A}:role/app`;
const SESSIONS = [`arn:aws:sts::${ACCOUNT_A}:assumed-role/app/s1`, `arn:aws:sts::${ACCOUNT_A}:assumed-role/app/s2`];

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 'sqs:SendMessage', 'iam:GetUser'];
// Broad patterns appear more than once so that random statements match often enough to allow.
const ACTION_PATTERNS = [...ACTIONS, 's3:*', 's3:*', 's3:Get*', '*', '*', '*', 's3:?etObject', 'S3:getobject', 'sqs:*', 'iam:Get*', 's3:*Object'];

const RESOURCES = ['arn:aws:s3:::b1/a', 'arn:aws:s3:::b1/x/y', 'arn:aws:s3:::b2/a', `arn:aws:sqs:us-east-1:${ACCOUNT_A}:q1`, `arn:aws:iam::${ACCOUNT_A}:user/bob`];
const RESOURCE_PATTERNS = [...RESOURCES, 'arn:aws:s3:::b1/*', 'arn:aws:s3:::b*', '*', '*', '*', '*', 'arn:aws:s3:::b?/a', `arn:aws:sqs:*:${ACCOUNT_A}:q1`, 'arn:aws:s3:::*/a', 'arn:aws:iam::*:user/*'];

const SINGLE_KEYS = ['aws:RequestTag/k1', 'aws:RequestTag/k2'];
const VALUES = ['v1', 'v2', 'V1'];
const VALUE_PATTERNS = [...VALUES, 'v*', '?1', '*'];
const LIST_KEY = 'aws:TagKeys';
const LIST_VALUES = ['t1', 't2', 't3'];
const BOOL_KEY = 'aws:SecureTransport';

/** A JSON policy document as plain data. */
export type Doc = { Version: string; Statement: Record<string, unknown>[] };

/** Key names are case-insensitive in AWS; write them in random case to check that. */
const keyName = (key: string) => fc.constantFrom(key, key.toLowerCase(), key.toUpperCase());

const stringCondition = fc.record({
  operator: fc.constantFrom('StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'StringEqualsIgnoreCase', 'StringEqualsIfExists', 'StringNotLikeIfExists'),
  key: fc.constantFrom(...SINGLE_KEYS).chain(keyName),
  values: fc.uniqueArray(fc.constantFrom(...VALUE_PATTERNS), { minLength: 1, maxLength: 2 }),
});

const setCondition = fc.record({
  operator: fc.constantFrom('ForAllValues:StringEquals', 'ForAnyValue:StringEquals', 'ForAllValues:StringLike', 'ForAnyValue:StringLike'),
  key: keyName(LIST_KEY),
  values: fc.uniqueArray(fc.constantFrom(...LIST_VALUES, 't*'), { minLength: 1, maxLength: 2 }),
});

// Keys the engine never derives from the principal or the clock, so the request decides whether they are present.
const NUMERIC_KEY = 'aws:RequestTag/size';
const NUMBERS = ['0', '100', '3600', '3600.0'];
const DATE_KEY = 'aws:RequestTag/expires';
// 1767225600 is 2026-01-01T00:00:00Z: the same instant written both ways.
const DATES = ['2026-01-01T00:00:00Z', '1767225600', '2025-06-01T12:00:00Z', '1780000000'];
const IP_KEY = 'aws:SourceIp';
const IPS = ['10.0.0.1', '10.0.1.5', '192.168.1.1'];
const CIDRS = ['10.0.0.0/24', '10.0.0.0/16', '192.168.1.1/32', '10.0.0.1', '0.0.0.0/0'];

const typedCondition = fc.oneof(
  fc.record({
    operator: fc.constantFrom('NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEqualsIfExists'),
    key: keyName(NUMERIC_KEY),
    values: fc.uniqueArray(fc.constantFrom(...NUMBERS), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    operator: fc.constantFrom('DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEqualsIfExists'),
    key: keyName(DATE_KEY),
    values: fc.uniqueArray(fc.constantFrom(...DATES), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    operator: fc.constantFrom('IpAddress', 'NotIpAddress', 'IpAddressIfExists'),
    key: keyName(IP_KEY),
    values: fc.uniqueArray(fc.constantFrom(...CIDRS), { minLength: 1, maxLength: 2 }),
  }),
);

const otherCondition = fc.oneof(
  fc.record({ operator: fc.constant('Bool'), key: keyName(BOOL_KEY), values: fc.constantFrom<string[]>(['true'], ['false']) }),
  fc.record({ operator: fc.constant('Null'), key: fc.constantFrom(...SINGLE_KEYS, LIST_KEY), values: fc.constantFrom<string[]>(['true'], ['false']) }),
);

/** One condition entry: operator, key (in random case) and one or two policy values. */
export const conditionArb = fc.oneof(stringCondition, setCondition, typedCondition, otherCondition);
const condition = conditionArb;

/** A Condition block: one or two entries; two entries under one operator become two keys of that operator. */
const conditionBlock = fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(condition, { minLength: 1, maxLength: 2 }) }).map((entries) => {
  const block: Record<string, Record<string, string[]>> = {};
  for (const e of entries) {
    block[e.operator] ??= {};
    block[e.operator][e.key] = e.values;
  }
  return block;
});

const principalValue = fc.constantFrom<unknown>('*', { AWS: USERS[0] }, { AWS: USERS[1] }, { AWS: USERS[2] }, { AWS: ACCOUNT_A }, { AWS: ACCOUNT_B },
  { AWS: `arn:aws:iam::${ACCOUNT_B}:root` }, { AWS: [USERS[0], ACCOUNT_B] }, { AWS: ROLE }, { AWS: SESSIONS[0] });

/** One statement; `withPrincipal` for resource policies. */
export function statementArb(withPrincipal: boolean, effect?: 'Allow' | 'Deny') {
  return fc.record({
    Effect: effect ? fc.constant(effect) : fc.constantFrom('Allow', 'Allow', 'Allow', 'Allow', 'Deny'),
    actionKey: fc.constantFrom('Action', 'Action', 'Action', 'Action', 'NotAction'),
    actions: fc.uniqueArray(fc.constantFrom(...ACTION_PATTERNS), { minLength: 1, maxLength: 3 }),
    resourceKey: fc.constantFrom('Resource', 'Resource', 'Resource', 'Resource', 'NotResource'),
    resources: fc.uniqueArray(fc.constantFrom(...RESOURCE_PATTERNS), { minLength: 1, maxLength: 2 }),
    Condition: conditionBlock,
    Principal: principalValue,
  }).map((s) => {
    const out: Record<string, unknown> = { Effect: s.Effect, [s.actionKey]: s.actions.length === 1 ? s.actions[0] : s.actions, [s.resourceKey]: s.resources };
    if (withPrincipal) out.Principal = s.Principal;
    if (Object.keys(s.Condition).length) out.Condition = s.Condition;
    return out;
  });
}

export function docArb(withPrincipal: boolean, size = 3) {
  return fc.array(statementArb(withPrincipal), { minLength: 1, maxLength: size }).map((Statement) => ({ Version: '2012-10-17', Statement }) as Doc);
}

/** The documents of a policy set, before parsing. */
export interface DocSet {
  identity: Doc[];
  resource?: Doc;
  permissionBoundary?: Doc;
  session?: Doc;
  scps?: Doc[][];
}

/** Present one time in `1 + absentWeight`: boundaries, session policies and SCPs each restrict, so keep them rarer. */
function sometimes<T>(arb: fc.Arbitrary<T>, absentWeight = 2): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: absentWeight, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

/** An SCP; most carry FullAWSAccess first, as attached SCPs do in real organizations. */
const scpArb = fc.tuple(fc.boolean(), fc.boolean(), docArb(false, 2)).map(([full, full2, doc]) =>
  full || full2 ? { ...doc, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, ...doc.Statement] } : doc);

export const docSetArb: fc.Arbitrary<DocSet> = fc.record({
  identity: fc.array(docArb(false), { minLength: 1, maxLength: 2 }),
  resource: sometimes(docArb(true), 1),
  permissionBoundary: sometimes(docArb(false, 2)),
  session: sometimes(docArb(false, 2)),
  scps: sometimes(fc.array(fc.array(scpArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 })),
}).map((d) => {
  const out: DocSet = { identity: d.identity };
  if (d.resource) out.resource = d.resource;
  if (d.permissionBoundary) out.permissionBoundary = d.permissionBoundary;
  if (d.session) out.session = d.session;
  if (d.scps) out.scps = d.scps;
  return out;
});

/** A request context over the generators' keys; each key present or absent. */
export const contextArb: fc.Arbitrary<Record<string, string | string[]>> = fc.record({
  k1: fc.option(fc.constantFrom(...VALUES), { nil: undefined }),
  k2: fc.option(fc.constantFrom(...VALUES), { nil: undefined }),
  tags: fc.option(fc.uniqueArray(fc.constantFrom(...LIST_VALUES), { maxLength: 3 }), { nil: undefined }),
  secure: fc.option(fc.constantFrom('true', 'false'), { nil: undefined }),
  size: fc.option(fc.constantFrom('0', '100', '3600', '7200'), { nil: undefined }),
  time: fc.option(fc.constantFrom(...DATES, '2027-01-01T00:00:00+01:00'), { nil: undefined }),
  ip: fc.option(fc.constantFrom(...IPS), { nil: undefined }),
}).map((r) => {
  const context: Record<string, string | string[]> = {};
  if (r.k1 !== undefined) context[SINGLE_KEYS[0]] = r.k1;
  if (r.k2 !== undefined) context[SINGLE_KEYS[1]] = r.k2;
  if (r.tags !== undefined) context[LIST_KEY] = r.tags;
  if (r.secure !== undefined) context[BOOL_KEY] = r.secure;
  if (r.size !== undefined) context[NUMERIC_KEY] = r.size;
  if (r.time !== undefined) context[DATE_KEY] = r.time;
  if (r.ip !== undefined) context[IP_KEY] = r.ip;
  return context;
});

export const requestArb: fc.Arbitrary<Request> = fc.record({
  principal: fc.constantFrom(USERS[0], USERS[0], USERS[1], USERS[2], SESSIONS[0], SESSIONS[1]),
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...RESOURCES),
  resourceAccount: fc.constantFrom(ACCOUNT_A, ACCOUNT_A, ACCOUNT_B),
  context: contextArb,
}).map((r) => {
  // Only S3 ARNs lack an account; the others carry it, so the request names the same one.
  const resourceAccount = r.resource.startsWith('arn:aws:s3:::') ? r.resourceAccount : r.resource.split(':')[4];
  return { principal: r.principal, action: r.action, resource: r.resource, resourceAccount, context: r.context };
});

/** Parses one document as the engine would read it from a file; a parse failure is a generator bug. */
export function parseDoc(doc: Doc, kind: PolicyKind, name: string): NormalizedPolicy {
  const parsed = parsePolicy(JSON.stringify(doc, null, 2), { kind, name, path: `${name}.json` });
  if (!parsed.policy) throw new Error(`generated policy did not parse: ${JSON.stringify(parsed.findings)}`);
  return parsed.policy;
}

/** The PolicySet of a DocSet, every document parsed from JSON text. */
export function toPolicySet(docs: DocSet): PolicySet {
  const set: PolicySet = { identity: docs.identity.map((d, i) => parseDoc(d, 'identity', `identity-${i}`)) };
  if (docs.resource) set.resource = parseDoc(docs.resource, 'resource', 'resource');
  if (docs.permissionBoundary) set.permissionBoundary = parseDoc(docs.permissionBoundary, 'boundary', 'boundary');
  if (docs.session) set.session = parseDoc(docs.session, 'session', 'session');
  if (docs.scps) set.scps = docs.scps.map((level, l) => level.map((d, i) => parseDoc(d, 'scp', `scp-${l}-${i}`)));
  return set;
}

/** Every document of a set with where it sits, for properties that change one of them. */
export function documentsOf(docs: DocSet): { doc: Doc; withPrincipal: boolean }[] {
  return [
    ...docs.identity.map((doc) => ({ doc, withPrincipal: false })),
    ...(docs.resource ? [{ doc: docs.resource, withPrincipal: true }] : []),
    ...(docs.permissionBoundary ? [{ doc: docs.permissionBoundary, withPrincipal: false }] : []),
    ...(docs.session ? [{ doc: docs.session, withPrincipal: false }] : []),
    ...(docs.scps ?? []).flat().map((doc) => ({ doc, withPrincipal: false })),
  ];
}

/** A deep copy, so properties can change a set without touching the original. */
export function cloneDocs(docs: DocSet): DocSet {
  return structuredClone(docs);
}
