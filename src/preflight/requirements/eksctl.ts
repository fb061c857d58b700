import type { Finding } from '../../core/finding.js';
import type { EksctlCluster, EksctlNodeGroup, Origin, Requirement } from '../types.js';
import { passRole, permission, serviceLinkedRole, type RequirementContext, PLACEHOLDER } from './context.js';
import { clusterRoleRequirements, fargateRoleRequirements, irsaRequirements, nodeRoleRequirements, oidcProviderArn, podIdentityRoleRequirements } from './eks-roles.js';
import { SOURCES } from './sources.js';

/**
 * End of extended support per EKS minor version (EKS User Guide "Kubernetes version lifecycle": 14 months standard
 * + 12 months extended; dates as published on the EKS release calendar). Older versions are past it.
 */
export const EKS_END_OF_EXTENDED_SUPPORT: Readonly<Record<string, string>> = {
  '1.29': '2026-03-23', '1.30': '2026-07-23', '1.31': '2026-11-26', '1.32': '2027-03-23',
  '1.33': '2027-07-29', '1.34': '2027-12-02', '1.35': '2028-03-27',
};
const OLDEST_LISTED = '1.29';

function minor(version: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** An EKS version that AWS no longer runs is a config problem: `CreateCluster` rejects it. */
export function checkEksVersion(version: { value: string; span: Finding['span'] }, file: string, today: string): Finding | undefined {
  const v = minor(version.value);
  if (!v) {
    return { ruleId: 'preflight/eks-version', severity: 'error', file, span: version.span, message: `\`${version.value}\` is not a Kubernetes minor version.`, help: 'Write it as `1.33`.' };
  }
  const oldest = minor(OLDEST_LISTED)!;
  const end = EKS_END_OF_EXTENDED_SUPPORT[`${v[0]}.${v[1]}`];
  const newest = Object.keys(EKS_END_OF_EXTENDED_SUPPORT).map((k) => minor(k)!).reduce((a, b) => (b[1] > a[1] ? b : a));
  const supported = Object.entries(EKS_END_OF_EXTENDED_SUPPORT).filter(([, d]) => d > today).map(([k]) => k);
  const help = `Use a supported version (${supported.join(', ')}); see ${SOURCES.eksVersions}.`;
  if (v[0] < oldest[0] || (v[0] === oldest[0] && v[1] < oldest[1]) || (end !== undefined && end <= today)) {
    return { ruleId: 'preflight/eks-version', severity: 'error', file, span: version.span,
      message: `Kubernetes ${version.value} is no longer supported by Amazon EKS${end ? ` (extended support ended ${end})` : ''}; \`CreateCluster\` will reject it.`,
      notes: ['EKS supports a minor version for 14 months of standard support and 12 months of extended support, then upgrades clusters automatically and no longer creates them.'], help };
  }
  if (v[0] > newest[0] || (v[0] === newest[0] && v[1] > newest[1])) {
    return { ruleId: 'preflight/eks-version', severity: 'info', file, span: version.span,
      message: `iamcheck does not know Kubernetes ${version.value} yet; check that EKS offers it.`, help: `See ${SOURCES.eksVersions}.` };
  }
  return undefined;
}

const DEFAULT_NODE_POLICIES = ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy'];
const PULL_POLICIES = ['AmazonEC2ContainerRegistryPullOnly', 'AmazonEC2ContainerRegistryReadOnly'];

/** `attachPolicyARNs` replaces eksctl's default node policies (eksctl iam-policies.md). */
function checkAttachPolicyArns(ng: EksctlNodeGroup, withOIDC: boolean): Finding | undefined {
  if (!ng.attachPolicyARNs || !ng.attachPolicyARNsSpan) return undefined;
  const names = ng.attachPolicyARNs.map((a) => a.value.split('/').pop() ?? '');
  const missing = DEFAULT_NODE_POLICIES.filter((p) => !names.includes(p) && !(p === 'AmazonEKS_CNI_Policy' && withOIDC));
  // INVARIANT: eksctl re-adds ECR pull only for unmanaged nodegroups.
  if (ng.managed && !names.some((n) => PULL_POLICIES.includes(n))) missing.push('AmazonEC2ContainerRegistryPullOnly');
  if (!missing.length) return undefined;
  return { ruleId: 'preflight/attach-policy-arns-drops-defaults', severity: 'error', file: ng.origin.file, span: ng.attachPolicyARNsSpan,
    message: `\`attachPolicyARNs\` of nodegroup \`${ng.name}\` replaces eksctl's default node policies; ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} no longer attached.`,
    notes: ['EKS then refuses the role: "The provided role doesn\'t have the Amazon EKS Managed Policies associated with it" (eksctl#2675), or nodes cannot pull images.'],
    help: `Add ${missing.map((m) => `arn:aws:iam::aws:policy/${m}`).join(', ')} to the list.` };
}

/** Requirements of `eksctl create cluster` for the deployer and for the roles it is given (eksctl minimum policies + source). */
export function eksctlCreateClusterRequirements(ctx: RequirementContext, cluster: EksctlCluster): Requirement[] {
  const { partition: p, account: a, region: r, deployer } = ctx;
  const label = 'deployer';
  const name = cluster.name?.value ?? ctx.facts.clusterName ?? 'cluster';
  if (!cluster.name && !ctx.facts.clusterName) ctx.unknowns.push('the cluster name (eksctl would generate one); iamcheck used `cluster`');
  const out: Requirement[] = [];
  const add = (action: string, resource: string, why: string, source: string, origin?: Origin, extra: Partial<Requirement> = {}) =>
    out.push(permission(deployer, label, action, resource, why, source, { ...(origin ? { origin } : {}), ...extra }));
  const clusterArn = `arn:${p}:eks:${r}:${a}:cluster/${name}`;
  const role = (suffix: string) => `arn:${p}:iam::${a}:role/eksctl-${name}-${suffix}`;
  const stack = (suffix: string) => `arn:${p}:cloudformation:${r}:${a}:stack/eksctl-${name}-${suffix}/${PLACEHOLDER.uuid}`;
  const origin = cluster.origin;

  if (cluster.version) {
    const problem = checkEksVersion(cluster.version, origin.file, ctx.facts.today ?? new Date().toISOString().slice(0, 10));
    if (problem) ctx.problems.push(problem);
  }
  // CLI start and AZ selection.
  add('eks:DescribeClusterVersions', '*', 'eksctl resolves the Kubernetes version with DescribeClusterVersions on every run.', SOURCES.eksClusterVersions, origin);
  add('ec2:DescribeAvailabilityZones', '*', 'eksctl picks availability zones for the cluster.', SOURCES.eksctlAvailabilityZones, origin);
  add('ec2:DescribeInstanceTypeOfferings', '*', 'eksctl checks that the node instance type is offered in the chosen zones.', SOURCES.eksctlAvailabilityZones, origin);
  // Cluster stack.
  for (const action of ['cloudformation:CreateStack', 'cloudformation:DescribeStacks', 'cloudformation:DescribeStackEvents']) {
    add(action, stack('cluster'), 'eksctl creates the cluster through a CloudFormation stack.', SOURCES.eksctlMinimumPolicies, origin);
  }
  if (!cluster.existingVpc) {
    for (const action of ['ec2:CreateVpc', 'ec2:CreateSubnet', 'ec2:CreateInternetGateway', 'ec2:AttachInternetGateway', 'ec2:AllocateAddress',
      'ec2:CreateNatGateway', 'ec2:CreateRouteTable', 'ec2:CreateRoute', 'ec2:AssociateRouteTable', 'ec2:CreateSecurityGroup',
      'ec2:AuthorizeSecurityGroupIngress', 'ec2:CreateTags', 'ec2:ModifySubnetAttribute', 'ec2:DescribeVpcs', 'ec2:DescribeAddresses']) {
      add(action, '*', 'Without `vpc.subnets`, eksctl creates a VPC with subnets, gateways and routes.', SOURCES.eksctlVpc, origin);
    }
  }
  // Cluster role.
  if (cluster.serviceRoleARN) {
    const at = { file: origin.file, span: cluster.serviceRoleARN.span };
    out.push(passRole(deployer, label, cluster.serviceRoleARN.value, 'eks.amazonaws.com', 'CreateCluster passes the given cluster role to EKS.', SOURCES.clusterRole, at));
    add('iam:GetRole', cluster.serviceRoleARN.value, 'eksctl reads the given cluster role.', SOURCES.eksctlMinimumPolicies, at);
    out.push(...clusterRoleRequirements(ctx, cluster.serviceRoleARN.value, Boolean(cluster.autoMode), at));
  } else {
    const serviceRole = role(`cluster-ServiceRole-${PLACEHOLDER.suffix}`);
    add('iam:CreateRole', serviceRole, 'eksctl creates the cluster role (`iam.serviceRoleARN` not set).', SOURCES.eksctlCreateRole, origin);
    add('iam:TagRole', serviceRole, 'CloudFormation tags the role with the stack tags.', SOURCES.cfnTagRole, origin);
    add('iam:GetRole', serviceRole, 'CloudFormation reads the role it created.', SOURCES.eksctlMinimumPolicies, origin);
    const clusterPolicies = cluster.autoMode
      ? ['AmazonEKSClusterPolicy', 'AmazonEKSComputePolicy', 'AmazonEKSBlockStoragePolicy', 'AmazonEKSLoadBalancingPolicy', 'AmazonEKSNetworkingPolicy']
      : ['AmazonEKSClusterPolicy', 'AmazonEKSVPCResourceController'];
    for (const policy of clusterPolicies) {
      const policyArn = `arn:${p}:iam::aws:policy/${policy}`;
      add('iam:AttachRolePolicy', serviceRole, `eksctl attaches ${policy} to the cluster role.`, cluster.autoMode ? SOURCES.eksctlAutoMode : SOURCES.eksctlMinimumPolicies, origin,
        { context: { 'iam:PolicyARN': policyArn } });
    }
    out.push(passRole(deployer, label, serviceRole, 'eks.amazonaws.com', 'CreateCluster passes the cluster role to EKS.', SOURCES.clusterRole, origin));
  }
  // Control plane.
  add('eks:CreateCluster', clusterArn, 'eksctl creates the EKS cluster.', SOURCES.eksctlMinimumPolicies, origin);
  add('eks:DescribeCluster', clusterArn, 'eksctl waits for the cluster and writes the kubeconfig from it.', SOURCES.eksctlMinimumPolicies, origin);
  add('eks:TagResource', clusterArn, 'The cluster is created with eksctl\'s tags.', SOURCES.eksctlMinimumPolicies, origin);
  out.push(...serviceLinkedRole(ctx, label, 'eks.amazonaws.com', 'AWSServiceRoleForAmazonEKS', 'EKS creates its service-linked role on the first cluster in the account.', SOURCES.clusterRole, origin));
  // Default add-ons.
  add('eks:DescribeAddonVersions', '*', 'eksctl installs the default add-ons (vpc-cni, kube-proxy, coredns, metrics-server).', SOURCES.eksAddons, origin);
  add('eks:CreateAddon', clusterArn, 'eksctl installs the default add-ons.', SOURCES.eksAddons, origin);
  add('eks:DescribeAddon', `arn:${p}:eks:${r}:${a}:addon/${name}/vpc-cni/${PLACEHOLDER.uuid}`, 'eksctl waits for each add-on.', SOURCES.eksAddons, origin);
  if (cluster.secretsEncryptionKeyARN) {
    const at = { file: origin.file, span: cluster.secretsEncryptionKeyARN.span };
    for (const action of ['kms:CreateGrant', 'kms:DescribeKey']) add(action, cluster.secretsEncryptionKeyARN.value, 'Envelope encryption of Kubernetes secrets uses the KMS key through a grant.', SOURCES.eksEncryption, at);
  }
  if (cluster.logRetention) add('logs:PutRetentionPolicy', `arn:${p}:logs:${r}:${a}:log-group:/aws/eks/${name}/cluster`, 'eksctl sets the retention of the control-plane log group.', SOURCES.eksctlMinimumPolicies, cluster.logRetention);

  // OIDC provider and the aws-node IRSA role.
  if (cluster.withOIDC) {
    const issuer = ctx.facts.clusterOidcIssuer ?? `https://oidc.eks.${r}.amazonaws.com/id/${PLACEHOLDER.oidcId}`;
    const provider = oidcProviderArn(p, a, issuer);
    add('iam:GetOpenIDConnectProvider', provider, 'eksctl checks whether the cluster\'s OIDC provider exists.', SOURCES.eksctlOidcRead, cluster.withOIDC);
    add('iam:CreateOpenIDConnectProvider', provider, '`--with-oidc` creates the IAM OIDC provider of the cluster.', SOURCES.eksctlOidcTags, cluster.withOIDC);
    add('iam:TagOpenIDConnectProvider', provider, 'eksctl always creates the OIDC provider with tags.', SOURCES.eksctlOidcTags, cluster.withOIDC);
    const awsNode = role(`addon-iamserviceaccount-kube-system-aws-node-Role1-${PLACEHOLDER.suffix}`);
    for (const action of ['iam:CreateRole', 'iam:TagRole']) add(action, awsNode, 'With OIDC, eksctl gives aws-node its own IRSA role.', SOURCES.eksctlOidcTags, cluster.withOIDC);
    add('iam:AttachRolePolicy', awsNode, 'The aws-node role gets AmazonEKS_CNI_Policy.', SOURCES.eksctlIamPolicies, cluster.withOIDC, { context: { 'iam:PolicyARN': `arn:${p}:iam::aws:policy/AmazonEKS_CNI_Policy` } });
  }
  for (const ng of cluster.nodeGroups) out.push(...nodeGroupRequirements(ctx, cluster, ng, name));
  for (const sa of cluster.serviceAccounts) {
    const at = sa.origin;
    if (sa.attachRoleARN) {
      out.push(...irsaRequirements(ctx, sa.attachRoleARN.value, sa.namespace, sa.name, { file: at.file, span: sa.attachRoleARN.span }));
      continue;
    }
    const saRole = role(`addon-iamserviceaccount-${sa.namespace}-${sa.name}-Role1-${PLACEHOLDER.suffix}`);
    add('cloudformation:CreateStack', stack(`addon-iamserviceaccount-${sa.namespace}-${sa.name}`), `eksctl creates one stack per IAM service account (${sa.namespace}/${sa.name}).`, SOURCES.eksctlIamPolicies, at);
    for (const action of ['iam:CreateRole', 'iam:TagRole']) add(action, saRole, `eksctl creates the IRSA role of ${sa.namespace}/${sa.name}.`, SOURCES.eksctlIamPolicies, at);
    for (const policyArn of sa.attachPolicyARNs) add('iam:AttachRolePolicy', saRole, `eksctl attaches ${policyArn} to the IRSA role.`, SOURCES.eksctlIamPolicies, at, { context: { 'iam:PolicyARN': policyArn } });
    if (sa.attachPolicy) add('iam:PutRolePolicy', saRole, 'eksctl writes `attachPolicy` as an inline policy.', SOURCES.eksctlIamPolicies, at);
  }
  for (const pia of cluster.podIdentityAssociations) {
    add('eks:CreatePodIdentityAssociation', clusterArn, `eksctl associates ${pia.namespace}/${pia.serviceAccountName} with its role.`, SOURCES.podIdentityRole, pia.origin);
    if (pia.roleARN) {
      const at = { file: pia.origin.file, span: pia.roleARN.span };
      out.push(passRole(deployer, label, pia.roleARN.value, 'pods.eks.amazonaws.com', 'CreatePodIdentityAssociation passes the role to EKS Pod Identity.', SOURCES.podIdentityRole, at));
      out.push(...podIdentityRoleRequirements(ctx, pia.roleARN.value, name, pia.namespace, pia.serviceAccountName, at));
    } else {
      const piaRole = role(`podidentityrole-${pia.namespace}-${pia.serviceAccountName}-Role1-${PLACEHOLDER.suffix}`);
      for (const action of ['iam:CreateRole', 'iam:TagRole']) add(action, piaRole, 'eksctl creates the Pod Identity role.', SOURCES.podIdentityRole, pia.origin);
      out.push(passRole(deployer, label, piaRole, 'pods.eks.amazonaws.com', 'CreatePodIdentityAssociation passes the role to EKS Pod Identity.', SOURCES.podIdentityRole, pia.origin));
    }
  }
  for (const fp of cluster.fargateProfiles) {
    add('eks:CreateFargateProfile', clusterArn, `eksctl creates the Fargate profile \`${fp.name}\`.`, SOURCES.fargateRole, fp.origin);
    out.push(...serviceLinkedRole(ctx, label, 'eks-fargate.amazonaws.com', 'AWSServiceRoleForAmazonEKSForFargate', 'EKS creates the Fargate service-linked role on first use.', SOURCES.eksctlMinimumPolicies));
    if (fp.podExecutionRoleARN) {
      const at = { file: fp.origin.file, span: fp.podExecutionRoleARN.span };
      out.push(passRole(deployer, label, fp.podExecutionRoleARN.value, 'eks.amazonaws.com', 'CreateFargateProfile passes the pod execution role to EKS.', SOURCES.fargateRole, at));
      out.push(...fargateRoleRequirements(ctx, fp.podExecutionRoleARN.value, name, fp.name, at));
    } else {
      const fpRole = role(`cluster-FargatePodExecutionRole-${PLACEHOLDER.suffix}`);
      for (const action of ['iam:CreateRole', 'iam:TagRole']) add(action, fpRole, 'eksctl creates the Fargate pod execution role.', SOURCES.fargateRole, fp.origin);
      add('iam:AttachRolePolicy', fpRole, 'eksctl attaches AmazonEKSFargatePodExecutionRolePolicy.', SOURCES.fargateRole, fp.origin,
        { context: { 'iam:PolicyARN': `arn:${p}:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy` } });
      out.push(passRole(deployer, label, fpRole, 'eks.amazonaws.com', 'CreateFargateProfile passes the pod execution role to EKS.', SOURCES.fargateRole, fp.origin));
    }
  }
  if (cluster.autoMode) {
    if (cluster.autoModeNodeRoleARN) {
      const at = { file: origin.file, span: cluster.autoModeNodeRoleARN.span };
      out.push(passRole(deployer, label, cluster.autoModeNodeRoleARN.value, 'eks.amazonaws.com', 'Auto Mode passes the node role to EKS.', SOURCES.eksctlAutoMode, at));
      out.push(...nodeRoleRequirements(ctx, cluster.autoModeNodeRoleARN.value, { cniOnNode: false, autoMode: true, origin: at }));
    } else {
      const nodeRole = role(`cluster-AutoModeNodeRole-${PLACEHOLDER.suffix}`);
      for (const action of ['iam:CreateRole', 'iam:TagRole']) add(action, nodeRole, 'eksctl creates the Auto Mode node role.', SOURCES.eksctlAutoMode, cluster.autoMode);
      for (const policy of ['AmazonEKSWorkerNodeMinimalPolicy', 'AmazonEC2ContainerRegistryPullOnly']) {
        add('iam:AttachRolePolicy', nodeRole, `eksctl attaches ${policy} to the Auto Mode node role.`, SOURCES.eksctlAutoMode, cluster.autoMode, { context: { 'iam:PolicyARN': `arn:${p}:iam::aws:policy/${policy}` } });
      }
      out.push(passRole(deployer, label, nodeRole, 'eks.amazonaws.com', 'Auto Mode passes the node role to EKS.', SOURCES.eksctlAutoMode, cluster.autoMode));
    }
  }
  for (const entry of cluster.accessEntries) {
    const at = { file: origin.file, span: entry.span };
    add('eks:CreateAccessEntry', clusterArn, `eksctl creates the access entry for ${entry.value}.`, SOURCES.eksctlAccessEntries, at);
    add('eks:AssociateAccessPolicy', `arn:${p}:eks:${r}:${a}:access-entry/${name}/role/${a}/entry/${PLACEHOLDER.uuid}`, 'eksctl associates the entry\'s access policies.', SOURCES.eksctlAccessEntries, at);
  }
  return out;
}

const ADDON_INLINE: Record<string, string> = {
  autoScaler: 'PolicyAutoScaling (cluster-autoscaler)', awsLoadBalancerController: 'PolicyAWSLoadBalancerController', albIngress: 'PolicyAWSLoadBalancerController',
  externalDNS: 'PolicyExternalDNS', appMesh: 'PolicyAppMesh', appMeshPreview: 'PolicyAppMeshPreview', certManager: 'PolicyCertManager',
  efs: 'PolicyEFS', fsx: 'PolicyFSX', xRay: 'PolicyXRay',
};
const ADDON_MANAGED: Record<string, string> = {
  imageBuilder: 'AmazonEC2ContainerRegistryPowerUser', ebs: 'service-role/AmazonEBSCSIDriverPolicy', cloudWatch: 'CloudWatchAgentServerPolicy',
};

function nodeGroupRequirements(ctx: RequirementContext, cluster: EksctlCluster, ng: EksctlNodeGroup, name: string): Requirement[] {
  const { partition: p, account: a, region: r, deployer } = ctx;
  const label = 'deployer';
  const out: Requirement[] = [];
  const add = (action: string, resource: string, why: string, source: string, origin: Origin = ng.origin, extra: Partial<Requirement> = {}) =>
    out.push(permission(deployer, label, action, resource, why, source, { origin, ...extra }));
  const problem = checkAttachPolicyArns(ng, Boolean(cluster.withOIDC));
  if (problem) ctx.problems.push(problem);
  const clusterArn = `arn:${p}:eks:${r}:${a}:cluster/${name}`;
  const kind = ng.managed ? 'managed nodegroup' : 'nodegroup';
  for (const action of ['cloudformation:CreateStack', 'cloudformation:DescribeStacks']) {
    add(action, `arn:${p}:cloudformation:${r}:${a}:stack/eksctl-${name}-nodegroup-${ng.name}/${PLACEHOLDER.uuid}`, `eksctl creates the ${kind} \`${ng.name}\` through its own stack.`, SOURCES.eksctlMinimumPolicies);
  }
  add('ec2:CreateLaunchTemplate', '*', `eksctl creates a launch template for \`${ng.name}\`.`, SOURCES.eksctlMinimumPolicies);
  const service = ng.managed ? 'eks.amazonaws.com' : 'ec2.amazonaws.com';
  let nodeRole: string;
  if (ng.instanceRoleARN) {
    nodeRole = ng.instanceRoleARN.value;
    const at = { file: ng.origin.file, span: ng.instanceRoleARN.span };
    out.push(passRole(deployer, label, nodeRole, service, `The ${kind} is created with the given node role.`, ng.managed ? SOURCES.nodeRole : SOURCES.eksctlLaunchTemplate, at));
    add('iam:GetRole', nodeRole, 'eksctl reads the given node role.', SOURCES.eksctlMinimumPolicies, at);
    out.push(...nodeRoleRequirements(ctx, nodeRole, { cniOnNode: !cluster.withOIDC, origin: at }));
  } else {
    nodeRole = `arn:${p}:iam::${a}:role/eksctl-${name}-nodegroup-${ng.name}-NodeInstanceRole-${PLACEHOLDER.suffix}`;
    add('iam:CreateRole', nodeRole, `eksctl creates the node role of \`${ng.name}\`.`, SOURCES.eksctlCreateRole);
    add('iam:TagRole', nodeRole, 'CloudFormation tags the role with the stack tags.', SOURCES.cfnTagRole);
    add('iam:GetRole', nodeRole, 'CloudFormation reads the role it created.', SOURCES.eksctlMinimumPolicies);
    const defaults = ng.attachPolicyARNs?.map((x) => x.value)
      ?? ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryPullOnly', 'AmazonSSMManagedInstanceCore', ...(cluster.withOIDC ? [] : ['AmazonEKS_CNI_Policy'])].map((x) => `arn:${p}:iam::aws:policy/${x}`);
    for (const policyArn of defaults) {
      add('iam:AttachRolePolicy', nodeRole, `eksctl attaches ${policyArn.split('/').pop()} to the node role.`, SOURCES.eksctlIamPolicies, ng.origin, { context: { 'iam:PolicyARN': policyArn } });
    }
    out.push(passRole(deployer, label, nodeRole, service, `The ${kind} is created with the node role.`, ng.managed ? SOURCES.nodeRole : SOURCES.eksctlLaunchTemplate));
  }
  for (const [key, at] of Object.entries(ng.addonPolicies)) {
    const inline = ADDON_INLINE[key];
    if (inline) add('iam:PutRolePolicy', nodeRole, `\`${key}\` adds the inline policy ${inline} to the node role.`, SOURCES.eksctlIamPolicies, at);
    const managed = ADDON_MANAGED[key];
    if (managed) add('iam:AttachRolePolicy', nodeRole, `\`${key}\` attaches ${managed.split('/').pop()} to the node role.`, SOURCES.eksctlIamPolicies, at, { context: { 'iam:PolicyARN': `arn:${p}:iam::aws:policy/${managed}` } });
  }
  if (ng.managed) {
    add('eks:CreateNodegroup', clusterArn, `eksctl creates the managed nodegroup \`${ng.name}\`.`, SOURCES.eksctlMinimumPolicies);
    add('eks:DescribeNodegroup', `arn:${p}:eks:${r}:${a}:nodegroup/${name}/${ng.name}/${PLACEHOLDER.uuid}`, 'eksctl waits for the nodegroup.', SOURCES.eksctlMinimumPolicies);
    out.push(...serviceLinkedRole(ctx, label, 'eks-nodegroup.amazonaws.com', 'AWSServiceRoleForAmazonEKSNodegroup', 'EKS creates the nodegroup service-linked role with the first managed nodegroup.', SOURCES.nodegroupSlr, ng.origin));
    add('iam:GetRole', `arn:${p}:iam::${a}:role/aws-service-role/eks-nodegroup.amazonaws.com/AWSServiceRoleForAmazonEKSNodegroup`, 'EKS checks that the nodegroup service-linked role exists, as the caller.', SOURCES.nodegroupSlr);
    ctx.notRequired.push({ principal: deployer, action: 'ssm:GetParameter', resource: `arn:${p}:ssm:${r}::parameter/aws/service/eks/*`,
      why: 'Managed nodegroups with AL2023, AL2, Bottlerocket or Windows AMIs skip eksctl\'s SSM AMI lookup (eksctl pkg/eks/nodegroup_service.go).', source: SOURCES.eksctlMinimumPolicies });
  } else {
    const family = (ng.amiFamily ?? 'AmazonLinux2023').toLowerCase();
    const version = cluster.version?.value ?? '1.33';
    const parameter = family === 'amazonlinux2' ? `/aws/service/eks/optimized-ami/${version}/amazon-linux-2/recommended/image_id`
      : `/aws/service/eks/optimized-ami/${version}/amazon-linux-2023/x86_64/standard/recommended/image_id`;
    add('ssm:GetParameter', `arn:${p}:ssm:${r}::parameter${parameter}`, 'eksctl looks up the EKS-optimized AMI in the public SSM parameters for self-managed nodes.', SOURCES.eksctlSsmAmi);
    const profile = ng.instanceProfileARN?.value ?? `arn:${p}:iam::${a}:instance-profile/eksctl-${name}-nodegroup-${ng.name}-NodeInstanceProfile-${PLACEHOLDER.suffix}`;
    if (!ng.instanceProfileARN) {
      const why = ng.instanceRoleARN ? '`instanceRoleARN` without `instanceProfileARN` still makes eksctl create an instance profile.' : 'eksctl creates the instance profile of the node role.';
      add('iam:CreateInstanceProfile', profile, why, SOURCES.eksctlInstanceProfile);
      add('iam:AddRoleToInstanceProfile', profile, why, SOURCES.eksctlInstanceProfile);
    }
    add('autoscaling:CreateAutoScalingGroup', `arn:${p}:autoscaling:${r}:${a}:autoScalingGroup:${PLACEHOLDER.uuid}:autoScalingGroupName/eksctl-${name}-nodegroup-${ng.name}-NodeGroup`, 'Self-managed nodes run in an Auto Scaling group.', SOURCES.eksctlLaunchTemplate);
    add('ec2:RunInstances', '*', 'The Auto Scaling group launches instances from the launch template as the caller ("You are not authorized to use launch template").', SOURCES.eksctlLaunchTemplate);
    add('eks:CreateAccessEntry', clusterArn, 'eksctl maps self-managed nodes with an EC2_LINUX access entry.', SOURCES.eksctlAccessEntries);
    out.push(...serviceLinkedRole(ctx, label, 'autoscaling.amazonaws.com', 'AWSServiceRoleForAutoScaling', 'Auto Scaling creates its service-linked role on first use.', SOURCES.eksctlMinimumPolicies));
  }
  return out;
}
