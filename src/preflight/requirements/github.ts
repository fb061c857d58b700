import { githubSubject, GITHUB_ISSUER_HOST } from '../readers/github-workflow.js';
import type { Requirement, WorkflowJob } from '../types.js';
import { trust, type RequirementContext } from './context.js';
import { SOURCES } from './sources.js';

/** The GitHub OIDC provider ARN of the account that owns the role. */
export function githubProviderArn(partition: string, account: string): string {
  return `arn:${partition}:iam::${account}:oidc-provider/${GITHUB_ISSUER_HOST}`;
}

/**
 * GitHub Actions jobs that assume a role with OIDC: the role's trust policy must let the GitHub provider call
 * sts:AssumeRoleWithWebIdentity with the job's `sub` and `aud` claims.
 */
export function githubOidcRequirements(ctx: RequirementContext): { requirements: Requirement[]; roles: { job: WorkflowJob; role: string }[] } {
  const requirements: Requirement[] = [];
  const roles: { job: WorkflowJob; role: string }[] = [];
  const github = ctx.facts.github ?? {};
  for (const workflow of ctx.configs.workflows) {
    const event = github.event ?? workflow.events.find((e) => e === 'push') ?? workflow.events[0] ?? 'push';
    const ref = github.ref ?? (workflow.pushBranches[0] ? `refs/heads/${workflow.pushBranches[0]}` : undefined);
    for (const job of workflow.jobs) {
      if (!job.roleToAssume) continue;
      const role = job.roleToAssume.value;
      roles.push({ job, role });
      const account = /^arn:[^:]+:iam::(\d{12}):/.exec(role)?.[1] ?? ctx.account;
      const provider = githubProviderArn(ctx.partition, account);
      const origin = { file: workflow.file, span: job.roleToAssume.span };
      if (ctx.facts.oidcProviders && !ctx.facts.oidcProviders.includes(provider)) {
        ctx.problems.push({ ruleId: 'preflight/missing-oidc-provider', severity: 'error', file: workflow.file, span: job.roleToAssume.span,
          message: `Account ${account} has no IAM OIDC provider for https://${GITHUB_ISSUER_HOST}.`,
          notes: ['The job fails with "No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com" (configure-aws-credentials#721).'],
          help: `Create the provider with client id sts.amazonaws.com: \`aws iam create-open-id-connect-provider --url https://${GITHUB_ISSUER_HOST} --client-id-list sts.amazonaws.com\`.` });
      }
      const environment = job.environment?.value ?? github.environment;
      const jobForSub = environment && !job.environment ? { ...job, environment: { value: environment, span: job.origin.span } } : job;
      // Immutable subjects (GitHub changelog 2026-04-23; configure-aws-credentials#1888) name owner and repository by id too.
      const [owner, repo] = (github.repository ?? '').split('/');
      const repository = github.repository && github.ownerId && github.repositoryId ? `${owner}-${github.ownerId}/${repo}-${github.repositoryId}` : github.repository;
      const sub = githubSubject(repository, jobForSub, event, ref);
      if (!sub) {
        ctx.unknowns.push(`the \`sub\` claim of job ${job.id}: give facts.github.repository${ref ? '' : ' and facts.github.ref'}`);
        continue;
      }
      const aud = job.audience ?? 'sts.amazonaws.com';
      requirements.push(trust({ type: 'Federated', value: provider }, role, `CI role (job ${job.id})`, 'sts:AssumeRoleWithWebIdentity',
        `configure-aws-credentials exchanges the job's OIDC token (sub \`${sub}\`) for the role's credentials.`,
        job.environment ? SOURCES.githubEnvironmentSub : SOURCES.githubOidc, {
          context: { [`${GITHUB_ISSUER_HOST}:sub`]: sub, [`${GITHUB_ISSUER_HOST}:aud`]: aud },
          fixCondition: { StringEquals: { [`${GITHUB_ISSUER_HOST}:aud`]: aud, [`${GITHUB_ISSUER_HOST}:sub`]: sub } },
          origin,
        }));
    }
  }
  return { requirements, roles };
}
