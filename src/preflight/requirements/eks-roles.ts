import type { Origin, Requirement } from '../types.js';
import { managedPolicyGrants, trust, type RequirementContext, PLACEHOLDER } from './context.js';
import { controllerRequirements, type WorkloadRole } from './controllers.js';
import { SOURCES } from './sources.js';

const sts = (action: string) => action;

/** A cluster role given to eksctl (`iam.serviceRoleARN`) or EKS: trust `eks.amazonaws.com`, AmazonEKSClusterPolicy; Auto Mode adds TagSession and four policies. */
export function clusterRoleRequirements(ctx: RequirementContext, roleArn: string, autoMode: boolean, origin?: Origin): Requirement[] {
  const label = autoMode ? 'Auto Mode cluster role' : 'cluster role';
  const out: Requirement[] = [
    trust({ type: 'Service', value: 'eks.amazonaws.com' }, roleArn, label, sts('sts:AssumeRole'),
      'EKS assumes the cluster role to manage AWS resources for the control plane.', SOURCES.clusterRole, origin ? { origin } : {}),
  ];
  if (autoMode) {
    out.push(trust({ type: 'Service', value: 'eks.amazonaws.com' }, roleArn, label, 'sts:TagSession',
      'EKS Auto Mode tags the cluster role session; the trust policy must allow sts:TagSession as well as sts:AssumeRole.', SOURCES.autoClusterRole, origin ? { origin } : {}));
  }
  const policies = autoMode
    ? ['AmazonEKSClusterPolicy', 'AmazonEKSComputePolicy', 'AmazonEKSBlockStoragePolicy', 'AmazonEKSLoadBalancingPolicy', 'AmazonEKSNetworkingPolicy']
    : ['AmazonEKSClusterPolicy'];
  for (const p of policies) out.push(...managedPolicyGrants(ctx, roleArn, label, p, `The cluster role needs what ${p} grants.`, autoMode ? SOURCES.autoClusterRole : SOURCES.clusterRole));
  return out;
}

/** A node role: trust `ec2.amazonaws.com`; AmazonEKSWorkerNodePolicy, ECR pull, and the CNI policy unless aws-node has its own role. */
export function nodeRoleRequirements(ctx: RequirementContext, roleArn: string, options: { cniOnNode: boolean; autoMode?: boolean; origin?: Origin }): Requirement[] {
  const label = options.autoMode ? 'Auto Mode node role' : 'node role';
  const source = SOURCES.nodeRole;
  const out: Requirement[] = [
    trust({ type: 'Service', value: 'ec2.amazonaws.com' }, roleArn, label, 'sts:AssumeRole', 'EC2 instances get the node role through their instance profile.', source, options.origin ? { origin: options.origin } : {}),
  ];
  const policies = options.autoMode ? ['AmazonEKSWorkerNodeMinimalPolicy', 'AmazonEC2ContainerRegistryPullOnly']
    : ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryPullOnly', ...(options.cniOnNode ? ['AmazonEKS_CNI_Policy'] : [])];
  for (const p of policies) out.push(...managedPolicyGrants(ctx, roleArn, label, p, `Nodes need what ${p} grants to join the cluster and pull images.`, source));
  return out;
}

/** A Fargate pod execution role: trust `eks-fargate-pods.amazonaws.com` from this cluster's profiles; ECR pull. */
export function fargateRoleRequirements(ctx: RequirementContext, roleArn: string, cluster: string, profile: string, origin?: Origin): Requirement[] {
  const label = 'Fargate pod execution role';
  return [
    trust({ type: 'Service', value: 'eks-fargate-pods.amazonaws.com' }, roleArn, label, 'sts:AssumeRole',
      'Fargate assumes the pod execution role for pods of this cluster\'s Fargate profiles.', SOURCES.fargateRole, {
        context: { 'aws:SourceArn': `arn:${ctx.partition}:eks:${ctx.region}:${ctx.account}:fargateprofile/${cluster}/${profile}/${PLACEHOLDER.uuid}`, 'aws:SourceAccount': ctx.account },
        ...(origin ? { origin } : {}),
      }),
    ...managedPolicyGrants(ctx, roleArn, label, 'AmazonEKSFargatePodExecutionRolePolicy', 'Fargate pulls the pod images with this role.', SOURCES.fargateRole),
  ];
}

/** A Pod Identity role: trust `pods.eks.amazonaws.com` for sts:AssumeRole and sts:TagSession. */
export function podIdentityRoleRequirements(ctx: RequirementContext, roleArn: string, cluster: string, namespace: string, serviceAccount: string, origin?: Origin): Requirement[] {
  const label = `Pod Identity role (${namespace}/${serviceAccount})`;
  const context = {
    'aws:SourceAccount': ctx.account,
    'aws:SourceArn': `arn:${ctx.partition}:eks:${ctx.region}:${ctx.account}:cluster/${cluster}`,
    'aws:RequestTag/kubernetes-namespace': namespace,
    'aws:RequestTag/kubernetes-service-account': serviceAccount,
    'aws:RequestTag/eks-cluster-name': cluster,
  };
  return ['sts:AssumeRole', 'sts:TagSession'].map((action) => trust({ type: 'Service', value: 'pods.eks.amazonaws.com' }, roleArn, label, action,
    'The EKS Pod Identity agent assumes the role with session tags for the pod\'s service account.', SOURCES.podIdentityRole, { context, ...(origin ? { origin } : {}) }));
}

/** The IAM OIDC provider ARN of an issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<ID>`). */
export function oidcProviderArn(partition: string, account: string, issuer: string): string {
  return `arn:${partition}:iam::${account}:oidc-provider/${issuer.replace(/^https:\/\//, '')}`;
}

/** IRSA: the cluster's OIDC provider assumes the role with web identity for `system:serviceaccount:<ns>:<name>`. */
export function irsaRequirements(ctx: RequirementContext, roleArn: string, namespace: string, serviceAccount: string, origin?: Origin): Requirement[] {
  const issuer = ctx.facts.clusterOidcIssuer;
  if (!issuer) {
    ctx.unknowns.push(`the IRSA trust of ${roleArn}: give facts.clusterOidcIssuer (aws eks describe-cluster --query cluster.identity.oidc.issuer)`);
    return [];
  }
  const host = issuer.replace(/^https:\/\//, '');
  const provider = oidcProviderArn(ctx.partition, ctx.account, issuer);
  if (ctx.facts.oidcProviders && !ctx.facts.oidcProviders.includes(provider) && origin) {
    ctx.problems.push({ ruleId: 'preflight/missing-oidc-provider', severity: 'error', file: origin.file, span: origin.span,
      message: `No IAM OIDC provider for the cluster issuer \`${issuer}\` in this account.`,
      notes: ['Pods then fail with "InvalidIdentityToken: No OpenIDConnect provider found in your account" (aws-load-balancer-controller#1226).'],
      help: 'Create it: `eksctl utils associate-iam-oidc-provider --cluster <name> --approve`, or `iam.withOIDC: true`.' });
  }
  return [trust({ type: 'Federated', value: provider }, roleArn, `IRSA role (${namespace}/${serviceAccount})`, 'sts:AssumeRoleWithWebIdentity',
    `Pods of service account ${namespace}/${serviceAccount} exchange their projected token for the role's credentials.`, SOURCES.irsa, {
      context: { [`${host}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`, [`${host}:aud`]: 'sts.amazonaws.com' },
      fixCondition: { StringEquals: { [`${host}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`, [`${host}:aud`]: 'sts.amazonaws.com' } },
      ...(origin ? { origin } : {}),
    })];
}

/** EKS workload roles from ServiceAccount manifests (IRSA annotations), and what known controllers need of them. */
export function workloadRoleRequirements(ctx: RequirementContext): Requirement[] {
  const out: Requirement[] = [];
  const workloads: WorkloadRole[] = [];
  for (const sa of ctx.configs.serviceAccounts) {
    if (!sa.roleArn || !/:role\//.test(sa.roleArn.value)) continue;
    const origin = { file: sa.origin.file, span: sa.roleArn.span };
    out.push(...irsaRequirements(ctx, sa.roleArn.value, sa.namespace, sa.name, origin));
    workloads.push({ role: sa.roleArn.value, namespace: sa.namespace, serviceAccount: sa.name, origin });
  }
  const cluster = ctx.configs.eksctl;
  for (const sa of cluster?.serviceAccounts ?? []) {
    if (sa.attachRoleARN) workloads.push({ role: sa.attachRoleARN.value, namespace: sa.namespace, serviceAccount: sa.name, origin: { file: sa.origin.file, span: sa.attachRoleARN.span } });
  }
  for (const pia of cluster?.podIdentityAssociations ?? []) {
    if (pia.roleARN) workloads.push({ role: pia.roleARN.value, namespace: pia.namespace, serviceAccount: pia.serviceAccountName, origin: { file: pia.origin.file, span: pia.roleARN.span } });
  }
  out.push(...controllerRequirements(ctx, workloads));
  return out;
}
