import type { Finding } from '../core/finding.js';
import type { Located, Span } from '../core/span.js';
import type { ContextValue, DecisionValue } from '../engine/types.js';

/** Where a fix goes: the principal's identity policy, a role's trust policy, a resource policy, or an EKS access entry. */
export type AddTo = 'identity' | 'trust' | 'resource-policy' | 'access-entry';

/** A place in a config file that a requirement or problem comes from. */
export interface Origin {
  file: string;
  span: Span;
}

/** How a trust policy names the caller of `sts:AssumeRole*`. */
export interface TrustPrincipal {
  type: 'Service' | 'Federated' | 'AWS';
  value: string;
}

/**
 * One thing that must come out `allowed` for the operation to succeed.
 * - `permission`: `principal` calls `action` on `resource` (identity policies, boundary, and the resource's policy).
 * - `trust`: `principal` (a service, an OIDC provider, an IAM ARN) assumes the role `resource`; checked against
 *   the role's trust policy as the resource policy of an `sts:AssumeRole*` request.
 * - `mapping`: `principal` must be named by an EKS access entry or the `aws-auth` ConfigMap of the cluster `resource`
 *   (Kubernetes authentication; not an IAM decision).
 */
export interface Requirement {
  kind: 'permission' | 'trust' | 'mapping';
  principal: string;
  /** What the principal is in this operation: `deployer`, `node role`, `execution role`, … */
  label: string;
  action: string;
  resource: string;
  context?: Record<string, ContextValue>;
  /** One sentence: why the operation needs this. */
  why: string;
  /** URL of the documentation or issue thread that shows it (from the research catalog). */
  source: string;
  /** For trust requirements: how the caller appears in the trust policy (for the fix). */
  trustPrincipal?: TrustPrincipal;
  /** Conditions the fix statement carries (e.g. `iam:PassedToService`). Operator → key → values. */
  fixCondition?: Record<string, Record<string, string | string[]>>;
  /** The config element the requirement comes from. */
  origin?: Origin;
  /** The resource the fix statement names, when it should be wider than the request's (a log group's streams). */
  fixResource?: string;
  /** Requirements expanded from one AWS managed policy carry its name (the checklist folds them when all pass). */
  group?: string;
}

/** A note about a permission that is often believed necessary and is not (so nobody adds it "to be safe"). */
export interface NotRequired {
  principal: string;
  action: string;
  resource: string;
  why: string;
  source: string;
}

/** Facts the config files cannot say. */
export interface Facts {
  region?: string;
  accountId?: string;
  clusterName?: string;
  clusterOidcIssuer?: string;
  oidcProviders?: string[];
  existingServiceLinkedRoles?: string[];
  secrets?: Record<string, { kmsKeyId?: string }>;
  repositories?: Record<string, { encryptionType?: string; kmsKey?: string }>;
  pullThroughCacheRules?: { ecrRepositoryPrefix: string; upstreamRegistryUrl?: string }[];
  pushTarget?: string;
  /**
   * The job's GitHub context. `ownerId`/`repositoryId` switch to the immutable subject format
   * (`repo:<owner>-<ownerId>/<repo>-<repositoryId>:…`) that repositories created after 2026-06-18 use.
   */
  github?: { repository?: string; event?: string; ref?: string; environment?: string; ownerId?: string; repositoryId?: string };
  ecsCluster?: string;
  /** ISO date used for "is this EKS version still supported" (defaults to today). */
  today?: string;
}

export const KNOWN_FACTS: readonly (keyof Facts)[] = [
  'region', 'accountId', 'clusterName', 'clusterOidcIssuer', 'oidcProviders', 'existingServiceLinkedRoles', 'secrets',
  'repositories', 'pullThroughCacheRules', 'pushTarget', 'github', 'ecsCluster', 'today',
];

// ---- what the readers produce ----

export interface EksctlNodeGroup {
  name: string;
  managed: boolean;
  origin: Origin;
  instanceRoleARN?: Located<string>;
  instanceProfileARN?: Located<string>;
  attachPolicyARNs?: Located<string>[];
  /** Where `attachPolicyARNs` was written (the problem points there). */
  attachPolicyARNsSpan?: Span;
  /** `withAddonPolicies` keys set to true, each with where it was set. */
  addonPolicies: Record<string, Origin>;
  amiFamily?: string;
}

export interface EksctlServiceAccount {
  namespace: string;
  name: string;
  origin: Origin;
  attachRoleARN?: Located<string>;
  attachPolicyARNs: string[];
  attachPolicy: boolean;
}

export interface EksctlPodIdentityAssociation {
  namespace: string;
  serviceAccountName: string;
  origin: Origin;
  roleARN?: Located<string>;
}

export interface EksctlFargateProfile {
  name: string;
  origin: Origin;
  podExecutionRoleARN?: Located<string>;
}

/** `eksctl create cluster`, from flags or a ClusterConfig file: what decides the IAM calls it makes. */
export interface EksctlCluster {
  origin: Origin;
  name?: Located<string>;
  region?: Located<string>;
  version?: Located<string>;
  withOIDC?: Origin;
  serviceRoleARN?: Located<string>;
  autoMode?: Origin;
  autoModeNodeRoleARN?: Located<string>;
  secretsEncryptionKeyARN?: Located<string>;
  logRetention?: Origin;
  /** True when the VPC is supplied (`vpc.subnets`/`vpc.id`), so eksctl creates none. */
  existingVpc: boolean;
  nodeGroups: EksctlNodeGroup[];
  serviceAccounts: EksctlServiceAccount[];
  podIdentityAssociations: EksctlPodIdentityAssociation[];
  fargateProfiles: EksctlFargateProfile[];
  accessEntries: Located<string>[];
  /** `--config-file` named on the command line. */
  configFile?: Located<string>;
}

export interface EcsSecret {
  name: string;
  valueFrom: Located<string>;
}

export interface EcsContainer {
  name: string;
  image?: Located<string>;
  secrets: EcsSecret[];
  awslogs?: { group?: string; region?: string; createGroup: boolean; origin: Origin };
  repositoryCredentials?: Located<string>;
}

export interface EcsTaskDefinition {
  origin: Origin;
  family?: string;
  revision?: number;
  executionRoleArn?: Located<string>;
  taskRoleArn?: Located<string>;
  requiresCompatibilities: string[];
  containers: EcsContainer[];
}

export interface EcsServiceDefinition {
  origin: Origin;
  cluster?: string;
  serviceName: string;
  taskDefinition?: string;
  enableExecuteCommand?: Origin;
  launchType?: string;
}

export interface DockerImageRef {
  /** The image as written after ARG substitution. */
  image: string;
  origin: Origin;
  platform?: string;
  stage?: string;
}

export interface Dockerfile {
  file: string;
  /** Base images that come from a registry (stage references removed). */
  baseImages: DockerImageRef[];
}

export interface ServiceAccountManifest {
  origin: Origin;
  namespace: string;
  name: string;
  roleArn?: Located<string>;
}

export interface WorkflowJob {
  id: string;
  origin: Origin;
  roleToAssume?: Located<string>;
  audience?: string;
  region?: string;
  idTokenWrite: boolean;
  environment?: Located<string>;
  /** Image references after `docker push` in `run` steps. */
  pushes: Located<string>[];
  ecrLogin: boolean;
  /** `kubectl`/`helm`/`aws eks update-kubeconfig` in a run step, with the cluster name when given. */
  kubernetes?: { origin: Origin; cluster?: string };
}

export interface GithubWorkflow {
  file: string;
  events: string[];
  /** Branches named under `on.push.branches` (without glob characters). */
  pushBranches: string[];
  jobs: WorkflowJob[];
}

export interface AwsAuthMapping {
  arn: Located<string>;
  kind: 'role' | 'user';
  username?: string;
  groups: string[];
}

/** A Karpenter `EC2NodeClass`: the node role Karpenter passes to the instances it launches. */
export interface NodeClass {
  name: string;
  role?: Located<string>;
  origin: Origin;
}

export interface ReadConfigs {
  eksctl?: EksctlCluster;
  nodeClasses?: NodeClass[];
  taskDefinitions: EcsTaskDefinition[];
  services: EcsServiceDefinition[];
  dockerfiles: Dockerfile[];
  serviceAccounts: ServiceAccountManifest[];
  workflows: GithubWorkflow[];
  awsAuth?: AwsAuthMapping[];
  accessEntries?: Located<string>[];
  /** Config problems with positions (wrong-case keys, unsupported versions, …). */
  problems: Finding[];
}

// ---- the report ----

export type CheckDecision = DecisionValue | 'notMapped' | 'unknown';

export interface Check {
  requirement: Requirement;
  decision: CheckDecision;
  /** The engine's reason for a deny, or why it cannot be decided. */
  reason?: string;
  /** For a deny: where the missing Allow goes. */
  addTo?: AddTo;
}

export interface PolicyDocumentJson {
  Version: '2012-10-17';
  Statement: Record<string, unknown>[];
}

export interface PreflightFix {
  identity: Record<string, PolicyDocumentJson>;
  trust: Record<string, PolicyDocumentJson>;
  'resource-policy': Record<string, PolicyDocumentJson>;
  'access-entry': Record<string, { command: string; principalArn: string; cluster: string }>;
}

export interface PreflightReport {
  verdict: 'pass' | 'fail';
  operations: string[];
  checks: Check[];
  problems: Finding[];
  notRequired: NotRequired[];
  fix: PreflightFix;
  /** Facts given that iamcheck does not use, and things it could not verify. */
  ignoredFacts: string[];
}
