import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../src/core/source.js';
import { parseYaml } from '../../src/policy/parse-yaml.js';
import { parseDockerfile } from './helpers.js';
import { parseEcrImage } from '../../src/preflight/readers/dockerfile.js';
import { readEksctlFlags, splitShellWords } from '../../src/preflight/readers/eksctl-flags.js';
import { readEksctlYaml } from '../../src/preflight/readers/eksctl-yaml.js';
import { githubSubject, readGithubWorkflow } from '../../src/preflight/readers/github-workflow.js';
import { emptyConfigs, readConfig } from '../../src/preflight/readers/index.js';

const SEED = 'eksctl create cluster \\\n    --name eks-test \\\n    --region ap-southeast-1 \\\n    --version 1.14 \\\n    --managed \\\n    --asg-access\n';

describe('eksctl command lines', () => {
  it('splits words with quotes and continuations, keeping positions', () => {
    const words = splitShellWords(createSourceFile('c.sh', `eksctl create cluster --name "my cluster" --tags='a=b c'`));
    expect(words.map((w) => [w.value, w.span.start.column, w.span.end.column])).toEqual([
      ['eksctl', 1, 7], ['create', 8, 14], ['cluster', 15, 22], ['--name', 23, 29], ['my cluster', 30, 42], ['--tags=a=b c', 43, 57],
    ]);
  });

  it('reads the seed command as eksctl does: managed nodegroup with the autoScaler addon policy', () => {
    const { cluster, problems } = readEksctlFlags(createSourceFile('seed.sh', SEED));
    expect(problems).toEqual([]);
    expect(cluster?.name?.value).toBe('eks-test');
    expect(cluster?.region?.value).toBe('ap-southeast-1');
    expect(cluster?.version).toMatchObject({ value: '1.14', span: { start: { line: 4, column: 15 }, end: { line: 4, column: 19 } } });
    expect(cluster?.nodeGroups.map((n) => ({ managed: n.managed, addons: Object.keys(n.addonPolicies) }))).toEqual([{ managed: true, addons: ['autoScaler'] }]);
  });

  it.each([
    ['eksctl create cluster --managed=false', { managed: false, groups: 1, oidc: false }],
    ['eksctl create cluster -n a -r us-east-1 --with-oidc --full-ecr-access --alb-ingress-access', { managed: true, groups: 1, oidc: true }],
    ['eksctl create cluster --fargate', { managed: true, groups: 0, oidc: false }],
    ['eksctl create cluster --without-nodegroup', { managed: true, groups: 0, oidc: false }],
  ])('%s', (line, want) => {
    const { cluster } = readEksctlFlags(createSourceFile('c.sh', line));
    expect({ managed: cluster?.nodeGroups[0]?.managed ?? true, groups: cluster?.nodeGroups.length, oidc: Boolean(cluster?.withOIDC) }).toEqual(want);
  });

  it.each([
    ['eksctl create cluster --nmae x', 'preflight/unknown-flag', 1, 23, 'warning'],
    ['eksctl create cluster --managed=maybe', 'preflight/flag-bad-bool', 1, 23, 'error'],
    ['eksctl create nodegroup --cluster x', 'preflight/unsupported-command', 1, 1, 'error'],
    ['eksctl create cluster --name', 'preflight/flag-needs-value', 1, 23, 'error'],
  ])('%s → %s', (line, ruleId, lineNo, column, severity) => {
    const { problems } = readEksctlFlags(createSourceFile('c.sh', line));
    expect(problems.map((p) => [p.ruleId, p.span.start.line, p.span.start.column, p.severity])).toEqual([[ruleId, lineNo, column, severity]]);
  });
});

describe('eksctl ClusterConfig', () => {
  const read = (text: string) => {
    const source = createSourceFile('cluster.yaml', text);
    return readEksctlYaml(parseYaml(source).root!, source);
  };

  it('reports a key whose case differs from eksctl\'s and leaves the field unset', () => {
    const { cluster, problems } = read('kind: ClusterConfig\nmetadata: { name: a }\niam:\n  serviceRoleArn: arn:aws:iam::111122223333:role/r\n  withOidc: true\n');
    expect(cluster.serviceRoleARN).toBeUndefined();
    expect(problems.map((p) => [p.ruleId, p.span.start.line, p.span.start.column, p.span.end.column, p.message])).toEqual([
      ['preflight/wrong-case-key', 4, 3, 17, '`serviceRoleArn` is not a ClusterConfig `iam` key; the key is `serviceRoleARN` (keys are case-sensitive).'],
      ['preflight/wrong-case-key', 5, 3, 11, '`withOidc` is not a ClusterConfig `iam` key; the key is `withOIDC` (keys are case-sensitive).'],
    ]);
  });

  it('reads nodegroups, role ARNs, service accounts, pod identity, Fargate and Auto Mode', () => {
    const { cluster, problems } = read([
      'kind: ClusterConfig',
      'metadata: { name: a, region: eu-west-1, version: "1.33" }',
      'iam:',
      '  serviceRoleARN: arn:aws:iam::111122223333:role/cluster',
      '  withOIDC: true',
      '  serviceAccounts:',
      '    - metadata: { name: s3-reader, namespace: backend }',
      '      attachPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]',
      '  podIdentityAssociations:',
      '    - { namespace: shop, serviceAccountName: app, roleARN: arn:aws:iam::111122223333:role/app }',
      'autoModeConfig: { enabled: true }',
      'secretsEncryption: { keyARN: arn:aws:kms:eu-west-1:111122223333:key/k }',
      'nodeGroups:',
      '  - name: self',
      '    iam: { instanceRoleARN: arn:aws:iam::111122223333:role/node, withAddonPolicies: { autoScaler: true, ebs: true } }',
      'managedNodeGroups:',
      '  - name: m',
      'fargateProfiles:',
      '  - name: fp',
      '',
    ].join('\n'));
    expect(problems).toEqual([]);
    expect(cluster.serviceRoleARN?.value).toBe('arn:aws:iam::111122223333:role/cluster');
    expect(cluster.nodeGroups.map((n) => [n.name, n.managed, n.instanceRoleARN?.value, Object.keys(n.addonPolicies)])).toEqual([
      ['self', false, 'arn:aws:iam::111122223333:role/node', ['autoScaler', 'ebs']],
      ['m', true, undefined, []],
    ]);
    expect(cluster.serviceAccounts.map((s) => [s.namespace, s.name, s.attachPolicyARNs])).toEqual([['backend', 's3-reader', ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']]]);
    expect(cluster.podIdentityAssociations.map((p) => [p.namespace, p.serviceAccountName, p.roleARN?.value])).toEqual([['shop', 'app', 'arn:aws:iam::111122223333:role/app']]);
    expect([Boolean(cluster.autoMode), Boolean(cluster.withOIDC), cluster.secretsEncryptionKeyARN?.value, cluster.fargateProfiles.length]).toEqual([true, true, 'arn:aws:kms:eu-west-1:111122223333:key/k', 1]);
  });
});

describe('Dockerfiles', () => {
  it('substitutes ARGs, follows --platform, and leaves out earlier stages', () => {
    const { dockerfile, problems } = parseDockerfile([
      'ARG REGISTRY=111122223333.dkr.ecr.us-west-2.amazonaws.com',
      'ARG TAG',
      'FROM --platform=$BUILDPLATFORM ${REGISTRY}/base/node:${TAG:-20} AS deps',
      'RUN npm ci',
      'FROM deps AS build',
      'FROM public.ecr.aws/docker/library/nginx:1.27 \\',
      '  AS web',
      'FROM scratch',
      '',
    ].join('\n'));
    expect(problems).toEqual([]);
    expect(dockerfile.baseImages.map((b) => [b.image, b.stage, b.origin.span.start.line, b.origin.span.start.column])).toEqual([
      ['111122223333.dkr.ecr.us-west-2.amazonaws.com/base/node:20', 'deps', 3, 32],
      ['public.ecr.aws/docker/library/nginx:1.27', 'web', 6, 6],
    ]);
  });

  it.each([
    ['111122223333.dkr.ecr.us-west-2.amazonaws.com/base/node:20', 'arn:aws:ecr:us-west-2:111122223333:repository/base/node'],
    ['111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/app@sha256:abc', 'arn:aws-cn:ecr:cn-north-1:111122223333:repository/app'],
    ['public.ecr.aws/docker/library/nginx:1.27', undefined],
    ['python:3.7-alpine', undefined],
  ])('%s names %s', (image, arn) => {
    expect(parseEcrImage(image)?.repositoryArn).toBe(arn);
  });
});

describe('GitHub Actions workflows', () => {
  const workflow = (text: string) => {
    const source = createSourceFile('wf.yaml', text);
    return readGithubWorkflow(parseYaml(source).root!, source);
  };
  const base = 'on:\n  push:\n    branches: [main, "release/*"]\n  pull_request:\njobs:\n  deploy:\n    permissions: { id-token: write }\n%ENV%    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with: { role-to-assume: arn:aws:iam::111122223333:role/ci }\n';

  it.each([
    ['', 'push', 'refs/heads/main', 'repo:org/app:ref:refs/heads/main'],
    ['', 'pull_request', undefined, 'repo:org/app:pull_request'],
    ['    environment: prod\n', 'push', 'refs/heads/main', 'repo:org/app:environment:prod'],
    ['    environment: { name: staging, url: https://x }\n', 'pull_request', undefined, 'repo:org/app:environment:staging'],
  ])('environment %j, event %s → sub %s', (env, event, ref, sub) => {
    const { workflow: wf, problems } = workflow(base.replace('%ENV%', env));
    expect(problems).toEqual([]);
    expect(wf.events).toEqual(['push', 'pull_request']);
    expect(wf.pushBranches).toEqual(['main']);
    expect(githubSubject('org/app', wf.jobs[0], event, ref)).toBe(sub);
  });

  it('reports a job that assumes a role without id-token: write, at the job', () => {
    const { problems } = workflow(base.replace('%ENV%', '').replace('    permissions: { id-token: write }\n', ''));
    expect(problems.map((p) => [p.ruleId, p.span.start.line, p.span.start.column])).toEqual([['preflight/missing-id-token-permission', 6, 3]]);
  });
});

describe('format detection and Kubernetes manifests', () => {
  it.each([
    ['Dockerfile', 'FROM alpine\n', 'dockerfiles'],
    ['cmd.txt', '$ eksctl create cluster --name a\n', 'eksctl'],
    ['td.json', '{"taskDefinition": {"family": "a", "containerDefinitions": []}}', 'taskDefinitions'],
    ['svc.json', '{"cluster": "prod", "serviceName": "web"}', 'services'],
    ['sa.yaml', '---\nkind: Namespace\nmetadata: {name: a}\n---\nkind: ServiceAccount\nmetadata: {name: a}\n', 'serviceAccounts'],
    ['wf.yaml', 'on: push\njobs: {}\n', 'workflows'],
  ])('%s is read as %s', (path, text, field) => {
    const into = emptyConfigs();
    readConfig(createSourceFile(path, text), into);
    expect(into.problems).toEqual([]);
    const value = into[field as keyof typeof into];
    expect(Array.isArray(value) ? value.length : value).toBeTruthy();
  });

  it('reports a file it cannot classify at its first line', () => {
    const into = emptyConfigs();
    readConfig(createSourceFile('x.yaml', 'hello: world\n'), into);
    expect(into.problems.map((p) => [p.ruleId, p.span.start.line, p.span.start.column])).toEqual([['preflight/unknown-config', 1, 1]]);
  });

  it('keeps positions in later documents of a YAML stream, and reports an aws-auth role ARN with a path', () => {
    const into = emptyConfigs();
    readConfig(createSourceFile('k8s.yaml', [
      'kind: ServiceAccount',
      'metadata: { name: a, namespace: n, annotations: { eks.amazonaws.com/role-arn: "arn:aws:iam::aws:policy/P" } }',
      '---',
      'kind: ConfigMap',
      'metadata: { name: aws-auth, namespace: kube-system }',
      'data:',
      '  mapRoles: |',
      '    - rolearn: arn:aws:iam::111122223333:role/teams/ci',
      '      groups: [system:masters]',
      '',
    ].join('\n')), into);
    expect(into.problems.map((p) => [p.ruleId, p.span.start.line, p.span.start.column])).toEqual([
      ['preflight/policy-arn-as-role', 2, 79],
      ['preflight/aws-auth-role-path', 7, 13],
    ]);
    expect(into.awsAuth?.map((m) => m.arn.value)).toEqual(['arn:aws:iam::111122223333:role/teams/ci']);
  });
});
