import type { Origin, Requirement } from '../types.js';
import { parseEcrImage } from '../readers/dockerfile.js';
import { permission, type RequirementContext } from './context.js';
import { SOURCES } from './sources.js';

export const PUSH_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'];
export const PULL_ACTIONS = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];

function authToken(principal: string, label: string, why: string, origin?: Origin): Requirement {
  return permission(principal, label, 'ecr:GetAuthorizationToken', '*', why, SOURCES.ecrAuthStar, origin ? { origin } : {});
}

/** The pull-through cache rule whose prefix the repository falls under, if any. */
function cacheRule(ctx: RequirementContext, repository: string) {
  return ctx.facts.pullThroughCacheRules?.find((r) => repository === r.ecrRepositoryPrefix || repository.startsWith(`${r.ecrRepositoryPrefix}/`));
}

/**
 * Pulling `image` as `principal`: token on `*`, BatchGetImage + GetDownloadUrlForLayer on the repository (and its
 * repository policy when cross-account), pull-through cache imports. No KMS permission, even for a KMS repository.
 */
export function pullRequirements(ctx: RequirementContext, principal: string, label: string, image: string, origin: Origin, why: string): Requirement[] {
  const ecr = parseEcrImage(image);
  if (!ecr) return [];
  const out: Requirement[] = [authToken(principal, label, '`docker login` to ECR needs an authorization token; the action has no resource-level permissions, so Resource must be `*`.', origin)];
  for (const action of PULL_ACTIONS) {
    out.push(permission(principal, label, action, ecr.repositoryArn, `${why} (${ecr.repository}${ecr.account !== ctx.account ? `, account ${ecr.account}: the repository policy must allow it too` : ''}).`,
      ecr.account !== ctx.account ? SOURCES.ecrCrossAccount : SOURCES.ecrBasePull, { origin }));
  }
  const rule = cacheRule(ctx, ecr.repository);
  if (rule) {
    out.push(permission(principal, label, 'ecr:BatchImportUpstreamImage', ecr.repositoryArn, `\`${ecr.repository}\` is served by the pull-through cache rule \`${rule.ecrRepositoryPrefix}\`; new images and tags are imported as the caller.`, SOURCES.ecrPullThroughImport, { origin }));
    if (!ctx.facts.repositories?.[ecr.repositoryArn]) {
      out.push(permission(principal, label, 'ecr:CreateRepository', ecr.repositoryArn, 'The first pull through the cache creates the repository as the caller.', SOURCES.ecrPullThroughCache, { origin }));
    }
  }
  const repo = ctx.facts.repositories?.[ecr.repositoryArn];
  if (repo?.encryptionType === 'KMS') {
    ctx.notRequired.push({ principal, action: 'kms:Decrypt', resource: repo.kmsKey ?? '(the repository key)',
      why: 'ECR decrypts KMS-encrypted layers through a grant it holds on the key; pulling needs no KMS permission.', source: SOURCES.ecrKms });
  }
  return out;
}

/** Pushing `image` as `principal`: token on `*` and the five push actions on the target repository. */
export function pushRequirements(ctx: RequirementContext, principal: string, label: string, image: string, origin?: Origin): Requirement[] {
  const ecr = parseEcrImage(image);
  if (!ecr) return [];
  const cross = ecr.account !== ctx.account;
  const out: Requirement[] = [authToken(principal, label, '`docker login` to ECR needs an authorization token; the action has no resource-level permissions, so Resource must be `*`.', origin)];
  for (const action of PUSH_ACTIONS) {
    const why = action === 'ecr:BatchCheckLayerAvailability'
      ? 'docker checks which layers exist before uploading (a missing permission shows as "unexpected end of JSON input").'
      : `docker push uploads layers and the manifest to ${ecr.repository}${cross ? ` in account ${ecr.account}; its repository policy must allow the caller too` : ''}.`;
    out.push(permission(principal, label, action, ecr.repositoryArn, why, cross ? SOURCES.ecrCrossAccountPush : action === 'ecr:BatchCheckLayerAvailability' ? SOURCES.ecrBatchCheck : SOURCES.ecrPush, origin ? { origin } : {}));
  }
  const repo = ctx.facts.repositories?.[ecr.repositoryArn];
  if (repo?.encryptionType === 'KMS') {
    ctx.notRequired.push({ principal, action: 'kms:GenerateDataKey', resource: repo.kmsKey ?? '(the repository key)',
      why: 'ECR encrypts pushed layers through its own grant on the key; pushing needs no KMS permission.', source: SOURCES.ecrKms });
  }
  return out;
}

/** ECR/Docker: base images of the Dockerfiles (pulled by the builder) and the push target. */
export function ecrRequirements(ctx: RequirementContext, principal: string, label: string): Requirement[] {
  const out: Requirement[] = [];
  for (const dockerfile of ctx.configs.dockerfiles) {
    for (const base of dockerfile.baseImages) out.push(...pullRequirements(ctx, principal, label, base.image, base.origin, 'The build pulls the base image'));
  }
  if (ctx.facts.pushTarget) {
    if (!parseEcrImage(ctx.facts.pushTarget)) ctx.unknowns.push(`the push target ${ctx.facts.pushTarget} is not a private ECR repository; iamcheck checks ECR only`);
    out.push(...pushRequirements(ctx, principal, label, ctx.facts.pushTarget));
  }
  return out;
}
