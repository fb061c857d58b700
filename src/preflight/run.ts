import type { Finding } from '../core/finding.js';
import type { SourceFile } from '../core/source.js';
import type { Located } from '../core/span.js';
import type { NormalizedPolicy } from '../policy/types.js';
import { checkRequirement, type CompileCache, type PolicySource, type PrincipalPolicies } from './evaluate.js';
import { buildFix } from './fix.js';
import { parseEcrImage } from './readers/dockerfile.js';
import { emptyConfigs, readConfig, type ConfigFormat } from './readers/index.js';
import type { RequirementContext } from './requirements/context.js';
import { ecrRequirements, pushRequirements } from './requirements/ecr.js';
import { ecsRequirements, type EcsOperation } from './requirements/ecs.js';
import { workloadRoleRequirements } from './requirements/eks-roles.js';
import { eksctlCreateClusterRequirements } from './requirements/eksctl.js';
import { githubOidcRequirements } from './requirements/github.js';
import { kubernetesAccessRequirements } from './requirements/kubernetes-access.js';
import type { Check, Facts, NotRequired, PreflightReport, ReadConfigs, Requirement } from './types.js';

/** The operations iamcheck knows, as the preflight file's `operation` names them. */
export const OPERATIONS = [
  'eksctl create cluster', 'eks workload roles', 'kubernetes access', 'ecs register task definition', 'ecs create service',
  'ecs update service', 'ecs run task', 'ecr push', 'ecr pull', 'github actions oidc',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface PreflightInput {
  operation?: Operation;
  /** ARN of the principal that runs the operation, when known. */
  principalArn?: string;
  /** What iamcheck knows about principals and resources (preflight file blocks, account dump). */
  policies: PolicySource;
  configs: { source: SourceFile; format?: ConfigFormat }[];
  facts: Facts;
  /** Problems found while loading the input (unknown facts, policy findings). */
  problems?: Finding[];
  ignoredFacts?: string[];
  /** The AWS managed policy lookup (the catalog); injected so this function stays pure. */
  managedPolicy: RequirementContext['managedPolicy'];
  /** Account-level principal policy texts that reveal the account (for requirements' ARNs). */
  principalPolicies?: NormalizedPolicy[];
}

function firstAccount(values: (string | undefined)[]): string | undefined {
  for (const v of values) {
    const m = v ? /(?:^|:)(\d{12})(?::|\.dkr)/.exec(v) : null;
    if (m) return m[1];
  }
  return undefined;
}

function inferOperations(configs: ReadConfigs, facts: Facts, explicit?: Operation): Operation[] {
  const ops = new Set<Operation>();
  if (explicit) ops.add(explicit);
  if (configs.eksctl) ops.add('eksctl create cluster');
  if (configs.serviceAccounts.length || configs.nodeClasses?.length) ops.add('eks workload roles');
  if (configs.taskDefinitions.length && !['ecs update service', 'ecs run task', 'ecs create service'].includes(explicit ?? '')) ops.add('ecs register task definition');
  if (configs.services.length && !explicit?.startsWith('ecs ')) ops.add('ecs create service');
  if (configs.dockerfiles.some((d) => d.baseImages.some((b) => parseEcrImage(b.image)))) ops.add('ecr pull');
  if (facts.pushTarget || configs.workflows.some((w) => w.jobs.some((j) => j.pushes.length))) ops.add('ecr push');
  if (configs.workflows.some((w) => w.jobs.some((j) => j.roleToAssume))) ops.add('github actions oidc');
  if (configs.workflows.some((w) => w.jobs.some((j) => j.kubernetes)) || configs.awsAuth || configs.accessEntries) ops.add('kubernetes access');
  return [...ops];
}

function dedupe(requirements: Requirement[]): Requirement[] {
  const seen = new Set<string>();
  return requirements.filter((r) => {
    const key = `${r.kind}\u0000${r.principal}\u0000${r.action.toLowerCase()}\u0000${r.resource}\u0000${JSON.stringify(r.context ?? {})}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Runs a preflight: reads the configs, derives what must be allowed for the operations they describe, checks each
 * requirement with the engine, and builds the fix. Pure: files are read by the caller.
 */
export function runPreflight(input: PreflightInput): PreflightReport {
  const configs = emptyConfigs();
  for (const c of input.configs) readConfig(c.source, configs, c.format);
  const facts = input.facts;
  const operations = inferOperations(configs, facts, input.operation);
  const unknowns: string[] = [];
  const notRequired: NotRequired[] = [];
  const problems: Finding[] = [...(input.problems ?? []), ...configs.problems];
  const ciRoles = configs.workflows.flatMap((w) => w.jobs.map((j) => j.roleToAssume?.value)).filter((x): x is string => x !== undefined);
  const roleArns = [configs.eksctl?.serviceRoleARN?.value, ...configs.taskDefinitions.flatMap((t) => [t.executionRoleArn?.value, t.taskRoleArn?.value])];
  const account = facts.accountId ?? firstAccount([input.principalArn, facts.pushTarget, ...ciRoles, ...roleArns,
    ...(input.principalPolicies ?? []).flatMap((p) => p.statements.flatMap((s) => (s.resources ?? []).map((r) => r.value)))]);
  if (!account) unknowns.push('the account id (facts.accountId); iamcheck used 123456789012');
  const accountId = account ?? '123456789012';
  const deployerArn = input.principalArn ?? ciRoles[0] ?? `arn:aws:iam::${accountId}:user/deployer`;
  const pushRegion = facts.pushTarget ? parseEcrImage(facts.pushTarget)?.region : undefined;
  const jobRegion = [...configs.workflows.flatMap((w) => w.jobs.map((j) => j.region)),
    ...configs.taskDefinitions.flatMap((t) => t.containers.flatMap((c) => [c.awslogs?.region, c.image ? parseEcrImage(c.image.value)?.region : undefined])),
    ...configs.dockerfiles.flatMap((d) => d.baseImages.map((b) => parseEcrImage(b.image)?.region))]
    .find((r) => r !== undefined);
  const region = facts.region ?? configs.eksctl?.region?.value ?? pushRegion ?? jobRegion ?? (configs.eksctl ? 'us-west-2' : 'us-east-1');
  if (!facts.region && !configs.eksctl?.region && !pushRegion && !jobRegion) unknowns.push(`the region (facts.region); iamcheck used ${region}`);
  const ctx: RequirementContext = {
    configs, facts, account: accountId, region, partition: 'aws', deployer: deployerArn,
    managedPolicy: input.managedPolicy, problems, notRequired, unknowns,
  };
  const requirements: Requirement[] = [];
  if (configs.eksctl) requirements.push(...eksctlCreateClusterRequirements(ctx, configs.eksctl));
  if (operations.includes('eks workload roles') || configs.eksctl) requirements.push(...workloadRoleRequirements(ctx));
  const ecsOps: EcsOperation[] = [];
  if (operations.includes('ecs register task definition')) ecsOps.push('register-task-definition');
  if (operations.includes('ecs create service')) ecsOps.push('create-service');
  if (operations.includes('ecs update service')) ecsOps.push('update-service');
  if (operations.includes('ecs run task')) ecsOps.push('run-task');
  if (ecsOps.length) requirements.push(...ecsRequirements(ctx, ecsOps));
  const github = githubOidcRequirements(ctx);
  requirements.push(...github.requirements);
  // The image is built and pushed by whoever runs the workflow's role, or by the principal.
  const builder = input.principalArn ?? github.roles[0]?.role ?? deployerArn;
  const builderLabel = input.principalArn ? 'deployer' : github.roles[0] ? `CI role (job ${github.roles[0].job.id})` : 'deployer';
  requirements.push(...ecrRequirements(ctx, builder, builderLabel));
  for (const { job, role } of github.roles) {
    for (const push of job.pushes) {
      if (push.value !== facts.pushTarget) requirements.push(...pushRequirements(ctx, role, `CI role (job ${job.id})`, push.value, { file: job.origin.file, span: push.span }));
    }
    if (job.kubernetes) {
      const cluster = job.kubernetes.cluster ?? facts.clusterName;
      if (cluster) requirements.push(...kubernetesAccessRequirements(ctx, role, `CI role (job ${job.id})`, cluster, job.kubernetes.origin));
      else unknowns.push(`the cluster job ${job.id} deploys to (facts.clusterName)`);
    }
  }
  if (operations.includes('kubernetes access') && !github.roles.some((r) => r.job.kubernetes)) {
    const cluster = facts.clusterName ?? configs.eksctl?.name?.value;
    if (cluster) requirements.push(...kubernetesAccessRequirements(ctx, deployerArn, 'deployer', cluster));
  }
  // A principal block without an ARN stands for the deployer, whatever ARN iamcheck had to assume for it.
  const given = input.policies;
  const policies: PolicySource = input.principalArn ? given : { ...given, principal: (arn) => (arn === deployerArn ? given.principal('') ?? given.principal(arn) : given.principal(arn)) };
  const source = withClusterMappings(policies, configs, deployerArn);
  if (!input.principalArn && !ciRoles.length && requirements.some((r) => r.principal === deployerArn)) {
    unknowns.push(`who runs the operation (principal.arn, or --principal); iamcheck used ${deployerArn}`);
  }
  const cache: CompileCache = new Map();
  const checks: Check[] = dedupe(requirements).map((r) => checkRequirement(r, source, cache));
  problems.push(...trustPolicyProblems(checks, source));
  const failed = checks.some((c) => c.decision === 'explicitDeny' || c.decision === 'implicitDeny' || c.decision === 'notMapped');
  const broken = problems.some((p) => p.severity === 'error');
  return {
    verdict: failed || broken ? 'fail' : 'pass',
    operations, checks, problems, notRequired: dedupeNotRequired(notRequired), fix: buildFix(checks),
    ignoredFacts: [...(input.ignoredFacts ?? []), ...[...new Set(unknowns)].map((u) => `cannot verify: ${u}`)],
  };
}

/**
 * For trust checks that failed: the classic web-identity mistakes in the trust policy, at their position — a
 * wildcard under StringEquals (compared literally; crossplane#5578, configure-aws-credentials#1137) and a condition
 * key written with the provider ARN instead of the issuer host (karpenter#1666).
 */
function trustPolicyProblems(checks: Check[], source: PolicySource): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const c of checks) {
    if (c.requirement.kind !== 'trust' || !c.addTo || seen.has(c.requirement.resource)) continue;
    seen.add(c.requirement.resource);
    const policy = source.principal(c.requirement.resource)?.trustPolicy;
    for (const statement of policy?.statements ?? []) {
      for (const entry of statement.conditions) {
        const op = entry.operator.value.replace(/^For(All|Any)Values:/, '').replace(/IfExists$/, '');
        if (/^String(Not)?Equals(IgnoreCase)?$/.test(op)) {
          for (const v of entry.values) {
            if (!/[*?]/.test(v.value)) continue;
            out.push({ ruleId: 'preflight/wildcard-under-string-equals', severity: 'error', file: policy!.file, span: v.span,
              message: `\`${v.value}\` has a wildcard, but \`${entry.operator.value}\` compares it literally, so no token matches.`,
              notes: ['Only StringLike expands `*` and `?`; web-identity roles then fail with "Not authorized to perform sts:AssumeRoleWithWebIdentity".'],
              help: `Move \`${entry.key.value}\` under \`StringLike\`, or write the exact value.` });
          }
        }
        if (/^arn:/.test(entry.key.value)) {
          out.push({ ruleId: 'preflight/oidc-condition-key', severity: 'error', file: policy!.file, span: entry.key.span,
            message: `Condition key \`${entry.key.value}\` starts with the provider ARN; the key is the issuer host and path followed by \`:sub\` or \`:aud\`.`,
            help: `Write \`${entry.key.value.replace(/^arn:[^:]+:iam::\d{12}:oidc-provider\//, '')}\`.` });
        }
      }
    }
  }
  return out;
}

function dedupeNotRequired(list: NotRequired[]): NotRequired[] {
  const seen = new Set<string>();
  return list.filter((n) => {
    const k = `${n.principal} ${n.action} ${n.resource}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Adds the mappings the configs give (access entries, aws-auth, eksctl's entries and its creator admin) to the source. */
function withClusterMappings(source: PolicySource, configs: ReadConfigs, deployer: string): PolicySource {
  const lists: Located<string>[][] = [];
  if (configs.accessEntries) lists.push(configs.accessEntries);
  if (configs.awsAuth) lists.push(configs.awsAuth.map((m) => m.arn));
  if (configs.eksctl) lists.push(configs.eksctl.accessEntries, [{ value: deployer, span: configs.eksctl.origin.span }]);
  const given = source.kubernetesMappings();
  if (!lists.length) return source;
  const mapped = [...(given ?? []), ...lists.flat().map((l) => l.value)];
  return { principal: (arn) => source.principal(arn), resourcePolicy: (arn) => source.resourcePolicy(arn), kubernetesMappings: () => mapped };
}

export type { PrincipalPolicies, PolicySource };
