import type { EcsServiceDefinition, EcsTaskDefinition, Origin, Requirement } from '../types.js';
import { parseEcrImage } from '../readers/dockerfile.js';
import { arnAccount, passRole, permission, serviceLinkedRole, trust, type RequirementContext, PLACEHOLDER } from './context.js';
import { pullRequirements } from './ecr.js';
import { SOURCES } from './sources.js';

export type EcsOperation = 'register-task-definition' | 'create-service' | 'update-service' | 'run-task';

const at = (file: string, span: Origin['span']): Origin => ({ file, span });

/** A secret's `valueFrom` as the ARN IAM sees: SSM parameter names become parameter ARNs; Secrets Manager JSON-key suffixes are cut. */
export function secretArn(ctx: RequirementContext, valueFrom: string): { service: 'ssm' | 'secretsmanager'; arn: string } {
  if (valueFrom.startsWith('arn:')) {
    const parts = valueFrom.split(':');
    if (parts[2] === 'secretsmanager') return { service: 'secretsmanager', arn: parts.slice(0, 7).join(':') };
    return { service: 'ssm', arn: valueFrom };
  }
  return { service: 'ssm', arn: `arn:${ctx.partition}:ssm:${ctx.region}:${ctx.account}:parameter/${valueFrom.replace(/^\//, '')}` };
}

/** The key is AWS managed (aws/ssm, aws/secretsmanager): no kms:Decrypt needed in IAM. */
function isAwsManagedKey(key: string): boolean {
  return /alias\/aws\//.test(key);
}

/** What the task execution role needs to start the task: image pulls, logs, secrets and their KMS keys. */
export function executionRoleRequirements(ctx: RequirementContext, td: EcsTaskDefinition): Requirement[] {
  const out: Requirement[] = [];
  const file = td.origin.file;
  const role = td.executionRoleArn;
  const fargate = td.requiresCompatibilities.includes('FARGATE');
  const needsRole = td.containers.some((c) => (c.image && parseEcrImage(c.image.value)) || c.awslogs || c.secrets.length || c.repositoryCredentials);
  if (!role) {
    if (needsRole) {
      ctx.problems.push({ ruleId: 'preflight/missing-execution-role', severity: fargate ? 'error' : 'warning', file, span: td.origin.span,
        message: `Task definition${td.family ? ` \`${td.family}\`` : ''} has no \`executionRoleArn\`, but its containers pull from ECR, send logs to CloudWatch or read secrets.`,
        notes: [fargate ? 'Fargate rejects it: "Fargate requires task definition to have execution role ARN to support ECR images."' : 'On EC2 the agent falls back to the instance role, which then needs these permissions.'],
        help: 'Add an execution role (trust ecs-tasks.amazonaws.com, AmazonECSTaskExecutionRolePolicy) as `executionRoleArn`.' });
    }
    return out;
  }
  const label = 'execution role';
  const roleOrigin = at(file, role.span);
  out.push(trust({ type: 'Service', value: 'ecs-tasks.amazonaws.com' }, role.value, label, 'sts:AssumeRole',
    'The ECS agent assumes the execution role to pull images, send logs and read secrets ("ECS was unable to assume the role").', SOURCES.ecsTrust, { origin: roleOrigin }));
  for (const c of td.containers) {
    if (c.image) out.push(...pullRequirements(ctx, role.value, label, c.image.value, at(file, c.image.span), `The agent pulls the image of container \`${c.name}\``));
    if (c.awslogs) {
      const region = c.awslogs.region ?? ctx.region;
      const group = c.awslogs.group ?? `/ecs/${td.family ?? 'task'}`;
      const groupArn = `arn:${ctx.partition}:logs:${region}:${ctx.account}:log-group:${group}`;
      out.push(permission(role.value, label, 'logs:CreateLogStream', `${groupArn}:log-stream:ecs/${c.name}/${PLACEHOLDER.taskId}`, `The awslogs driver of \`${c.name}\` creates a log stream per task.`, SOURCES.ecsAwslogs, { origin: c.awslogs.origin, fixResource: `${groupArn}:log-stream:*` }));
      out.push(permission(role.value, label, 'logs:PutLogEvents', `${groupArn}:log-stream:ecs/${c.name}/${PLACEHOLDER.taskId}`, `The awslogs driver of \`${c.name}\` sends the container's output.`, SOURCES.ecsAwslogs, { origin: c.awslogs.origin, fixResource: `${groupArn}:log-stream:*` }));
      if (c.awslogs.createGroup) {
        out.push(permission(role.value, label, 'logs:CreateLogGroup', `${groupArn}:log-stream:`, '`awslogs-create-group: true` creates the log group at task start; AmazonECSTaskExecutionRolePolicy does not include it.', SOURCES.ecsCreateLogGroup, { origin: c.awslogs.origin, fixResource: `${groupArn}:*` }));
      }
    }
    const secrets = [...c.secrets.map((s) => ({ what: `secret \`${s.name}\``, value: s.valueFrom })), ...(c.repositoryCredentials ? [{ what: 'registry credentials', value: c.repositoryCredentials }] : [])];
    for (const s of secrets) {
      const { service, arn } = secretArn(ctx, s.value.value);
      const origin = at(file, s.value.span);
      out.push(service === 'ssm'
        ? permission(role.value, label, 'ssm:GetParameters', arn, `The agent reads the ${s.what} of \`${c.name}\` from Parameter Store at task start.`, SOURCES.ecsSsmSecrets, { origin })
        : permission(role.value, label, 'secretsmanager:GetSecretValue', arn, `The agent reads the ${s.what} of \`${c.name}\` from Secrets Manager at task start.`, SOURCES.ecsExecutionRole, { origin }));
      const fact = ctx.facts.secrets?.[arn] ?? ctx.facts.secrets?.[s.value.value];
      if (fact?.kmsKeyId && !isAwsManagedKey(fact.kmsKeyId)) {
        out.push(permission(role.value, label, 'kms:Decrypt', fact.kmsKeyId, `The ${s.what} is encrypted with a customer managed key ("Access to KMS is not allowed").`, SOURCES.ecsKmsSecret, { origin }));
      } else if (!fact) {
        ctx.unknowns.push(`the KMS key of ${arn} (facts.secrets): with a customer managed key the execution role also needs kms:Decrypt on it`);
      }
    }
  }
  return out;
}

/** Deployer requirements of an ECS operation, plus the execution role's and the task role's. */
export function ecsRequirements(ctx: RequirementContext, operations: EcsOperation[]): Requirement[] {
  const out: Requirement[] = [];
  const label = 'deployer';
  const deployer = ctx.deployer;
  for (const td of ctx.configs.taskDefinitions) {
    const file = td.origin.file;
    const roles = [td.executionRoleArn, td.taskRoleArn].filter((r) => r !== undefined);
    const registers = operations.includes('register-task-definition');
    if (registers) out.push(permission(deployer, label, 'ecs:RegisterTaskDefinition', '*', 'The deploy registers a new task definition revision (the action has no resource-level permissions).', SOURCES.ecsDeployAction, { origin: td.origin }));
    const verb = registers ? 'RegisterTaskDefinition' : 'RunTask';
    for (const role of roles) {
      out.push(passRole(deployer, label, role.value, 'ecs-tasks.amazonaws.com', `${verb} passes ${role === td.taskRoleArn ? 'the task role' : 'the execution role'}; the caller needs iam:PassRole on both roles.`,
        registers ? SOURCES.ecsPassRole : SOURCES.ecsRunTaskPassRole, at(file, role.span)));
    }
    for (const role of roles) {
      const account = arnAccount(role.value);
      if (account && account !== ctx.account) ctx.unknowns.push(`${role.value} is in account ${account}; ECS needs the roles in the task's account`);
    }
    out.push(...executionRoleRequirements(ctx, td));
    if (td.taskRoleArn) {
      out.push(trust({ type: 'Service', value: 'ecs-tasks.amazonaws.com' }, td.taskRoleArn.value, 'task role', 'sts:AssumeRole',
        'The containers get the task role\'s credentials; ECS assumes it for them.', SOURCES.ecsTaskRole, { origin: at(file, td.taskRoleArn.span) }));
    }
    if (operations.includes('run-task')) {
      const family = td.family ?? 'task';
      out.push(permission(deployer, label, 'ecs:RunTask', `arn:${ctx.partition}:ecs:${ctx.region}:${ctx.account}:task-definition/${family}:${td.revision ?? 1}`, 'The deployer starts the task.', SOURCES.ecsDeployAction, { origin: td.origin }));
      out.push(permission(deployer, label, 'ecs:DescribeTasks', `arn:${ctx.partition}:ecs:${ctx.region}:${ctx.account}:task/${ctx.facts.ecsCluster ?? 'default'}/${PLACEHOLDER.taskId}`, 'The deployer waits for the task.', SOURCES.ecsDeployAction, { origin: td.origin }));
    }
  }
  for (const service of ctx.configs.services) out.push(...serviceRequirements(ctx, service, operations));
  return out;
}

function serviceRequirements(ctx: RequirementContext, service: EcsServiceDefinition, operations: EcsOperation[]): Requirement[] {
  const out: Requirement[] = [];
  const cluster = service.cluster ?? ctx.facts.ecsCluster ?? 'default';
  const serviceArn = `arn:${ctx.partition}:ecs:${ctx.region}:${ctx.account}:service/${cluster}/${service.serviceName}`;
  const origin = service.origin;
  const create = operations.includes('create-service') || !operations.includes('update-service');
  if (create) {
    out.push(permission(ctx.deployer, 'deployer', 'ecs:CreateService', serviceArn, `The deploy creates the service \`${service.serviceName}\`.`, SOURCES.ecsDeployAction, { origin }));
    out.push(...serviceLinkedRole(ctx, 'deployer', 'ecs.amazonaws.com', 'AWSServiceRoleForECS', 'The first service in an account creates the ECS service-linked role ("Unable to assume the service linked role").', SOURCES.ecsSlr, origin));
  }
  if (operations.includes('update-service') || !create) {
    out.push(permission(ctx.deployer, 'deployer', 'ecs:UpdateService', serviceArn, `The deploy updates \`${service.serviceName}\` to the new revision.`, SOURCES.ecsDeployAction, { origin }));
  }
  out.push(permission(ctx.deployer, 'deployer', 'ecs:DescribeServices', serviceArn, 'The deploy waits for the service to become stable.', SOURCES.ecsDeployAction, { origin }));
  if (service.enableExecuteCommand) {
    const td = ctx.configs.taskDefinitions[0];
    if (!td?.taskRoleArn) {
      ctx.problems.push({ ruleId: 'preflight/ecs-exec-without-task-role', severity: 'error', file: service.enableExecuteCommand.file, span: service.enableExecuteCommand.span,
        message: '`enableExecuteCommand` is on, but the task definition has no `taskRoleArn`.', notes: ['ECS Exec opens SSM channels with the task role ("TargetNotConnectedException").'],
        help: 'Add a task role allowing ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel.' });
    } else {
      for (const action of ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel']) {
        out.push(permission(td.taskRoleArn.value, 'task role', action, '*', 'ECS Exec (`enableExecuteCommand`) opens SSM Session Manager channels with the task role.', SOURCES.ecsExec, { origin: service.enableExecuteCommand }));
      }
    }
  }
  return out;
}
