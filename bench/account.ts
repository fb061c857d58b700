// Account figures: load a generated `get-account-authorization-details` dump of 2,000 roles, 300 users and
// 5,000 customer managed policies (half the documents URL-encoded, as the raw API returns them), then answer
// `who-can` over every principal. Prints seconds and memory; asserts nothing.
import { whoCan } from '../src/account/analysis.js';
import { loadAccount } from '../src/account/load.js';
import { createSourceFile } from '../src/core/source.js';

const ACCOUNT = '111122223333';
const ROLES = 2000;
const USERS = 300;
const POLICIES = 5000;
const SERVICES = ['s3', 'ec2', 'iam', 'sqs', 'sns', 'dynamodb', 'lambda', 'logs', 'kms', 'secretsmanager', 'ecr', 'ecs', 'sts', 'cloudwatch'];
const VERBS = ['Get', 'List', 'Describe', 'Put', 'Create', 'Delete', 'Update', 'Tag'];

/** A small deterministic generator (mulberry32), so every run measures the same account. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateDump(): string {
  const rnd = random(42);
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)];
  const statement = (i: number) => {
    const service = pick(SERVICES);
    const actions = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => (rnd() < 0.3 ? `${service}:${pick(VERBS)}*` : `${service}:${pick(VERBS)}Object${Math.floor(rnd() * 5)}`));
    const resource = service === 's3' ? `arn:aws:s3:::bucket-${Math.floor(rnd() * 200)}/*` : rnd() < 0.4 ? '*' : `arn:aws:${service}:eu-west-1:${ACCOUNT}:*/team-${Math.floor(rnd() * 50)}-*`;
    const s: Record<string, unknown> = { Sid: `S${i}`, Effect: rnd() < 0.1 ? 'Deny' : 'Allow', Action: actions, Resource: resource };
    if (rnd() < 0.2) s.Condition = { StringEquals: { 'aws:RequestedRegion': pick(['eu-west-1', 'us-east-1']) } };
    return s;
  };
  const documentOf = (n: number) => ({ Version: '2012-10-17', Statement: Array.from({ length: n }, (_, i) => statement(i)) });
  // Half the documents URL-encoded, as the raw API returns them.
  const encode = (doc: unknown, i: number) => (i % 2 ? encodeURIComponent(JSON.stringify(doc)) : doc);
  const policyArn = (i: number) => `arn:aws:iam::${ACCOUNT}:policy/generated-${i}`;
  const Policies = Array.from({ length: POLICIES }, (_, i) => ({
    PolicyName: `generated-${i}`, Arn: policyArn(i), Path: '/', DefaultVersionId: 'v2',
    PolicyVersionList: [
      { VersionId: 'v1', IsDefaultVersion: false, Document: encode(documentOf(2), i) },
      { VersionId: 'v2', IsDefaultVersion: true, Document: encode(documentOf(3 + (i % 6)), i) },
    ],
  }));
  const attach = () => Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => {
    const i = Math.floor(rnd() * POLICIES);
    return { PolicyName: `generated-${i}`, PolicyArn: policyArn(i) };
  });
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  const RoleDetailList = Array.from({ length: ROLES }, (_, i) => ({
    Path: '/', RoleName: `role-${i}`, Arn: `arn:aws:iam::${ACCOUNT}:role/role-${i}`, AssumeRolePolicyDocument: encode(trust, i),
    RolePolicyList: [{ PolicyName: 'inline', PolicyDocument: encode(documentOf(2), i) }], AttachedManagedPolicies: attach(), InstanceProfileList: [], Tags: [],
    ...(i % 10 === 0 ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: policyArn(i % POLICIES) } } : {}),
  }));
  const GroupDetailList = Array.from({ length: 20 }, (_, i) => ({ GroupName: `group-${i}`, Arn: `arn:aws:iam::${ACCOUNT}:group/group-${i}`, Path: '/', GroupPolicyList: [], AttachedManagedPolicies: attach() }));
  const UserDetailList = Array.from({ length: USERS }, (_, i) => ({
    UserName: `user-${i}`, Arn: `arn:aws:iam::${ACCOUNT}:user/user-${i}`, Path: '/', GroupList: [`group-${i % 20}`], AttachedManagedPolicies: attach(), UserPolicyList: [], Tags: [],
  }));
  return JSON.stringify({ UserDetailList, GroupDetailList, RoleDetailList, Policies }, null, 2);
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/** Wall-clock seconds, and CPU seconds of this process (the machine may be shared: CPU time is the steadier figure). */
function time<T>(run: () => T): { value: T; s: number; cpu: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, s: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 };
}

/** Prints load and who-can timings on the generated account. */
export async function bench(): Promise<void> {
  const text = generateDump();
  const before = process.memoryUsage();
  const load = time(() => loadAccount([createSourceFile('generated.json', text)]));
  const account = load.value;
  const afterLoad = process.memoryUsage();
  console.log(`generated dump: ${mb(text.length)}, ${account.users.size} users, ${account.roles.size} roles, ${account.managedPolicies.size} managed policies (2 versions each)`);
  console.log(`loadAccount                  ${load.s.toFixed(2)} s (cpu ${load.cpu.toFixed(2)} s)   heap +${mb(afterLoad.heapUsed - before.heapUsed)}  rss ${mb(afterLoad.rss)}`);
  console.log('(the first who-can compiles each of the 5,000 policies once; later questions reuse them)');
  const questions: Array<[string, string]> = [
    ['s3:GetObject0', 'arn:aws:s3:::bucket-7/reports/q3.csv'],
    ['iam:PutObject1', `arn:aws:iam::${ACCOUNT}:role/team-3-app`],
    ['logs:GetObject2', `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:team-1-web`],
  ];
  for (const [action, resource] of questions) {
    const r = time(() => whoCan(account, action, resource, { context: { 'aws:RequestedRegion': 'eu-west-1' } }));
    const perPrincipal = (r.cpu * 1e6) / r.value.evaluated;
    console.log(`who-can ${action.padEnd(16)} ${r.s.toFixed(2)} s (cpu ${r.cpu.toFixed(2)} s, ${perPrincipal.toFixed(0)} µs per principal)   ${r.value.evaluated} principals, ${r.value.principals.length} can   rss ${mb(process.memoryUsage().rss)}`);
  }
}
