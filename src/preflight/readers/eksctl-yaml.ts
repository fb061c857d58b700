import type { Finding } from '../../core/finding.js';
import type { SourceFile } from '../../core/source.js';
import type { ValueNode } from '../../policy/tree.js';
import type { EksctlCluster, EksctlNodeGroup, Origin } from '../types.js';
import { asArray, asObject, checkKeyCase, child, located, text, truthy } from './nodes.js';

// Keys of eksctl's ClusterConfig (api/eksctl.io/v1alpha5) that iamcheck reads or that are commonly mistyped.
const TOP_KEYS = ['apiVersion', 'kind', 'metadata', 'kubernetesNetworkConfig', 'autoModeConfig', 'remoteNetworkConfig', 'iam',
  'iamIdentityMappings', 'identityProviders', 'accessConfig', 'vpc', 'addons', 'addonsConfig', 'privateCluster', 'nodeGroups',
  'managedNodeGroups', 'fargateProfiles', 'availabilityZones', 'localZones', 'cloudWatch', 'secretsEncryption', 'gitops',
  'karpenter', 'outpost', 'zonalShiftConfig'];
const METADATA_KEYS = ['name', 'region', 'version', 'tags', 'annotations', 'accountID'];
const IAM_KEYS = ['serviceRoleARN', 'serviceRolePermissionsBoundary', 'fargatePodExecutionRoleARN',
  'fargatePodExecutionRolePermissionsBoundary', 'withOIDC', 'serviceAccounts', 'podIdentityAssociations', 'vpcResourceControllerPolicy'];
const NODE_IAM_KEYS = ['attachPolicy', 'attachPolicyARNs', 'instanceProfileARN', 'instanceRoleARN', 'instanceRoleName',
  'instanceRolePermissionsBoundary', 'withAddonPolicies'];
const NODE_KEYS = ['name', 'instanceType', 'instanceTypes', 'desiredCapacity', 'minSize', 'maxSize', 'amiFamily', 'ami', 'iam',
  'volumeSize', 'volumeType', 'ssh', 'labels', 'tags', 'privateNetworking', 'availabilityZones', 'subnets', 'launchTemplate',
  'spot', 'taints', 'maxPodsPerNode', 'securityGroups', 'instanceName', 'instancePrefix', 'updateConfig', 'preBootstrapCommands',
  'overrideBootstrapCommand', 'disableIMDSv1', 'disablePodIMDS', 'releaseVersion', 'propagateASGTags', 'enableDetailedMonitoring'];
const ADDON_POLICY_KEYS = ['imageBuilder', 'autoScaler', 'externalDNS', 'certManager', 'appMesh', 'appMeshPreview', 'ebs', 'fsx',
  'efs', 'awsLoadBalancerController', 'albIngress', 'xRay', 'cloudWatch'];
const SERVICE_ACCOUNT_KEYS = ['metadata', 'attachPolicyARNs', 'wellKnownPolicies', 'attachPolicy', 'attachRoleARN',
  'permissionsBoundary', 'roleName', 'roleOnly', 'tags'];
const POD_IDENTITY_KEYS = ['namespace', 'serviceAccountName', 'roleARN', 'createServiceAccount', 'roleName',
  'permissionsBoundaryARN', 'permissionPolicyARNs', 'permissionPolicy', 'wellKnownPolicies', 'tags'];
const FARGATE_KEYS = ['name', 'podExecutionRoleARN', 'selectors', 'subnets', 'tags'];
const AUTO_MODE_KEYS = ['enabled', 'nodeRoleARN', 'nodePools'];
const SECRETS_KEYS = ['keyARN'];
const ACCESS_ENTRY_KEYS = ['principalARN', 'type', 'kubernetesGroups', 'kubernetesUsername', 'accessPolicies'];

const IGNORED = (meant: string) => `eksctl ignores a key it does not know, so \`${meant}\` stays unset and eksctl does what it does without it (for role ARNs: it creates its own role, and the deployer then needs iam:CreateRole).`;

/** True when the YAML document is an eksctl ClusterConfig. */
export function isEksctlConfig(root: ValueNode): boolean {
  return text(child(root, 'kind')) === 'ClusterConfig' || (text(child(root, 'apiVersion')) ?? '').startsWith('eksctl.io/');
}

/** Reads an eksctl ClusterConfig, reporting keys whose case differs from eksctl's (eksctl#5452, #5470). */
export function readEksctlYaml(root: ValueNode, source: SourceFile): { cluster: EksctlCluster; problems: Finding[] } {
  const file = source.path;
  const problems: Finding[] = [];
  const keys = (node: ValueNode | undefined, known: readonly string[], where: string) => problems.push(...checkKeyCase(node, known, file, where, IGNORED));
  const at = (node: ValueNode): Origin => ({ file, span: node.span });
  keys(root, TOP_KEYS, 'ClusterConfig');
  const metadata = child(root, 'metadata');
  keys(metadata, METADATA_KEYS, 'ClusterConfig `metadata`');
  const iam = child(root, 'iam');
  keys(iam, IAM_KEYS, 'ClusterConfig `iam`');
  const cluster: EksctlCluster = {
    origin: at(root), existingVpc: Boolean(child(child(root, 'vpc'), 'subnets') ?? child(child(root, 'vpc'), 'id')),
    nodeGroups: [], serviceAccounts: [], podIdentityAssociations: [], fargateProfiles: [], accessEntries: [],
  };
  const name = located(child(metadata, 'name'));
  if (name) cluster.name = name;
  const region = located(child(metadata, 'region'));
  if (region) cluster.region = region;
  const version = located(child(metadata, 'version'));
  if (version) cluster.version = version;
  const serviceRole = located(child(iam, 'serviceRoleARN'));
  if (serviceRole) cluster.serviceRoleARN = serviceRole;
  const withOidc = child(iam, 'withOIDC');
  if (withOidc && truthy(withOidc)) cluster.withOIDC = at(withOidc);
  const autoMode = child(root, 'autoModeConfig');
  keys(autoMode, AUTO_MODE_KEYS, '`autoModeConfig`');
  if (truthy(child(autoMode, 'enabled'))) {
    cluster.autoMode = at(child(autoMode, 'enabled')!);
    const nodeRole = located(child(autoMode, 'nodeRoleARN'));
    if (nodeRole) cluster.autoModeNodeRoleARN = nodeRole;
  }
  const secrets = child(root, 'secretsEncryption');
  keys(secrets, SECRETS_KEYS, '`secretsEncryption`');
  const key = located(child(secrets, 'keyARN'));
  if (key) cluster.secretsEncryptionKeyARN = key;
  const retention = child(child(child(root, 'cloudWatch'), 'clusterLogging'), 'logRetentionInDays');
  if (retention) cluster.logRetention = at(retention);

  for (const [listKey, managed] of [['nodeGroups', false], ['managedNodeGroups', true]] as const) {
    for (const node of asArray(child(root, listKey))) {
      keys(node, NODE_KEYS, `\`${listKey}\` entry`);
      const nodeIam = child(node, 'iam');
      keys(nodeIam, NODE_IAM_KEYS, 'nodegroup `iam`');
      const addons = child(nodeIam, 'withAddonPolicies');
      keys(addons, ADDON_POLICY_KEYS, '`withAddonPolicies`');
      const addonPolicies: Record<string, Origin> = {};
      for (const m of asObject(addons)?.members ?? []) if (truthy(m.value)) addonPolicies[m.key.value] = { file, span: m.span };
      const group: EksctlNodeGroup = { name: text(child(node, 'name')) ?? 'ng', managed, origin: at(node), addonPolicies };
      const role = located(child(nodeIam, 'instanceRoleARN'));
      if (role) group.instanceRoleARN = role;
      const profile = located(child(nodeIam, 'instanceProfileARN'));
      if (profile) group.instanceProfileARN = profile;
      const attach = child(nodeIam, 'attachPolicyARNs');
      if (attach) {
        group.attachPolicyARNs = asArray(attach).map(located).filter((x) => x !== undefined);
        group.attachPolicyARNsSpan = attach.span;
      }
      const family = text(child(node, 'amiFamily'));
      if (family) group.amiFamily = family;
      cluster.nodeGroups.push(group);
    }
  }
  for (const sa of asArray(child(iam, 'serviceAccounts'))) {
    keys(sa, SERVICE_ACCOUNT_KEYS, '`iam.serviceAccounts` entry');
    const meta = child(sa, 'metadata');
    const entry = {
      namespace: text(child(meta, 'namespace')) ?? 'default', name: text(child(meta, 'name')) ?? '', origin: at(sa),
      attachPolicyARNs: asArray(child(sa, 'attachPolicyARNs')).map(text).filter((x) => x !== undefined),
      // eksctl writes `attachPolicy` and `wellKnownPolicies` as inline policies of the role.
      attachPolicy: child(sa, 'attachPolicy') !== undefined || child(sa, 'wellKnownPolicies') !== undefined,
    };
    const roleArn = located(child(sa, 'attachRoleARN'));
    cluster.serviceAccounts.push(roleArn ? { ...entry, attachRoleARN: roleArn } : entry);
  }
  for (const pia of asArray(child(iam, 'podIdentityAssociations'))) {
    keys(pia, POD_IDENTITY_KEYS, '`iam.podIdentityAssociations` entry');
    const entry = { namespace: text(child(pia, 'namespace')) ?? 'default', serviceAccountName: text(child(pia, 'serviceAccountName')) ?? '', origin: at(pia) };
    const roleArn = located(child(pia, 'roleARN'));
    cluster.podIdentityAssociations.push(roleArn ? { ...entry, roleARN: roleArn } : entry);
  }
  const fargateRole = located(child(iam, 'fargatePodExecutionRoleARN'));
  for (const profile of asArray(child(root, 'fargateProfiles'))) {
    keys(profile, FARGATE_KEYS, '`fargateProfiles` entry');
    const roleArn = located(child(profile, 'podExecutionRoleARN')) ?? fargateRole;
    const entry = { name: text(child(profile, 'name')) ?? 'fp', origin: at(profile) };
    cluster.fargateProfiles.push(roleArn ? { ...entry, podExecutionRoleARN: roleArn } : entry);
  }
  const accessConfig = child(root, 'accessConfig');
  for (const entry of asArray(child(accessConfig, 'accessEntries'))) {
    keys(entry, ACCESS_ENTRY_KEYS, '`accessConfig.accessEntries` entry');
    const arn = located(child(entry, 'principalARN'));
    if (arn) cluster.accessEntries.push(arn);
  }
  return { cluster, problems };
}
