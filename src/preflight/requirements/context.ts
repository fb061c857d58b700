import type { Finding } from '../../core/finding.js';
import type { ContextValue } from '../../engine/types.js';
import type { Facts, NotRequired, Origin, ReadConfigs, Requirement, TrustPrincipal } from '../types.js';

/** What the requirement functions read: the parsed configs, the facts, and where to put what they find. */
export interface RequirementContext {
  configs: ReadConfigs;
  facts: Facts;
  /** Account of the deployer and of the resources the operation creates. */
  account: string;
  region: string;
  partition: string;
  /** ARN of the principal that runs the operation. */
  deployer: string;
  /** The Allow statements' actions and resources of an AWS managed policy (from the catalog); undefined when unknown. */
  managedPolicy(nameOrArn: string): { name: string; arn: string; grants: { action: string; resource: string }[] } | undefined;
  problems: Finding[];
  notRequired: NotRequired[];
  /** Things that cannot be verified without more facts (reported, never guessed). */
  unknowns: string[];
}

export interface PermissionOptions {
  context?: Record<string, ContextValue>;
  fixCondition?: Requirement['fixCondition'];
  origin?: Origin;
  group?: string;
  fixResource?: string;
}

/** `principal` must be allowed `action` on `resource` (its identity policies, boundary, and the resource's policy). */
export function permission(principal: string, label: string, action: string, resource: string, why: string, source: string, options: PermissionOptions = {}): Requirement {
  return { kind: 'permission', principal, label, action, resource, why, source, ...options };
}

/** `caller` must be able to call `action` on the role `roleArn`: checked against the role's trust policy. */
export function trust(caller: TrustPrincipal, roleArn: string, label: string, action: string, why: string, source: string, options: PermissionOptions = {}): Requirement {
  return { kind: 'trust', principal: caller.value, label, action, resource: roleArn, why, source, trustPrincipal: caller, ...options };
}

/** `iam:PassRole` with the `iam:PassedToService` value AWS sends, and the fix scoped to it. */
export function passRole(principal: string, label: string, roleArn: string, service: string, why: string, source: string, origin?: Origin): Requirement {
  return permission(principal, label, 'iam:PassRole', roleArn, why, source, {
    context: { 'iam:PassedToService': service },
    fixCondition: { StringEquals: { 'iam:PassedToService': service } },
    ...(origin ? { origin } : {}),
  });
}

/** `iam:CreateServiceLinkedRole` for `service`, unless the facts say the role exists. */
export function serviceLinkedRole(ctx: RequirementContext, label: string, service: string, roleName: string, why: string, source: string, origin?: Origin): Requirement[] {
  if (ctx.facts.existingServiceLinkedRoles?.some((r) => r === roleName || r.endsWith(`/${roleName}`))) return [];
  if (ctx.facts.existingServiceLinkedRoles === undefined) ctx.unknowns.push(`whether ${roleName} exists (facts.existingServiceLinkedRoles); iamcheck assumed it does not`);
  return [permission(ctx.deployer, label, 'iam:CreateServiceLinkedRole', `arn:${ctx.partition}:iam::${ctx.account}:role/aws-service-role/${service}/${roleName}`, why, source, {
    context: { 'iam:AWSServiceName': service },
    fixCondition: { StringEquals: { 'iam:AWSServiceName': service } },
    ...(origin ? { origin } : {}),
  })];
}

/** One requirement per action (and first resource) an AWS managed policy allows: "the role must be allowed what X grants". */
export function managedPolicyGrants(ctx: RequirementContext, principal: string, label: string, policy: string, why: string, source: string): Requirement[] {
  const found = ctx.managedPolicy(policy);
  if (!found) {
    ctx.unknowns.push(`the contents of the AWS managed policy ${policy} (not in the bundled data)`);
    return [];
  }
  return found.grants.map((g) => permission(principal, label, g.action, g.resource, why, source, { group: found.name }));
}

/**
 * Parts of resource ARNs that AWS or eksctl generate at deploy time (random suffixes, ids). Requests use them as
 * stand-ins; fixes replace them with `*` so the statement covers whatever name is generated.
 */
export const PLACEHOLDER = {
  suffix: 'EXAMPLE1A2B3',
  uuid: '00000000-0000-0000-0000-000000000000',
  taskId: '00000000000000000000000000000000',
  nodegroup: 'ng-1a2b3c4d',
  oidcId: 'EXAMPLED539D4633E53DE1B71EXAMPLE',
} as const;

/** A resource ARN with the generated parts replaced by `*`, for fix statements. */
export function generalizeResource(resource: string): string {
  let out = resource;
  for (const [key, value] of Object.entries(PLACEHOLDER)) out = out.split(value).join(key === 'nodegroup' ? 'ng-*' : '*');
  return out;
}

/** The account of an ARN that has one. */
export function arnAccount(arn: string): string | undefined {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}
