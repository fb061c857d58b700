import type { Finding } from '../../core/finding.js';
import { spanAt, type SourceFile } from '../../core/source.js';
import { parseSource } from '../../policy/read.js';
import type { ValueNode } from '../../policy/tree.js';
import type { ReadConfigs } from '../types.js';
import { readDockerfile } from './dockerfile.js';
import { readServiceDefinition, readTaskDefinition, serviceNodes, taskDefinitionNode } from './ecs.js';
import { readEksctlFlags } from './eksctl-flags.js';
import { isEksctlConfig, readEksctlYaml } from './eksctl-yaml.js';
import { isGithubWorkflow, readGithubWorkflow } from './github-workflow.js';
import { parseYamlDocuments, readAccessEntries, readAwsAuth, readServiceAccount } from './kubernetes.js';
import { child, located, problem, text } from './nodes.js';

/** The config formats a preflight file's `configs[].format` may name. */
export const CONFIG_FORMATS = ['eksctl-flags', 'eksctl-yaml', 'ecs-taskdef-json', 'ecs-service-json', 'dockerfile',
  'k8s-serviceaccount-yaml', 'aws-auth-yaml', 'access-entries-json', 'github-workflow-yaml'] as const;
export type ConfigFormat = (typeof CONFIG_FORMATS)[number];

/** An empty set of read configs, for `readConfig` to fill. */
export function emptyConfigs(): ReadConfigs {
  return { taskDefinitions: [], services: [], dockerfiles: [], serviceAccounts: [], workflows: [], problems: [] };
}

/** Dockerfile and eksctl command lines are recognized by their text; everything else by its parsed shape. */
function detectTextFormat(source: SourceFile): ConfigFormat | undefined {
  const base = source.path.split(/[\\/]/).pop() ?? '';
  if (/^(Dockerfile|Containerfile)(\..*)?$|\.dockerfile$/i.test(base)) return 'dockerfile';
  const first = source.text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#')) ?? '';
  if (/^(\$\s+)?(\S*\/)?eksctl\s/.test(first)) return 'eksctl-flags';
  if (/^(FROM|ARG)\s/i.test(first) && /^FROM\s/im.test(source.text)) return 'dockerfile';
  return undefined;
}

function readTree(root: ValueNode, source: SourceFile, into: ReadConfigs, format: ConfigFormat | undefined): boolean {
  const kind = text(child(root, 'kind'));
  if (format === 'eksctl-yaml' || (!format && isEksctlConfig(root))) {
    const { cluster, problems } = readEksctlYaml(root, source);
    into.eksctl = cluster;
    into.problems.push(...problems);
    return true;
  }
  const taskDef = taskDefinitionNode(root);
  if (taskDef && (!format || format === 'ecs-taskdef-json')) {
    const { taskDefinition, problems } = readTaskDefinition(taskDef, source);
    into.taskDefinitions.push(taskDefinition);
    into.problems.push(...problems);
    return true;
  }
  const services = serviceNodes(root);
  if (services.length && (!format || format === 'ecs-service-json')) {
    into.services.push(...services.map((s) => readServiceDefinition(s, source)));
    return true;
  }
  if (kind === 'ServiceAccount' && (!format || format === 'k8s-serviceaccount-yaml')) {
    const { serviceAccount, problems } = readServiceAccount(root, source);
    into.serviceAccounts.push(serviceAccount);
    into.problems.push(...problems);
    return true;
  }
  if (kind === 'EC2NodeClass') {
    const role = located(child(child(root, 'spec'), 'role'));
    into.nodeClasses = [...(into.nodeClasses ?? []), { name: text(child(child(root, 'metadata'), 'name')) ?? '', origin: { file: source.path, span: root.span }, ...(role ? { role } : {}) }];
    return true;
  }
  if (kind === 'ConfigMap' && text(child(child(root, 'metadata'), 'name')) === 'aws-auth') {
    const { mappings, problems } = readAwsAuth(root, source);
    into.awsAuth = [...(into.awsAuth ?? []), ...mappings];
    into.problems.push(...problems);
    return true;
  }
  if (format === 'github-workflow-yaml' || (!format && isGithubWorkflow(root))) {
    const { workflow, problems } = readGithubWorkflow(root, source);
    into.workflows.push(workflow);
    into.problems.push(...problems);
    return true;
  }
  if (format === 'access-entries-json' || (!format && (root.type === 'array' || child(root, 'accessEntries') || child(root, 'accessEntry')))) {
    into.accessEntries = [...(into.accessEntries ?? []), ...readAccessEntries(root)];
    return true;
  }
  return kind === 'List' || kind === 'Namespace' || kind === 'Deployment' || kind === 'Service' || kind === 'Pod';
}

/**
 * Reads one config file into `into`, detecting its format unless given. A file whose format cannot be told is a
 * problem at its first line, never silently skipped.
 */
export function readConfig(source: SourceFile, into: ReadConfigs, format?: ConfigFormat): void {
  const textFormat = format === 'dockerfile' || format === 'eksctl-flags' ? format : format ? undefined : detectTextFormat(source);
  if (textFormat === 'dockerfile') {
    const { dockerfile, problems } = readDockerfile(source);
    into.dockerfiles.push(dockerfile);
    into.problems.push(...problems);
    return;
  }
  if (textFormat === 'eksctl-flags') {
    const { cluster, problems } = readEksctlFlags(source);
    if (cluster) into.eksctl = cluster;
    into.problems.push(...problems);
    return;
  }
  const isJson = /^\s*[{[]/.test(source.text);
  const documents = isJson ? (() => {
    const parsed = parseSource(source, 'json');
    return { roots: parsed.root ? [parsed.root] : [], problems: parsed.findings };
  })() : parseYamlDocuments(source);
  into.problems.push(...documents.problems);
  if (documents.problems.some((p) => p.fatal)) return;
  let understood = false;
  for (const root of documents.roots) {
    if (text(child(root, 'kind')) === 'List') for (const item of (child(root, 'items')?.type === 'array' ? (child(root, 'items') as { elements: ValueNode[] }).elements : [])) understood = readTree(item, source, into, format) || understood;
    else understood = readTree(root, source, into, format) || understood;
  }
  if (!understood) {
    into.problems.push(unknownFormat(source));
  }
}

function unknownFormat(source: SourceFile): Finding {
  return problem(source, spanAt(source, 0, Math.min(source.text.length, source.text.indexOf('\n') < 0 ? source.text.length : source.text.indexOf('\n'))),
    'preflight/unknown-config', 'error', 'iamcheck cannot tell what kind of deploy config this is.',
    `Give its format: one of ${CONFIG_FORMATS.join(', ')}.`);
}
