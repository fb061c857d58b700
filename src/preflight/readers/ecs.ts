import type { Finding } from '../../core/finding.js';
import type { SourceFile } from '../../core/source.js';
import type { ValueNode } from '../../policy/tree.js';
import type { EcsContainer, EcsServiceDefinition, EcsTaskDefinition } from '../types.js';
import { asArray, asObject, child, located, text, truthy } from './nodes.js';

/** The task definition object: as registered (`register-task-definition --cli-input-json`) or as described (`{"taskDefinition": …}`). */
export function taskDefinitionNode(root: ValueNode): ValueNode | undefined {
  const described = child(root, 'taskDefinition');
  if (asObject(described) && child(described, 'containerDefinitions')) return described;
  return child(root, 'containerDefinitions') ? root : undefined;
}

/** True for a `create-service`/`update-service` input or a `describe-services` output. */
export function serviceNodes(root: ValueNode): ValueNode[] {
  if (child(root, 'serviceName') || (child(root, 'service') && child(root, 'taskDefinition') && !child(root, 'containerDefinitions'))) return [root];
  const services = asArray(child(root, 'services'));
  return services.filter((s) => child(s, 'serviceName'));
}

/** Reads an ECS task definition: roles, images, secrets, awslogs options, registry credentials. */
export function readTaskDefinition(node: ValueNode, source: SourceFile): { taskDefinition: EcsTaskDefinition; problems: Finding[] } {
  const containers: EcsContainer[] = asArray(child(node, 'containerDefinitions')).map((c) => {
    const container: EcsContainer = {
      name: text(child(c, 'name')) ?? '',
      secrets: asArray(child(c, 'secrets')).flatMap((s) => {
        const valueFrom = located(child(s, 'valueFrom'));
        return valueFrom ? [{ name: text(child(s, 'name')) ?? '', valueFrom }] : [];
      }),
    };
    const image = located(child(c, 'image'));
    if (image) container.image = image;
    const log = child(c, 'logConfiguration');
    if (text(child(log, 'logDriver')) === 'awslogs') {
      const options = child(log, 'options');
      const group = text(child(options, 'awslogs-group'));
      const region = text(child(options, 'awslogs-region'));
      container.awslogs = { createGroup: truthy(child(options, 'awslogs-create-group')), origin: { file: source.path, span: log!.span },
        ...(group ? { group } : {}), ...(region ? { region } : {}) };
    }
    const credentials = located(child(child(c, 'repositoryCredentials'), 'credentialsParameter'));
    if (credentials) container.repositoryCredentials = credentials;
    return container;
  });
  const taskDefinition: EcsTaskDefinition = {
    origin: { file: source.path, span: node.span },
    requiresCompatibilities: asArray(child(node, 'requiresCompatibilities')).map(text).filter((x) => x !== undefined),
    containers,
  };
  const family = text(child(node, 'family'));
  if (family) taskDefinition.family = family;
  const revision = child(node, 'revision');
  if (revision?.type === 'number') taskDefinition.revision = revision.value as number;
  const execution = located(child(node, 'executionRoleArn'));
  if (execution) taskDefinition.executionRoleArn = execution;
  const task = located(child(node, 'taskRoleArn'));
  if (task) taskDefinition.taskRoleArn = task;
  return { taskDefinition, problems: [] };
}

/** Reads an ECS service definition (the fields that decide IAM calls). */
export function readServiceDefinition(node: ValueNode, source: SourceFile): EcsServiceDefinition {
  const service: EcsServiceDefinition = {
    origin: { file: source.path, span: node.span },
    serviceName: text(child(node, 'serviceName')) ?? text(child(node, 'service')) ?? '',
  };
  const cluster = text(child(node, 'cluster')) ?? text(child(node, 'clusterArn'));
  if (cluster) service.cluster = cluster.replace(/^arn:[^:]+:ecs:[^:]*:\d*:cluster\//, '');
  const taskDefinition = text(child(node, 'taskDefinition'));
  if (taskDefinition) service.taskDefinition = taskDefinition;
  const exec = child(node, 'enableExecuteCommand');
  if (exec && truthy(exec)) service.enableExecuteCommand = { file: source.path, span: exec.span };
  const launchType = text(child(node, 'launchType'));
  if (launchType) service.launchType = launchType;
  return service;
}
