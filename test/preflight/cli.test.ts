import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

const ROOT = process.cwd();
const run = async (...argv: string[]) => {
  const io = memoryIo(ROOT);
  const code = await main(['preflight', ...argv], io);
  return { code, out: io.out, err: io.err };
};

interface Json {
  verdict: string;
  checks: { principal: string; action: string; resource: string; decision: string; why: string; source: string }[];
  missing: { principal: string; action: string; resource: string; addTo: string }[];
  problems: { code: string; message: string; file: string; line: number }[];
  notRequired: { action: string }[];
  ignored: string[];
  fix: { identity: Record<string, { Statement: { Action: string | string[]; Resource: string | string[] }[] }> };
}

describe('iamcheck preflight', () => {
  it('runs the seed demo: checklist, the unsupported version, and the fix (exit 1)', async () => {
    const { code, out } = await run('fixtures/preflight/seed/preflight.yaml');
    expect(code).toBe(1);
    expect(out).toContain('fixtures/preflight/seed/create-cluster.sh:4:15  error  preflight/eks-version');
    expect(out).toContain('  ✗ eks:DescribeClusterVersions  *');
    expect(out).toContain('  ✗ ecr:GetAuthorizationToken  *');
    expect(out).toContain('  - ssm:GetParameter on arn:aws:ssm:ap-southeast-1::parameter/aws/service/eks/*');
    expect(out).toContain('identity policy of arn:aws:iam::111122223333:user/platform-deployer:');
    expect(out.trimEnd().split('\n').at(-1)).toBe('FAIL: 52 of 56 checks allowed, 4 denied, 0 not verifiable; 1 config problem.');
  });

  it('prints the JSON contract: verdict, checks, missing with addTo, problems with file and line, fix', async () => {
    const { code, out } = await run('fixtures/preflight/seed/preflight.yaml', '--format', 'json');
    const json = JSON.parse(out) as Json;
    expect(code).toBe(1);
    expect(json.verdict).toBe('fail');
    expect(json.checks.every((c) => c.principal && c.action && c.resource && c.decision && c.why && c.source.startsWith('https://'))).toBe(true);
    expect(json.missing.map((m) => `${m.addTo} ${m.action}`)).toEqual([
      'identity eks:DescribeClusterVersions', 'identity iam:CreateServiceLinkedRole', 'identity iam:GetRole', 'identity ecr:GetAuthorizationToken',
    ]);
    expect(json.problems.map((p) => [p.code, p.file, p.line])).toEqual([['preflight/eks-version', 'fixtures/preflight/seed/create-cluster.sh', 4]]);
    expect(json.fix.identity['arn:aws:iam::111122223333:user/platform-deployer'].Statement[0]).toMatchObject({ Action: ['ecr:GetAuthorizationToken', 'eks:DescribeClusterVersions'], Resource: '*' });
  });

  it('passes the contract sample (push actions missing, exit 1)', async () => {
    const { code, out } = await run(join(ROOT, '../shared/contracts/samples/preflight.yaml'), '--format', 'json');
    const json = JSON.parse(out) as Json;
    expect(code).toBe(1);
    expect(json.missing.map((m) => m.action)).toEqual(['ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage']);
  });

  it('exits 0 on a passing deploy and names what is not required', async () => {
    const { code, out } = await run('fixtures/preflight/ecr/pass.yaml', '--format', 'json');
    const json = JSON.parse(out) as Json;
    expect([code, json.verdict, json.missing]).toEqual([0, 'pass', []]);
    expect(json.notRequired.map((n) => n.action)).toEqual(['kms:Decrypt']);
  });

  it.each([
    [['eks', '--eksctl', 'eksctl create cluster --name eks-test --region ap-southeast-1 --version 1.33 --managed --asg-access', '--policy', 'fixtures/preflight/seed/deployer.json',
      '--principal', 'arn:aws:iam::111122223333:user/platform-deployer', '--fact', 'existingServiceLinkedRoles=AWSServiceRoleForAmazonEKS'],
    1, ['eks:DescribeClusterVersions', 'iam:CreateServiceLinkedRole', 'iam:GetRole']],
    [['ecr', '--dockerfile', 'fixtures/preflight/seed/Dockerfile', '--push', '111122223333.dkr.ecr.ap-southeast-1.amazonaws.com/app:1.0', '--policy', 'fixtures/preflight/ecr/ci.json'], 0, []],
    [['ecs', '--task-def', 'fixtures/preflight/ecs/taskdef.json', '--account', 'fixtures/preflight/ecs/account.json', '--principal', 'arn:aws:iam::111122223333:user/ecs-deployer'],
    1, ['iam:PassRole', 'logs:CreateLogGroup', 'ssm:GetParameters', 'secretsmanager:GetSecretValue']],
  ])('shortcut %j', async (args, exit, missing) => {
    const { code, out, err } = await run(...args, '--format', 'json');
    expect(err).toBe('');
    expect(code).toBe(exit);
    expect((JSON.parse(out) as Json).missing.map((m) => m.action)).toEqual(missing);
  });

  it('reads the ClusterConfig that `eksctl create cluster -f` names', async () => {
    const { code, out } = await run('eks', '--eksctl', 'eksctl create cluster -f fixtures/preflight/eksctl/k2-cluster.yaml', '--policy', 'fixtures/preflight/eksctl/eksctl-minimum-policies.json',
      '--principal', 'arn:aws:iam::111122223333:user/platform-deployer', '--format', 'json');
    const json = JSON.parse(out) as Json;
    expect(code).toBe(1);
    expect(json.problems.map((p) => [p.code, p.file, p.line])).toEqual([['preflight/wrong-case-key', 'fixtures/preflight/eksctl/k2-cluster.yaml', 8]]);
  });

  it('reports an unknown fact as ignored, never silently', async () => {
    const { out } = await run('fixtures/preflight/cli/unknown-fact.yaml', '--format', 'json');
    const json = JSON.parse(out) as Json;
    expect(json.problems.map((p) => [p.code, p.line])).toEqual([['preflight/unknown-fact', 7]]);
    expect(json.ignored[0]).toBe('facts.clusterVersion (line 7): not a fact iamcheck uses');
  });

  it.each([
    [['fixtures/preflight/cli/bad-schema.yaml'], 'iamcheck: fixtures/preflight/cli/bad-schema.yaml:3:3: Unknown key `arns` in `principal`.'],
    [['fixtures/preflight/cli/bad-region.yaml'], 'iamcheck: fixtures/preflight/cli/bad-region.yaml:3:11: `facts.region` must match pattern'],
    [['fixtures/preflight/cli/missing.yaml'], 'iamcheck: '],
    [['ecs'], 'iamcheck: preflight ecs: give --task-def td.json.'],
    [['eks', '--fact', 'github=x', '--eksctl', 'eksctl create cluster'], 'iamcheck: --fact: `github` is structured'],
  ])('bad input %j exits 2 with a clear message', async (args, message) => {
    const { code, out, err } = await run(...args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.startsWith(message)).toBe(true);
  });
});
