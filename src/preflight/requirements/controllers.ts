import type { Origin, Requirement } from '../types.js';
import { managedPolicyGrants, passRole, permission, type RequirementContext } from './context.js';
import { SOURCES } from './sources.js';

/** eksctl's `autoScalerStatements` (research §1.2); cluster-autoscaler ≥ 1.24 also calls DescribeScalingActivities (kops#14317). */
const CLUSTER_AUTOSCALER_ACTIONS = [
  'autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeAutoScalingInstances', 'autoscaling:DescribeLaunchConfigurations',
  'autoscaling:DescribeScalingActivities', 'autoscaling:DescribeTags', 'autoscaling:SetDesiredCapacity',
  'autoscaling:TerminateInstanceInAutoScalingGroup', 'ec2:DescribeInstanceTypes', 'ec2:DescribeLaunchTemplateVersions',
  'ec2:DescribeImages', 'ec2:GetInstanceTypesFromInstanceRequirements', 'eks:DescribeNodegroup',
];

/** A workload role and the service account it serves. */
export interface WorkloadRole {
  role: string;
  namespace: string;
  serviceAccount: string;
  origin?: Origin;
}

/**
 * The well-known controllers of the research (§1.3), recognized by their service account: what their role must
 * be allowed. Controller policies drift with controller versions; these are the actions the catalog's failures show.
 */
export function controllerRequirements(ctx: RequirementContext, workloads: WorkloadRole[]): Requirement[] {
  const out: Requirement[] = [];
  for (const w of workloads) {
    const extra = w.origin ? { origin: w.origin } : {};
    if (w.serviceAccount === 'cluster-autoscaler') {
      for (const action of CLUSTER_AUTOSCALER_ACTIONS) {
        out.push(permission(w.role, 'cluster-autoscaler role', action, '*', action === 'autoscaling:DescribeScalingActivities'
          ? 'cluster-autoscaler 1.24 and later checks scaling activities ("not authorized to perform: autoscaling:DescribeScalingActivities").'
          : 'cluster-autoscaler discovers and resizes the nodegroups\' Auto Scaling groups (eksctl autoScalerStatements).',
        action === 'autoscaling:DescribeScalingActivities' ? 'https://github.com/kubernetes/kops/issues/14317' : SOURCES.eksctlIamPolicies, extra));
      }
    } else if (w.serviceAccount === 'aws-load-balancer-controller') {
      out.push(permission(w.role, 'aws-load-balancer-controller role', 'elasticloadbalancing:DescribeListenerAttributes', '*',
        'aws-load-balancer-controller v2.9 and later reads listener attributes; older iam_policy.json files lack it.', 'https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/3944', extra));
    } else if (w.serviceAccount === 'ebs-csi-controller-sa') {
      out.push(...managedPolicyGrants(ctx, w.role, 'EBS CSI controller role', 'service-role/AmazonEBSCSIDriverPolicy',
        'The EBS CSI controller creates, attaches and snapshots volumes with its own role, not the node role.', 'https://github.com/kubernetes-sigs/aws-ebs-csi-driver/issues/1033'));
    } else if (w.serviceAccount === 'karpenter') {
      for (const nodeClass of ctx.configs.nodeClasses ?? []) {
        if (!nodeClass.role) continue;
        const nodeRole = nodeClass.role.value.startsWith('arn:') ? nodeClass.role.value : `arn:${ctx.partition}:iam::${ctx.account}:role/${nodeClass.role.value}`;
        out.push(passRole(w.role, 'Karpenter controller role', nodeRole, 'ec2.amazonaws.com',
          `Karpenter passes the node role of EC2NodeClass \`${nodeClass.name}\` to the instances it launches ("not authorized to perform: iam:PassRole on resource: ...KarpenterNodeRole").`,
          'https://github.com/aws/karpenter-provider-aws/issues/5444', { file: nodeClass.origin.file, span: nodeClass.role.span }));
      }
    }
  }
  return out;
}
