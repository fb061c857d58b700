import type { Origin, Requirement } from '../types.js';
import { permission, type RequirementContext } from './context.js';
import { SOURCES } from './sources.js';

/**
 * A principal that runs kubectl against the cluster: IAM must allow eks:DescribeCluster (kubeconfig), and the
 * cluster must map the principal (access entry or aws-auth), or every call is `Unauthorized`.
 */
export function kubernetesAccessRequirements(ctx: RequirementContext, principal: string, label: string, cluster: string, origin?: Origin): Requirement[] {
  const clusterArn = `arn:${ctx.partition}:eks:${ctx.region}:${ctx.account}:cluster/${cluster}`;
  return [
    permission(principal, label, 'eks:DescribeCluster', clusterArn, '`aws eks update-kubeconfig` reads the cluster endpoint and certificate.', SOURCES.eksUnauthorized, origin ? { origin } : {}),
    { kind: 'mapping', principal, label, action: 'kubernetes:authenticate', resource: clusterArn,
      why: 'Kubernetes only accepts IAM principals named by an access entry or the aws-auth ConfigMap ("You must be logged in to the server (Unauthorized)").',
      source: SOURCES.eksUnauthorized, ...(origin ? { origin } : {}) },
  ];
}

/** The role ARN aws-auth compares: an assumed-role session's role, without the path. */
export function mappingArn(principal: string): string {
  const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(principal);
  if (session) return `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`;
  return principal.replace(/:role\/.*\/([^/]+)$/, ':role/$1');
}
