import type { Finding } from '../../core/finding.js';
import type { SourceFile } from '../../core/source.js';
import type { Located } from '../../core/span.js';
import type { ValueNode } from '../../policy/tree.js';
import type { GithubWorkflow, WorkflowJob } from '../types.js';
import { asArray, asObject, child, located, problem, text } from './nodes.js';

export const GITHUB_ISSUER_HOST = 'token.actions.githubusercontent.com';

export function isGithubWorkflow(root: ValueNode): boolean {
  return asObject(child(root, 'jobs')) !== undefined && (child(root, 'on') !== undefined || child(root, 'true') !== undefined);
}

function idTokenWrite(permissions: ValueNode | undefined): boolean | undefined {
  if (!permissions) return undefined;
  const all = text(permissions);
  if (all !== undefined) return all === 'write-all';
  return text(child(permissions, 'id-token')) === 'write';
}

/**
 * Reads a GitHub Actions workflow: the events that trigger it, and per job the role assumed through
 * aws-actions/configure-aws-credentials, `id-token: write`, the environment, ECR login and pushes.
 */
export function readGithubWorkflow(root: ValueNode, source: SourceFile): { workflow: GithubWorkflow; problems: Finding[] } {
  const problems: Finding[] = [];
  // YAML 1.1 readers turn `on` into `true`; the yaml package (1.2) keeps it a string, but accept both.
  const on = child(root, 'on') ?? child(root, 'true');
  const events = on?.type === 'string' ? [String(on.value)] : on?.type === 'array' ? on.elements.map(text).filter((x) => x !== undefined)
    : (asObject(on)?.members.map((m) => m.key.value) ?? []);
  const pushBranches = asArray(child(child(on, 'push'), 'branches')).map(text).filter((b): b is string => b !== undefined && !/[*?[\]!]/.test(b));
  const topPermissions = idTokenWrite(child(root, 'permissions'));
  const jobs: WorkflowJob[] = [];
  for (const member of asObject(child(root, 'jobs'))?.members ?? []) {
    const job = member.value;
    const jobPermissions = idTokenWrite(child(job, 'permissions'));
    const entry: WorkflowJob = { id: member.key.value, origin: { file: source.path, span: member.key.span }, idTokenWrite: jobPermissions ?? topPermissions ?? false, pushes: [], ecrLogin: false };
    const environment = child(job, 'environment');
    const envName = located(environment?.type === 'object' ? child(environment, 'name') : environment);
    if (envName) entry.environment = envName;
    for (const step of asArray(child(job, 'steps'))) {
      const uses = text(child(step, 'uses')) ?? '';
      const withNode = child(step, 'with');
      if (uses.startsWith('aws-actions/configure-aws-credentials')) {
        const role = located(child(withNode, 'role-to-assume'));
        if (role) entry.roleToAssume = role;
        const audience = text(child(withNode, 'audience'));
        if (audience) entry.audience = audience;
        const region = text(child(withNode, 'aws-region'));
        if (region) entry.region = region;
      }
      if (uses.startsWith('aws-actions/amazon-ecr-login')) entry.ecrLogin = true;
      const run = child(step, 'run');
      if (run?.type === 'string') {
        const script = String(run.value);
        for (const m of script.matchAll(/docker\s+(?:image\s+)?push\s+(?:--\S+\s+)*([^\s;&|]+)/g)) {
          entry.pushes.push({ value: m[1], span: run.span } satisfies Located<string>);
        }
        if (/\bget-login-password\b|docker\s+login\b.*ecr/.test(script)) entry.ecrLogin = true;
        const kube = /\baws\s+eks\s+update-kubeconfig\b[^\n]*?--name[= ]+([^\s;&|]+)/.exec(script);
        if (kube || /\b(kubectl|helm)\s/.test(script)) entry.kubernetes = { origin: { file: source.path, span: run.span }, ...(kube ? { cluster: kube[1] } : {}) };
      }
    }
    if (entry.roleToAssume && !entry.idTokenWrite) {
      problems.push(problem(source, member.key.span, 'preflight/missing-id-token-permission', 'error',
        `Job \`${entry.id}\` assumes \`${entry.roleToAssume.value}\` with OIDC but has no \`id-token: write\` permission.`,
        'Add `permissions: { id-token: write, contents: read }` to the job or the workflow.',
        ['Without it configure-aws-credentials fails with "Credentials could not be loaded" (configure-aws-credentials#512).']));
    }
    jobs.push(entry);
  }
  return { workflow: { file: source.path, events, pushBranches, jobs }, problems };
}

/**
 * The `sub` claim GitHub puts in the job's OIDC token: environment first, then pull_request, then the ref
 * (GitHub OIDC reference). Undefined when the repository is unknown.
 */
export function githubSubject(repository: string | undefined, job: WorkflowJob, event: string, ref: string | undefined): string | undefined {
  if (!repository) return undefined;
  if (job.environment) return `repo:${repository}:environment:${job.environment.value}`;
  if (event === 'pull_request') return `repo:${repository}:pull_request`;
  return ref ? `repo:${repository}:ref:${ref}` : undefined;
}
