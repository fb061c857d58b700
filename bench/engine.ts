// Engine benchmark: decisions/second with explanations off and on, and time to first decision in a fresh process.
// Workload: 20 identity policies × 10 statements (wildcards and conditions), 100,000 varied requests.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { authorize, compilePolicySet } from '../src/engine/index.js';
import type { Request } from '../src/engine/types.js';
import { parsePolicy } from '../src/policy/index.js';

const SERVICES = ['s3', 'ec2', 'dynamodb', 'sqs', 'sns', 'lambda', 'iam', 'kms', 'logs', 'ecr'];
const VERBS = ['Get', 'Put', 'List', 'Describe', 'Delete', 'Create', 'Update', 'Tag'];
const NOUNS = ['Object', 'Item', 'Queue', 'Function', 'Key', 'Image', 'Table', 'Topic', 'LogEvents', 'Role'];

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

function resourceFor(r: () => number, service: string, n: number): string {
  return service === 's3' ? `arn:aws:s3:::bucket-${n % 7}/team-${n % 5}/file-${n}.csv` : `arn:aws:${service}:us-east-1:111122223333:thing/team-${n % 5}/item-${n}`;
}

function buildPolicies(): string[] {
  const r = random(42);
  const docs: string[] = [];
  for (let p = 0; p < 20; p++) {
    const statements = [];
    for (let s = 0; s < 10; s++) {
      const service = pick(r, SERVICES);
      const kind = s % 5;
      const statement: Record<string, unknown> = {
        Sid: `P${p}S${s}`,
        Effect: s === 9 && p % 4 === 0 ? 'Deny' : 'Allow',
        Action: kind === 0 ? [`${service}:${pick(r, VERBS)}*`, `${service}:${pick(r, VERBS)}${pick(r, NOUNS)}`] : [`${service}:${pick(r, VERBS)}${pick(r, NOUNS)}`, `${pick(r, SERVICES)}:*${pick(r, NOUNS)}`],
        Resource: service === 's3' ? `arn:aws:s3:::bucket-${p % 7}/team-${s % 5}/*` : `arn:aws:${service}:*:111122223333:thing/team-${s % 5}/*`,
      };
      if (kind === 1) statement.Condition = { StringEquals: { 'aws:PrincipalTag/team': `team-${s % 5}` } };
      if (kind === 2) statement.Condition = { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } };
      if (kind === 3) statement.Condition = { StringLike: { 's3:prefix': ['team-*/reports/*', 'shared/*'] }, Bool: { 'aws:SecureTransport': 'true' } };
      if (kind === 4) statement.Condition = { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' }, ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/team-*' } };
      statements.push(statement);
    }
    docs.push(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
  }
  return docs;
}

function buildRequests(count: number): Request[] {
  const r = random(7);
  const out: Request[] = [];
  for (let i = 0; i < count; i++) {
    const service = pick(r, SERVICES);
    out.push({
      principal: i % 3 === 0 ? `arn:aws:sts::111122223333:assumed-role/team-${i % 5}/s${i % 13}` : `arn:aws:iam::111122223333:user/u${i % 50}`,
      action: `${service}:${pick(r, VERBS)}${pick(r, NOUNS)}`,
      resource: resourceFor(r, service, i),
      context: {
        'aws:PrincipalTag/team': `team-${i % 5}`,
        'aws:SourceIp': i % 2 ? `10.1.${i % 250}.${i % 199}` : `203.0.113.${i % 250}`,
        'aws:SecureTransport': i % 4 ? 'true' : 'false',
        'aws:CurrentTime': '2026-11-26T12:00:00Z',
        's3:prefix': `team-${i % 5}/reports/x`,
      },
    });
  }
  return out;
}

/**
 * Runs the workload and prints decisions per second of wall time and per second of this process's CPU time (the
 * second figure is the per-core rate, and stays meaningful when other processes share the machine).
 */
function measure(label: string, requests: Request[], run: (r: Request) => string): void {
  const counts: Record<string, number> = {};
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const request of requests) {
    const d = run(request);
    counts[d] = (counts[d] ?? 0) + 1;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rate = (n: number) => Math.round(n).toLocaleString('en-US').padStart(11);
  console.log(`${label.padEnd(26)} ${rate(requests.length / cpuSeconds)} decisions/CPU-s ${rate(requests.length / seconds)} decisions/wall-s  (${requests.length.toLocaleString('en-US')} requests; ${JSON.stringify(counts)})`);
}

export async function bench(): Promise<void> {
  const compileStart = process.hrtime.bigint();
  const identity = buildPolicies().map((text, i) => parsePolicy(text, { name: `policy-${i}` }).policy!);
  const set = compilePolicySet({ identity });
  console.log(`parse + compile 20 policies × 10 statements: ${(Number(process.hrtime.bigint() - compileStart) / 1e6).toFixed(1)} ms`);
  const requests = buildRequests(100_000);
  // A reference: a loop that only touches each request. On an idle machine it takes a few ns per request; when other
  // processes share the cores it shows how much every figure below is inflated.
  let touched = 0;
  const refCpu = process.cpuUsage();
  for (let k = 0; k < 5; k++) for (const request of requests) touched += request.action.length;
  const ref = process.cpuUsage(refCpu);
  console.log(`reference loop (touch each request): ${(((ref.user + ref.system) * 1000) / (5 * requests.length)).toFixed(1)} ns/request of CPU (${touched > 0 ? 'ok' : ''})`);
  // Warm up the JIT on a slice, then measure the whole workload.
  for (const request of requests.slice(0, 10_000)) authorize(request, set);
  measure('explanations off', requests, (r) => authorize(r, set).decision);
  measure('explanations off (again)', requests, (r) => authorize(r, set).decision);
  measure('explanations on', requests.slice(0, 2_000), (r) => authorize(r, set, { explain: true }).decision);

  const engine = fileURLToPath(new URL('../src/engine/index.js', import.meta.url));
  const policy = fileURLToPath(new URL('../src/policy/index.js', import.meta.url));
  const script = `const t0 = performance.now();
const { authorize } = await import(${JSON.stringify(engine)});
const { parsePolicy } = await import(${JSON.stringify(policy)});
const p = parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/*"}]}').policy;
const d = authorize({ principal: 'arn:aws:iam::111122223333:user/a', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }, { identity: [p] });
console.log(JSON.stringify({ ms: performance.now() - t0, decision: d.decision }));`;
  const spawnStart = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - spawnStart) / 1e6;
  if (child.status !== 0) {
    console.log(`time to first decision: child failed: ${child.stderr.trim().split('\n')[0]}`);
    return;
  }
  const { ms, decision } = JSON.parse(child.stdout) as { ms: number; decision: string };
  console.log(`time to first decision (fresh node process): ${ms.toFixed(0)} ms after start (import + parse + compile + authorize → ${decision}); ${wall.toFixed(0)} ms wall including node startup`);
}
