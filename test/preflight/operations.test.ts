import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPreflightFile } from '../../src/preflight/input.js';
import { reportToJson } from '../../src/preflight/render.js';
import { runPreflight } from '../../src/preflight/run.js';

// One passing and one or more failing fixtures per operation, each failing one a case of the research catalog
// (../shared/research/deploy-failures.md §2, cited in the fixture's header). `missing` is `addTo principal action
// resource [iam:PolicyARN]`; problems are `code file:line:column` (paths under fixtures/preflight/).
const ROOT = join(process.cwd(), 'fixtures/preflight');

interface Case {
  fixture: string;
  verdict: 'pass' | 'fail';
  missing: string[];
  problems: string[];
}

const cases: Case[] = [
  {
    fixture: 'seed/preflight.yaml',
    verdict: 'fail',
    missing: [
      'identity arn:aws:iam::111122223333:user/platform-deployer eks:DescribeClusterVersions *',
      'identity arn:aws:iam::111122223333:user/platform-deployer iam:CreateServiceLinkedRole arn:aws:iam::111122223333:role/aws-service-role/eks-nodegroup.amazonaws.com/AWSServiceRoleForAmazonEKSNodegroup',
      'identity arn:aws:iam::111122223333:user/platform-deployer iam:GetRole arn:aws:iam::111122223333:role/aws-service-role/eks-nodegroup.amazonaws.com/AWSServiceRoleForAmazonEKSNodegroup',
      'identity arn:aws:iam::111122223333:user/platform-deployer ecr:GetAuthorizationToken *',
    ],
    problems: ['preflight/eks-version seed/create-cluster.sh:4:15'],
  },
  {
    fixture: 'eksctl/managed-pass.yaml',
    verdict: 'pass',
    missing: [],
    problems: [],
  },
  {
    fixture: 'eksctl/k1-create-role.yaml',
    verdict: 'fail',
    missing: [
      'identity arn:aws:iam::111122223333:user/arsenii iam:CreateRole arn:aws:iam::111122223333:role/eksctl-newtest22-cluster-ServiceRole-EXAMPLE1A2B3',
      'identity arn:aws:iam::111122223333:user/arsenii iam:TagRole arn:aws:iam::111122223333:role/eksctl-newtest22-cluster-ServiceRole-EXAMPLE1A2B3',
      'identity arn:aws:iam::111122223333:user/arsenii iam:AttachRolePolicy arn:aws:iam::111122223333:role/eksctl-newtest22-cluster-ServiceRole-EXAMPLE1A2B3 arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
      'identity arn:aws:iam::111122223333:user/arsenii iam:AttachRolePolicy arn:aws:iam::111122223333:role/eksctl-newtest22-cluster-ServiceRole-EXAMPLE1A2B3 arn:aws:iam::aws:policy/AmazonEKSVPCResourceController',
    ],
    problems: [],
  },
  {
    fixture: 'eksctl/k2-service-role-case.yaml',
    verdict: 'fail',
    missing: [
      'identity arn:aws:iam::111122223333:role/deployer iam:CreateRole arn:aws:iam::111122223333:role/eksctl-prod-cluster-ServiceRole-EXAMPLE1A2B3',
      'identity arn:aws:iam::111122223333:role/deployer iam:TagRole arn:aws:iam::111122223333:role/eksctl-prod-cluster-ServiceRole-EXAMPLE1A2B3',
      'identity arn:aws:iam::111122223333:role/deployer iam:GetRole arn:aws:iam::111122223333:role/eksctl-prod-cluster-ServiceRole-EXAMPLE1A2B3',
      'identity arn:aws:iam::111122223333:role/deployer iam:AttachRolePolicy arn:aws:iam::111122223333:role/eksctl-prod-cluster-ServiceRole-EXAMPLE1A2B3 arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
      'identity arn:aws:iam::111122223333:role/deployer iam:AttachRolePolicy arn:aws:iam::111122223333:role/eksctl-prod-cluster-ServiceRole-EXAMPLE1A2B3 arn:aws:iam::aws:policy/AmazonEKSVPCResourceController',
      'identity arn:aws:iam::111122223333:role/deployer iam:PassRole arn:aws:iam::111122223333:role/eksctl-prod-cluster-ServiceRole-EXAMPLE1A2B3',
    ],
    problems: ['preflight/wrong-case-key eksctl/k2-cluster.yaml:8:3'],
  },
  {
    fixture: 'eksctl/k5-unmanaged-ssm.yaml',
    verdict: 'fail',
    missing: [
      'identity arn:aws:iam::111122223333:user/lambda ssm:GetParameter arn:aws:ssm:us-west-1::parameter/aws/service/eks/optimized-ami/1.33/amazon-linux-2/recommended/image_id',
    ],
    problems: [],
  },
  {
    fixture: 'eksctl/k6-oidc-tags.yaml',
    verdict: 'fail',
    missing: [
      'identity arn:aws:iam::111122223333:user/User iam:TagOpenIDConnectProvider arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/9A5D0000EXAMPLE',
    ],
    problems: [],
  },
  {
    fixture: 'eksctl/k23-attach-policy-arns.yaml',
    verdict: 'fail',
    missing: [
      'trust eks.amazonaws.com sts:TagSession arn:aws:iam::111122223333:role/eksctl-managed-cluster-role',
    ],
    problems: ['preflight/attach-policy-arns-drops-defaults eksctl/k23-cluster.yaml:15:9'],
  },
  {
    fixture: 'eks-workload/irsa-pass.yaml',
    verdict: 'pass',
    missing: [],
    problems: [],
  },
  {
    fixture: 'eks-workload/k26-stringequals-wildcard.yaml',
    verdict: 'fail',
    missing: [
      'trust arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE sts:AssumeRoleWithWebIdentity arn:aws:iam::111122223333:role/provider-aws',
    ],
    problems: ['preflight/wildcard-under-string-equals eks-workload/k26-stringequals-wildcard.yaml:13:89'],
  },
  {
    fixture: 'eks-workload/k32-policy-arn-annotation.yaml',
    verdict: 'fail',
    missing: [],
    problems: ['preflight/policy-arn-as-role eks-workload/k32-policy-arn-annotation.yaml:11:39'],
  },
  {
    fixture: 'eks-workload/k33-pod-identity-trust.yaml',
    verdict: 'fail',
    missing: [
      'trust pods.eks.amazonaws.com sts:AssumeRole arn:aws:iam::111122223333:role/eksctl-managed-app',
      'trust pods.eks.amazonaws.com sts:TagSession arn:aws:iam::111122223333:role/eksctl-managed-app',
    ],
    problems: [],
  },
  {
    fixture: 'kubernetes-access/mapped-pass.yaml',
    verdict: 'pass',
    missing: [],
    problems: [],
  },
  {
    fixture: 'kubernetes-access/k37-unmapped.yaml',
    verdict: 'fail',
    missing: [
      'access-entry arn:aws:iam::111122223333:role/github-deployer kubernetes:authenticate arn:aws:eks:us-west-2:111122223333:cluster/prod',
    ],
    problems: [],
  },
  {
    fixture: 'ecs/pass.yaml',
    verdict: 'pass',
    missing: [],
    problems: [],
  },
  {
    fixture: 'ecs/c1-c2-c5-execution-role.yaml',
    verdict: 'fail',
    missing: [
      'identity arn:aws:iam::111122223333:role/web-exec logs:CreateLogGroup arn:aws:logs:eu-west-2:111122223333:log-group:/ecs/web:log-stream:',
      'identity arn:aws:iam::111122223333:role/web-exec ssm:GetParameters arn:aws:ssm:eu-west-2:111122223333:parameter/GOOGLE_CLIENT_ID',
      'identity arn:aws:iam::111122223333:role/web-exec secretsmanager:GetSecretValue arn:aws:secretsmanager:eu-west-2:111122223333:secret:web/db-EaPYTy',
      'identity arn:aws:iam::111122223333:role/web-exec kms:Decrypt arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    ],
    problems: [],
  },
  {
    fixture: 'ecs/c7-fargate-no-execution-role.yaml',
    verdict: 'fail',
    missing: [],
    problems: ['preflight/missing-execution-role ecs/c7-fargate-no-execution-role.yaml:12:27'],
  },
  {
    fixture: 'ecs/c10-execution-role-trust.yaml',
    verdict: 'fail',
    missing: [
      'trust ecs-tasks.amazonaws.com sts:AssumeRole arn:aws:iam::111122223333:role/web-exec',
    ],
    problems: [],
  },
  {
    fixture: 'ecs/c11-c13-passrole-slr.yaml',
    verdict: 'fail',
    missing: [
      'identity arn:aws:iam::111122223333:role/github-ecs-deployer iam:PassRole arn:aws:iam::111122223333:role/web-task',
      'identity arn:aws:iam::111122223333:role/github-ecs-deployer iam:CreateServiceLinkedRole arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS',
    ],
    problems: [],
  },
  {
    fixture: 'ecr/pass.yaml',
    verdict: 'pass',
    missing: [],
    problems: [],
  },
  {
    fixture: 'ecr/r4-auth-token-scoped.yaml',
    verdict: 'fail',
    missing: [
      'identity arn:aws:iam::111122223333:role/MythicalMysfitsServiceCodeBuildServiceRole ecr:GetAuthorizationToken *',
      'identity arn:aws:iam::111122223333:role/MythicalMysfitsServiceCodeBuildServiceRole ecr:UploadLayerPart arn:aws:ecr:eu-west-1:111122223333:repository/mythicalmysfits/service',
      'identity arn:aws:iam::111122223333:role/MythicalMysfitsServiceCodeBuildServiceRole ecr:CompleteLayerUpload arn:aws:ecr:eu-west-1:111122223333:repository/mythicalmysfits/service',
    ],
    problems: [],
  },
  {
    fixture: 'ecr/r6-cross-account-push.yaml',
    verdict: 'fail',
    missing: [
      'resource-policy arn:aws:iam::222222222222:role/ci-builder ecr:BatchGetImage arn:aws:ecr:us-east-1:308535385114:repository/shared/base',
      'resource-policy arn:aws:iam::222222222222:role/ci-builder ecr:GetDownloadUrlForLayer arn:aws:ecr:us-east-1:308535385114:repository/shared/base',
      'resource-policy arn:aws:iam::222222222222:role/ci-builder ecr:BatchCheckLayerAvailability arn:aws:ecr:us-east-1:308535385114:repository/pytorch/ci-image',
      'resource-policy arn:aws:iam::222222222222:role/ci-builder ecr:InitiateLayerUpload arn:aws:ecr:us-east-1:308535385114:repository/pytorch/ci-image',
      'resource-policy arn:aws:iam::222222222222:role/ci-builder ecr:UploadLayerPart arn:aws:ecr:us-east-1:308535385114:repository/pytorch/ci-image',
      'resource-policy arn:aws:iam::222222222222:role/ci-builder ecr:CompleteLayerUpload arn:aws:ecr:us-east-1:308535385114:repository/pytorch/ci-image',
      'resource-policy arn:aws:iam::222222222222:role/ci-builder ecr:PutImage arn:aws:ecr:us-east-1:308535385114:repository/pytorch/ci-image',
    ],
    problems: [],
  },
  {
    fixture: 'ecr/r9-pull-through-cache.yaml',
    verdict: 'fail',
    missing: [
      'identity arn:aws:iam::111122223333:role/buildkite-agent ecr:BatchImportUpstreamImage arn:aws:ecr:us-west-2:111122223333:repository/docker-hub/library/nginx',
      'identity arn:aws:iam::111122223333:role/buildkite-agent ecr:CreateRepository arn:aws:ecr:us-west-2:111122223333:repository/docker-hub/library/nginx',
    ],
    problems: [],
  },
  {
    fixture: 'github/pass.yaml',
    verdict: 'pass',
    missing: [],
    problems: [],
  },
  {
    fixture: 'github/o1-environment-sub.yaml',
    verdict: 'fail',
    missing: [
      'trust arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com sts:AssumeRoleWithWebIdentity arn:aws:iam::111122223333:role/github-ecr-push',
    ],
    problems: [],
  },
  {
    fixture: 'github/o2-stringequals-wildcard.yaml',
    verdict: 'fail',
    missing: [
      'trust arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com sts:AssumeRoleWithWebIdentity arn:aws:iam::111122223333:role/github-ecr-push',
    ],
    problems: ['preflight/wildcard-under-string-equals github/o2-stringequals-wildcard.yaml:20:56'],
  },
  {
    fixture: 'github/o7-no-id-token.yaml',
    verdict: 'fail',
    missing: [],
    problems: ['preflight/missing-id-token-permission github/o7-no-id-token.yaml:8:9'],
  },
  {
    fixture: 'ecs/c12-run-task.yaml',
    verdict: 'fail',
    missing: [
      'identity arn:aws:iam::111122223333:role/scheduler-function iam:PassRole arn:aws:iam::111122223333:role/ecsTaskExecutionRole',
    ],
    problems: [],
  },
  {
    fixture: 'eks-workload/k25-k38-controllers.yaml',
    verdict: 'fail',
    missing: [
      'identity arn:aws:iam::111122223333:role/cluster-autoscaler autoscaling:DescribeScalingActivities *',
      'identity arn:aws:iam::111122223333:role/KarpenterControllerRole-prod iam:PassRole arn:aws:iam::111122223333:role/KarpenterNodeRole-prod',
    ],
    problems: [],
  },
  {
    fixture: 'eksctl/fargate-secrets-pass.yaml',
    verdict: 'pass',
    missing: [],
    problems: [],
  },
  {
    fixture: 'github/o6-immutable-sub.yaml',
    verdict: 'fail',
    missing: [
      'trust arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com sts:AssumeRoleWithWebIdentity arn:aws:iam::111122223333:role/github-ecr-push',
    ],
    problems: [],
  },
];

describe('preflight operations (fixtures)', () => {
  it.each(cases)('$fixture', async ({ fixture, verdict, missing, problems }) => {
    const input = await loadPreflightFile(join(ROOT, fixture), { cwd: ROOT });
    const json = reportToJson(runPreflight(input)) as {
      verdict: string;
      missing: { addTo: string; principal: string; action: string; resource: string; context?: Record<string, string> }[];
      problems: { code: string; file: string; line: number; column: number }[];
    };
    expect(json.missing.map((m) => `${m.addTo} ${m.principal} ${m.action} ${m.resource}${m.context?.['iam:PolicyARN'] ? ` ${m.context['iam:PolicyARN']}` : ''}`)).toEqual(missing);
    expect(json.problems.map((p) => `${p.code} ${p.file}:${p.line}:${p.column}`)).toEqual(problems);
    expect(json.verdict).toBe(verdict);
  });
});
