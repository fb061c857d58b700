// Diff benchmark: `checkNoNewAccess` on policy pairs of 5, 20 and 100 statements (wildcard actions and resources,
// NotAction, Deny statements, String/Numeric/Bool/IP conditions). For each size, 15 policies and three changes each:
// a Deny added (PASS), a statement's action widened (FAIL, witnesses found and re-checked) and a condition key
// value widened (FAIL). Prints median and worst time per size and per kind of change.
import { checkNoNewAccess } from '../src/diff/index.js';
import { parsePolicy } from '../src/policy/index.js';
import type { NormalizedPolicy } from '../src/policy/types.js';

const SERVICES = ['s3', 'ec2', 'dynamodb', 'sqs', 'sns', 'lambda', 'iam', 'kms', 'logs', 'ecr'];
const VERBS = ['Get', 'Put', 'List', 'Describe', 'Delete', 'Create', 'Update', 'Tag'];
const NOUNS = ['Object', 'Item', 'Queue', 'Function', 'Key', 'Image', 'Table', 'Topic', 'LogEvents', 'Role'];
const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'];

/** A deterministic pseudo-random generator, so every run measures the same workload. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

type Statement = Record<string, unknown>;

function statement(r: () => number, i: number): Statement {
  const service = pick(r, SERVICES);
  const kind = i % 6;
  const action = kind === 0 ? `${service}:${pick(r, VERBS)}*` : kind === 1 ? `${service}:*` : `${service}:${pick(r, VERBS)}${pick(r, NOUNS)}`;
  const resource = service === 's3' ? `arn:aws:s3:::bucket-${i % 7}/team-${i % 5}/*` : `arn:aws:${service}:${pick(r, REGIONS)}:111122223333:thing/team-${i % 5}/*`;
  const s: Statement = { Sid: `S${i}`, Effect: i % 9 === 8 ? 'Deny' : 'Allow' };
  if (i % 13 === 12) s.NotAction = [`${service}:Delete*`, 'iam:*'];
  else s.Action = [action, `${service}:${pick(r, VERBS)}${pick(r, NOUNS)}`];
  s.Resource = kind === 3 ? '*' : [resource];
  if (i % 4 === 1) s.Condition = { StringEquals: { 'aws:RequestedRegion': pick(r, REGIONS) } };
  if (i % 4 === 2) s.Condition = { StringLike: { 'aws:PrincipalTag/team': `team-${i % 5}*` }, Bool: { 'aws:SecureTransport': 'true' } };
  if (i % 7 === 3) s.Condition = { IpAddress: { 'aws:SourceIp': `10.${i % 50}.0.0/16` }, NumericLessThan: { 's3:max-keys': String(10 * (i % 5 + 1)) } };
  return s;
}

function policy(statements: Statement[], name: string): NormalizedPolicy {
  return parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2), { kind: 'identity', name, path: name }).policy!;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function bench(): Promise<void> {
  // Warm the catalog (witness polishing reads it) so the first measurement is not a load time.
  checkNoNewAccess(policy([statement(random(1), 0)], 'a'), policy([statement(random(2), 1)], 'b'));
  for (const size of [5, 20, 100]) {
    const times: Record<string, number[]> = { 'deny added': [], 'action widened': [], 'condition widened': [] };
    const verdicts: Record<string, string[]> = { 'deny added': [], 'action widened': [], 'condition widened': [] };
    for (let p = 0; p < 15; p++) {
      const r = random(1000 * size + p);
      const base = Array.from({ length: size }, (_, i) => statement(r, i));
      const oldPolicy = policy(base, 'old.json');
      const target = base.findIndex((s) => s.Effect === 'Allow' && Array.isArray(s.Action));
      const changes: Record<string, Statement[]> = {
        'deny added': [...base, { Effect: 'Deny', Action: 's3:Delete*', Resource: '*' }],
        'action widened': base.map((s, i) => (i === target ? { ...s, Action: [String((s.Action as string[])[0]).replace(/:.*/, ':*')] } : s)),
        'condition widened': base.map((s) => (s.Condition && (s.Condition as Record<string, unknown>).StringEquals ? { ...s, Condition: { StringLike: { 'aws:RequestedRegion': 'us-*' } } } : s)),
      };
      for (const [what, statements] of Object.entries(changes)) {
        const newPolicy = policy(statements, 'new.json');
        const started = performance.now();
        const result = checkNoNewAccess(oldPolicy, newPolicy);
        times[what].push(performance.now() - started);
        verdicts[what].push(result.result);
      }
    }
    for (const what of Object.keys(times)) {
      const counts = verdicts[what].reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
      const summary = Object.entries(counts).map(([v, n]) => `${n} ${v}`).join(', ');
      console.log(`${String(size).padStart(3)} statements, ${what.padEnd(17)}: median ${median(times[what]).toFixed(1).padStart(7)} ms, worst ${Math.max(...times[what]).toFixed(1).padStart(7)} ms  (${summary})`);
    }
  }
}
