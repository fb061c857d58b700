// What the risk, principal and statement-comparison rules share (rules/privilege-escalation.ts and its siblings):
// 1. data derived from ../shared/research/lint-checks.md §8 — the 59 privilege-escalation methods with their source,
//    the credentials-exposure and data-exfiltration action lists. Action names are in AWS's case; rules match them
//    case-insensitively; tests check every name against the catalog, so a renamed action fails loudly;
// 2. "unconstrained" grants (every resource, no condition, not denied), as cloudsplaining counts them;
// 3. principal scoping (which conditions narrow a grant to `*` or to another account);
// 4. statement coverage (duplicate, redundant, shadowed statements);
// 5. privilege escalation across all the policies of a principal (for the account model).
// Pure functions over the normalized model; the engine's ARN matcher is passed in (src/lint does not import it).
import type { Located, Span } from '../core/span.js';
import { compileWildcard } from '../core/wildcard.js';
import type { PolicyDocument } from '../policy/documents.js';
import type { NormalizedPolicy, PrincipalValue, Statement } from '../policy/types.js';
import { keySpan } from './rule-helpers.js';

/** Where a privilege-escalation method was described first. */
export type PrivescOrigin = 'rhino' | 'pathfinding';

/** One privilege-escalation method: the actions that together let a principal raise its own permissions. */
export interface PrivescMethod {
  /** cloudsplaining's name of the method. */
  name: string;
  /** Every action must be allowed, unconstrained, for the method to work. */
  actions: readonly string[];
  /** Rhino Security Labs / Bishop Fox (the 21 classic methods, parliament and KICS too), or pathfinding.cloud. */
  origin: PrivescOrigin;
  /** The pathfinding.cloud path id, when it has one. */
  pathfinding?: string;
}

const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';
const PATHFINDING = 'https://pathfinding.cloud';

/** The page that documents a method. */
export function methodSource(method: PrivescMethod): string {
  return method.origin === 'rhino' ? RHINO : method.pathfinding ? `${PATHFINDING} (${method.pathfinding})` : PATHFINDING;
}

function m(name: string, actions: string, origin: PrivescOrigin, pathfinding?: string): PrivescMethod {
  const method: PrivescMethod = { name, actions: actions.split(' '), origin };
  if (pathfinding) method.pathfinding = pathfinding;
  return method;
}

/**
 * The 59 methods of cloudsplaining's `PRIVILEGE_ESCALATION_METHODS` and `PRIVILEGE_ESCALATION_PATHFINDING_PATHS`
 * (snapshot 2026-08-16), in the research table's order. AttachRolePolicy, PutRolePolicy and
 * UpdateAssumeRolePolicy do not also need `sts:AssumeRole` (cloudsplaining issue #580).
 */
export const PRIVILEGE_ESCALATION_METHODS: readonly PrivescMethod[] = [
  m('CreateAccessKey', 'iam:CreateAccessKey', 'rhino', 'iam-002'),
  m('CreateLoginProfile', 'iam:CreateLoginProfile', 'rhino', 'iam-004'),
  m('UpdateLoginProfile', 'iam:UpdateLoginProfile', 'rhino', 'iam-006'),
  m('AddUserToGroup', 'iam:AddUserToGroup', 'rhino', 'iam-013'),
  m('CreateNewPolicyVersion', 'iam:CreatePolicyVersion', 'rhino', 'iam-001'),
  m('SetExistingDefaultPolicyVersion', 'iam:SetDefaultPolicyVersion', 'rhino'),
  m('AttachUserPolicy', 'iam:AttachUserPolicy', 'rhino', 'iam-008'),
  m('AttachGroupPolicy', 'iam:AttachGroupPolicy', 'rhino', 'iam-010'),
  m('AttachRolePolicy', 'iam:AttachRolePolicy', 'rhino', 'iam-009'),
  m('PutUserPolicy', 'iam:PutUserPolicy', 'rhino', 'iam-007'),
  m('PutGroupPolicy', 'iam:PutGroupPolicy', 'rhino', 'iam-011'),
  m('PutRolePolicy', 'iam:PutRolePolicy', 'rhino', 'iam-005'),
  m('UpdateRolePolicyToAssumeIt', 'iam:UpdateAssumeRolePolicy', 'rhino', 'iam-012'),
  m('CreateEC2WithExistingIP', 'iam:PassRole ec2:RunInstances', 'rhino', 'ec2-001'),
  m('PassExistingRoleToNewLambdaThenInvoke', 'iam:PassRole lambda:CreateFunction lambda:InvokeFunction', 'rhino', 'lambda-001'),
  m('PassExistingRoleToNewLambdaThenTriggerWithNewDynamo', 'iam:PassRole lambda:CreateFunction lambda:CreateEventSourceMapping dynamodb:CreateTable dynamodb:PutItem', 'rhino', 'lambda-002'),
  m('PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo', 'iam:PassRole lambda:CreateFunction lambda:CreateEventSourceMapping', 'rhino', 'lambda-002'),
  m('PassExistingRoleToNewGlueDevEndpoint', 'iam:PassRole glue:CreateDevEndpoint', 'rhino', 'glue-001'),
  m('PassExistingRoleToCloudFormation', 'iam:PassRole cloudformation:CreateStack', 'rhino', 'cloudformation-001'),
  m('PassExistingRoleToNewDataPipeline', 'iam:PassRole datapipeline:CreatePipeline', 'rhino', 'datapipeline-001'),
  m('UpdateExistingGlueDevEndpoint', 'glue:UpdateDevEndpoint', 'rhino', 'glue-002'),
  m('EditExistingLambdaFunctionWithRole', 'lambda:UpdateFunctionCode', 'rhino', 'lambda-003'),
  m('AccessExistingBedrockCodeInterpreterSession', 'bedrock-agentcore:StartCodeInterpreterSession bedrock-agentcore:InvokeCodeInterpreter', 'pathfinding', 'bedrock-002'),
  m('ExecuteCloudFormationChangeSet', 'cloudformation:CreateChangeSet cloudformation:ExecuteChangeSet', 'pathfinding', 'cloudformation-005'),
  m('ModifyEC2InstanceUserDataThenRestart', 'ec2:ModifyInstanceAttribute ec2:StopInstances ec2:StartInstances', 'pathfinding', 'ec2-002'),
  m('ModifyExistingEC2LaunchTemplate', 'ec2:CreateLaunchTemplateVersion ec2:ModifyLaunchTemplate', 'pathfinding', 'ec2-004'),
  m('EC2InstanceConnectSendSSHPublicKey', 'ec2-instance-connect:SendSSHPublicKey ec2:DescribeInstances', 'pathfinding', 'ec2instanceconnect-003'),
  m('ECSExecuteCommandOnRunningTask', 'ecs:ExecuteCommand ecs:DescribeTasks', 'pathfinding', 'ecs-006'),
  m('UpdateAndInvokeLambdaFunction', 'lambda:UpdateFunctionCode lambda:InvokeFunction', 'pathfinding', 'lambda-004'),
  m('UpdateLambdaFunctionAndAddPermission', 'lambda:UpdateFunctionCode lambda:AddPermission', 'pathfinding', 'lambda-005'),
  m('CreatePresignedSageMakerNotebookUrl', 'sagemaker:CreatePresignedNotebookInstanceUrl', 'pathfinding', 'sagemaker-004'),
  m('UpdateSageMakerNotebookLifecycleConfig', 'sagemaker:CreateNotebookInstanceLifecycleConfig sagemaker:StopNotebookInstance sagemaker:UpdateNotebookInstance sagemaker:StartNotebookInstance', 'pathfinding', 'sagemaker-005'),
  m('PassExistingRoleToNewAppRunnerService', 'iam:PassRole apprunner:CreateService', 'pathfinding', 'apprunner-001'),
  m('PassExistingRoleToNewBedrockCodeInterpreter', 'iam:PassRole bedrock-agentcore:CreateCodeInterpreter bedrock-agentcore:StartCodeInterpreterSession bedrock-agentcore:InvokeCodeInterpreter', 'pathfinding', 'bedrock-001'),
  m('PassExistingRoleToNewCloudFormationStackSet', 'iam:PassRole cloudformation:CreateStackSet cloudformation:CreateStackInstances', 'pathfinding', 'cloudformation-003'),
  m('PassRoleToUpdateCloudFormationStackSet', 'iam:PassRole cloudformation:UpdateStackSet', 'pathfinding', 'cloudformation-004'),
  m('PassExistingRoleToNewCodeBuildProjectThenBuild', 'iam:PassRole codebuild:CreateProject codebuild:StartBuild', 'pathfinding', 'codebuild-001'),
  m('PassExistingRoleToNewCodeBuildProjectThenBuildBatch', 'iam:PassRole codebuild:CreateProject codebuild:StartBuildBatch', 'pathfinding', 'codebuild-004'),
  m('PassExistingRoleToNewEC2SpotInstance', 'iam:PassRole ec2:RequestSpotInstances', 'pathfinding', 'ec2-003'),
  m('PassExistingRoleToNewECSClusterServiceTask', 'iam:PassRole ecs:CreateCluster ecs:RegisterTaskDefinition ecs:CreateService', 'pathfinding', 'ecs-001'),
  m('PassExistingRoleToNewECSClusterRunTask', 'iam:PassRole ecs:CreateCluster ecs:RegisterTaskDefinition ecs:RunTask', 'pathfinding', 'ecs-002'),
  m('PassExistingRoleToNewECSService', 'iam:PassRole ecs:RegisterTaskDefinition ecs:CreateService', 'pathfinding', 'ecs-003'),
  m('PassExistingRoleToNewECSTaskViaRunTask', 'iam:PassRole ecs:RegisterTaskDefinition ecs:RunTask', 'pathfinding', 'ecs-004'),
  m('PassExistingRoleToNewECSTaskViaStartTask', 'iam:PassRole ecs:RegisterTaskDefinition ecs:StartTask', 'pathfinding', 'ecs-005'),
  m('PassExistingRoleToNewGlueJobThenRun', 'iam:PassRole glue:CreateJob glue:StartJobRun', 'pathfinding', 'glue-003'),
  m('PassExistingRoleToNewGlueJobViaTrigger', 'iam:PassRole glue:CreateJob glue:CreateTrigger', 'pathfinding', 'glue-004'),
  m('PassExistingRoleToUpdatedGlueJobThenRun', 'iam:PassRole glue:UpdateJob glue:StartJobRun', 'pathfinding', 'glue-005'),
  m('PassExistingRoleToUpdatedGlueJobViaTrigger', 'iam:PassRole glue:UpdateJob glue:CreateTrigger', 'pathfinding', 'glue-006'),
  m('PassExistingRoleToNewLambdaThenAddPermission', 'iam:PassRole lambda:CreateFunction lambda:AddPermission', 'pathfinding', 'lambda-006'),
  m('PassExistingRoleToNewSageMakerNotebookInstance', 'iam:PassRole sagemaker:CreateNotebookInstance', 'pathfinding', 'sagemaker-001'),
  m('PassExistingRoleToNewSageMakerTrainingJob', 'iam:PassRole sagemaker:CreateTrainingJob', 'pathfinding', 'sagemaker-002'),
  m('PassExistingRoleToNewSageMakerProcessingJob', 'iam:PassRole sagemaker:CreateProcessingJob', 'pathfinding', 'sagemaker-003'),
  m('CreateAndRotateAccessKey', 'iam:CreateAccessKey iam:DeleteAccessKey', 'pathfinding', 'iam-003'),
  m('AttachUserPolicyThenCreateAccessKey', 'iam:AttachUserPolicy iam:CreateAccessKey', 'pathfinding', 'iam-015'),
  m('CreatePolicyVersionThenAssumeRole', 'iam:CreatePolicyVersion sts:AssumeRole', 'pathfinding', 'iam-016'),
  m('PutUserPolicyThenCreateAccessKey', 'iam:PutUserPolicy iam:CreateAccessKey', 'pathfinding', 'iam-018'),
  m('AttachRolePolicyThenUpdateAssumeRolePolicy', 'iam:AttachRolePolicy iam:UpdateAssumeRolePolicy', 'pathfinding', 'iam-019'),
  m('CreatePolicyVersionThenUpdateAssumeRolePolicy', 'iam:CreatePolicyVersion iam:UpdateAssumeRolePolicy', 'pathfinding', 'iam-020'),
  m('PutRolePolicyThenUpdateAssumeRolePolicy', 'iam:PutRolePolicy iam:UpdateAssumeRolePolicy', 'pathfinding', 'iam-021'),
];

/**
 * Actions whose response carries credentials or tokens (cloudsplaining `ACTIONS_THAT_RETURN_CREDENTIALS`, parliament's
 * credentials-exposure auditor), validated against the catalog (cloudsplaining's misspelled `gamelist:*` entries are
 * the `gamelift:*` actions here). `ecr:GetAuthorizationToken` and others without resource-level permissions are kept
 * in the list but never reported on `*`: they cannot be scoped (checkov issues #988, #1815).
 */
export const CREDENTIALS_EXPOSURE_ACTIONS: readonly string[] = [
  'chime:CreateApiKey',
  'codeartifact:GetAuthorizationToken',
  'codepipeline:PollForJobs',
  'cognito-identity:GetCredentialsForIdentity',
  'cognito-identity:GetOpenIdToken',
  'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
  'connect:GetFederationToken',
  'ec2:GetPasswordData',
  'ecr:GetAuthorizationToken',
  'ecr-public:GetAuthorizationToken',
  'gamelift:GetComputeAccess',
  'gamelift:GetComputeAuthToken',
  'gamelift:GetInstanceAccess',
  'gamelift:RequestUploadCredentials',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'iam:UpdateAccessKey',
  'iam:UpdateLoginProfile',
  'lightsail:GetInstanceAccessDetails',
  'lightsail:GetRelationalDatabaseMasterUserPassword',
  'mediapackage:RotateChannelCredentials',
  'mediapackage:RotateIngestEndpointCredentials',
  'rds-db:connect',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:GetFederationToken',
  'sts:GetSessionToken',
];

/**
 * Reads of high-value data (cloudsplaining's DataExfiltration defaults: `s3:GetObject`, `ssm:GetParameter*`,
 * `secretsmanager:GetSecretValue`; the RDS snapshot copies of its default exclusions file; and `kms:Decrypt`, which
 * turns any ciphertext the principal can read into data).
 */
export const DATA_EXFILTRATION_ACTIONS: readonly string[] = [
  's3:GetObject',
  's3:GetObjectVersion',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'secretsmanager:GetSecretValue',
  'kms:Decrypt',
  'rds:CopyDBSnapshot',
  'rds:CreateDBSnapshot',
];

// ---------------------------------------------------------------------------------------------------------------
// Unconstrained grants: what the risk-category rules count as "allowed on every resource without a condition".


/** Where an action is granted: the statement and the element that grants it (an Action entry or `NotAction`). */
export interface Grant {
  statement: Statement;
  /** The Action entry as written, or `NotAction` when the statement grants it by not excluding it. */
  via: string;
  span: Span;
}

/**
 * True when a Resource value names every resource an action can touch: `*`, or an ARN pattern whose region,
 * account and resource parts are all wildcards (`arn:aws:iam::*:*`, `arn:aws:s3:::*`).
 */
export function isEveryResource(resource: string): boolean {
  if (resource === '*') return true;
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  const rest = parts.slice(5).join(':');
  return ['', '*'].includes(parts[3]) && ['', '*'].includes(parts[4]) && rest === '*';
}

const matchers = new Map<string, ReturnType<typeof compileWildcard>>();
/** Case-insensitive IAM action match, with compiled patterns cached (policies repeat the same few). */
export function actionMatches(pattern: string, action: string): boolean {
  let matcher = matchers.get(pattern);
  if (!matcher) {
    if (matchers.size > 10_000) matchers.clear();
    matcher = compileWildcard(pattern, true);
    matchers.set(pattern, matcher);
  }
  return matcher.matches(action);
}

/** Action entries of a list by lower-case service prefix; entries whose prefix has a wildcard go under `*`. */
type ServiceIndex = Map<string, Located<string>[]>;
const serviceIndexes = new WeakMap<Located<string>[], ServiceIndex>();

/** The lower-case service prefix of an action or pattern, or `*` when the prefix itself has a wildcard. */
export function servicePrefix(action: string): string {
  const colon = action.indexOf(':');
  const prefix = colon < 0 ? action : action.slice(0, colon);
  return colon < 0 || /[*?]/.test(prefix) ? '*' : prefix.toLowerCase();
}

/** Indexes a list of actions by service once, so lookups only match the patterns that can apply. */
function indexByService(list: Located<string>[]): ServiceIndex {
  let index = serviceIndexes.get(list);
  if (!index) {
    index = new Map();
    for (const a of list) {
      const key = servicePrefix(a.value);
      const bucket = index.get(key);
      if (bucket) bucket.push(a);
      else index.set(key, [a]);
    }
    serviceIndexes.set(list, index);
  }
  return index;
}

/** The first entry of an action list (in document order) that matches `action`. */
export function firstMatchingEntry(list: Located<string>[], action: string): Located<string> | undefined {
  const index = indexByService(list);
  const own = index.get(servicePrefix(action)) ?? [];
  const wild = index.get('*') ?? [];
  let found: Located<string> | undefined;
  for (const a of own) if (actionMatches(a.value, action)) { found = a; break; }
  for (const a of wild) {
    if (found && a.span.start.offset > found.span.start.offset) break;
    if (actionMatches(a.value, action)) { found = a; break; }
  }
  return found;
}

/** The element of a statement that covers `action`, or undefined (Action patterns, or a NotAction that lets it through). */
export function grantingElement(document: PolicyDocument | undefined, statement: Statement, action: string): Grant | undefined {
  if (statement.notActions) {
    if (firstMatchingEntry(statement.notActions, action)) return undefined;
    return { statement, via: 'NotAction', span: document ? keySpan(document, statement, 'NotAction') : statement.span };
  }
  const a = statement.actions ? firstMatchingEntry(statement.actions, action) : undefined;
  return a ? { statement, via: a.value, span: a.span } : undefined;
}

/** An Allow statement that applies to every resource (Resource `*` or `NotResource`) and has no Condition. */
export function isUnconstrainedAllow(statement: Statement): boolean {
  if (statement.effect.value !== 'Allow' || statement.conditions.length > 0) return false;
  if (statement.notResources) return true;
  return (statement.resources ?? []).some((r) => isEveryResource(r.value));
}

/** A Deny statement that denies its actions on every resource, always (no Condition, no NotResource). */
export function isUnconditionalDenyEverywhere(statement: Statement): boolean {
  if (statement.effect.value !== 'Deny' || statement.conditions.length > 0 || statement.notResources) return false;
  return (statement.resources ?? []).some((r) => isEveryResource(r.value));
}

/** Whether an unconditional Deny of the policy removes `action` on every resource. */
export function isDeniedEverywhere(document: PolicyDocument, policy: NormalizedPolicy, action: string): boolean {
  return policy.statements.some((s) => isUnconditionalDenyEverywhere(s) && grantingElement(document, s, action) !== undefined);
}

/**
 * For each action (any case), the first element of an unconstrained Allow that grants it, unless an unconditional
 * Deny takes it away. Keys are lower-case action ids.
 */
export function unconstrainedGrants(document: PolicyDocument, policy: NormalizedPolicy, actions: Iterable<string>): Map<string, Grant> {
  const out = new Map<string, Grant>();
  const allows = policy.statements.filter(isUnconstrainedAllow);
  if (allows.length === 0) return out;
  for (const action of actions) {
    const lower = action.toLowerCase();
    if (out.has(lower)) continue;
    for (const statement of allows) {
      const grant = grantingElement(document, statement, action);
      if (!grant) continue;
      if (!isDeniedEverywhere(document, policy, action)) out.set(lower, grant);
      break;
    }
  }
  return out;
}

/** Sensitive actions grouped by the element that grants them unconstrained, in document order. */
export interface GrantGroup {
  grant: Grant;
  actions: string[];
}

/**
 * Groups the unconstrained grants of `actions` by granting element, leaving out actions without resource-level
 * permissions: their Resource must be `*`, so a `*` there is no finding (checkov #1173, cloudsplaining #190).
 */
export function groupScopableGrants(grants: Map<string, Grant>, actions: readonly string[], supportsResourceLevelPermissions: (id: string) => boolean): GrantGroup[] {
  const groups = new Map<number, GrantGroup>();
  for (const action of actions) {
    const grant = grants.get(action.toLowerCase());
    if (!grant || !supportsResourceLevelPermissions(action)) continue;
    const key = grant.span.start.offset;
    const group = groups.get(key);
    if (group) group.actions.push(action);
    else groups.set(key, { grant, actions: [action] });
  }
  return [...groups.values()].sort((a, b) => a.grant.span.start.offset - b.grant.span.start.offset);
}

/** `a`, `b` and 3 more: a list for messages, cut after `max` items. */
export function listForMessage(items: readonly string[], max = 4): string {
  const shown = items.slice(0, max).map((i) => `\`${i}\``);
  const more = items.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

// ---------------------------------------------------------------------------------------------------------------
// Principal scoping: which conditions narrow who can use a grant to "*" or to another account.

/**
 * Condition keys that tie a request to known accounts, organizations, networks or resources. A positive test on
 * one of them (not negated, not `IfExists`, no set qualifier, a value that is more than wildcards) narrows a grant
 * to `"Principal": "*"` to those callers.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
export const PERIMETER_KEYS: readonly string[] = [
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:PrincipalServiceName',
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:SourceOwner',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:SourceIp',
  'aws:VpcSourceIp',
  'aws:userid',
  'aws:username',
  'kms:CallerAccount',
  's3:DataAccessPointAccount',
  's3:DataAccessPointArn',
];

const NEGATED = /not|^null$/i;

/**
 * True when a perimeter value narrows nothing: only wildcards and generic tokens (`*`, `o-*`, `vpce-*`), an ARN
 * whose account (or, for account-less ARNs such as S3, whose resource) is only wildcards, or an IP range of the
 * whole internet (`0.0.0.0/0`, `::/0`).
 */
export function isMeaninglessValue(value: string): boolean {
  if (value === '0.0.0.0/0' || value === '::/0') return true;
  const parts = value.split(':');
  if (parts.length >= 6 && parts[0] === 'arn') {
    const account = parts[4];
    const resource = parts.slice(5).join(':');
    const wild = (t: string) => t.length > 0 && /^[*?]+$/.test(t);
    return account === '' ? wild(resource) : wild(account);
  }
  return value.replace(/[*?]/g, '').replace(/^(arn|aws|o-|ou-|r-|vpce-|vpc-|:|\/)+/g, '').replace(/[:/-]/g, '') === '';
}

/** The condition entries of a statement that positively restrict one of `keys` to meaningful values. */
export function restrictingConditions(statement: Statement, keys: readonly string[]): Statement['conditions'] {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  return statement.conditions.filter((c) => {
    const operator = c.operator.value;
    if (operator.includes(':') || /ifexists$/i.test(operator) || NEGATED.test(operator)) return false;
    if (!wanted.has(c.key.value.toLowerCase())) return false;
    return c.values.length > 0 && c.values.every((v) => !isMeaninglessValue(v.value));
  });
}

/** Perimeter conditions of a statement that only compare with wildcards (they look like a restriction but are not). */
export function meaninglessConditions(statement: Statement, keys: readonly string[]): Statement['conditions'] {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  return statement.conditions.filter((c) => wanted.has(c.key.value.toLowerCase()) && c.values.length > 0 && c.values.every((v) => isMeaninglessValue(v.value)));
}

/** The 12-digit account of an AWS principal (`111122223333`, `arn:aws:iam::111122223333:role/x`), if it names one. */
export function principalAccount(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const parts = value.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

/** Accounts the document names as its own: the account part of its Resource ARNs and Federated provider ARNs. */
export function documentAccounts(policy: NormalizedPolicy): Set<string> {
  const out = new Set<string>();
  for (const s of policy.statements) {
    for (const r of [...(s.resources ?? []), ...(s.notResources ?? [])]) {
      const account = principalAccount(r.value);
      if (account) out.add(account);
    }
    for (const p of s.principals ?? []) {
      if (p.type !== 'Federated') continue;
      const account = principalAccount(p.value);
      if (account) out.add(account);
    }
  }
  return out;
}

/** `"Principal": "*"`, `{"AWS": "*"}` (anyone) or `{"Service": "*"}` (any AWS service). */
export function isWildcardPrincipal(p: PrincipalValue): boolean {
  return p.value === '*' && (p.type === '*' || p.type === 'AWS' || p.type === 'Service' || p.type === 'CanonicalUser');
}

// ---------------------------------------------------------------------------------------------------------------
// Statement coverage: whether one statement's grant contains another's (duplicate, redundant, shadowed rules).


/**
 * True when every text the pattern `narrow` matches is also matched by `wide`. Exact for `wide` without `?`
 * (its `*` then absorbs `narrow`'s own wildcards); otherwise only an identical pattern counts (conservative).
 */
export function actionPatternCovers(wide: string, narrow: string): boolean {
  if (wide === '*') return true;
  if (wide.includes('?')) return wide.toLowerCase() === narrow.toLowerCase();
  return actionMatches(wide, narrow);
}

/** Matches an ARN pattern against an ARN; rules pass the engine's `matchArn` (src/lint does not import the engine). */
export type ArnMatcher = (pattern: string, arn: string) => boolean;

/** The same for Resource ARNs (case-sensitive, part by part, as the engine matches them). */
export function resourcePatternCovers(wide: string, narrow: string, matchArn: ArnMatcher): boolean {
  if (wide === '*') return true;
  if (narrow === '*') return false;
  if (wide.includes('?')) return wide === narrow;
  return matchArn(wide, narrow);
}

/** A canonical text of a condition entry (operator and key case-insensitive, values as a set). */
export function conditionSignature(c: Statement['conditions'][number]): string {
  return `${c.operator.value.toLowerCase()}|${c.key.value.toLowerCase()}|${c.values.map((v) => v.value).sort().join('\u0000')}`;
}

/** A canonical text of a statement without its Sid: two statements with the same signature grant the same. */
export function statementSignature(s: Statement): string {
  const list = (values: { value: string }[] | undefined, lower: boolean) => (values ? [...new Set(values.map((v) => (lower ? v.value.toLowerCase() : v.value)))].sort() : null);
  const principals = (values: PrincipalValue[] | undefined) => (values ? [...new Set(values.map((p) => `${p.type}:${p.value}`))].sort() : null);
  return JSON.stringify([
    s.effect.value,
    list(s.actions, true),
    list(s.notActions, true),
    list(s.resources, false),
    list(s.notResources, false),
    principals(s.principals),
    principals(s.notPrincipals),
    [...new Set(s.conditions.map(conditionSignature))].sort(),
  ]);
}

function principalCovers(wide: PrincipalValue[] | undefined, narrow: PrincipalValue[] | undefined): boolean {
  if (!wide && !narrow) return true;
  if (!wide || !narrow) return false;
  if (wide.some((p) => p.value === '*' && (p.type === '*' || p.type === 'AWS'))) return true;
  const keys = new Set(wide.map((p) => `${p.type}:${p.value}`));
  return narrow.every((p) => keys.has(`${p.type}:${p.value}`));
}

/**
 * Whether statement `wide` applies to every request `narrow` applies to: its actions, resources and principals
 * contain `narrow`'s, and its conditions are a subset of `narrow`'s. Statements with NotAction, NotResource or
 * NotPrincipal are never compared (false).
 */
export function statementCovers(wide: Statement, narrow: Statement, matchArn: ArnMatcher): boolean {
  if (!wide.actions || !narrow.actions || wide.notResources || narrow.notResources || wide.notPrincipals || narrow.notPrincipals) return false;
  if (!!wide.resources !== !!narrow.resources || !principalCovers(wide.principals, narrow.principals)) return false;
  if (wide.conditions.length > 0) {
    const conditions = new Set(narrow.conditions.map(conditionSignature));
    if (!wide.conditions.every((c) => conditions.has(conditionSignature(c)))) return false;
  }
  const index = indexByService(wide.actions);
  const wild = index.get('*') ?? [];
  const covered = (a: string) => wild.some((b) => actionPatternCovers(b.value, a)) || (index.get(servicePrefix(a)) ?? []).some((b) => actionPatternCovers(b.value, a));
  if (!narrow.actions.every((a) => covered(a.value))) return false;
  return !narrow.resources || narrow.resources.every((r) => wide.resources!.some((b) => resourcePatternCovers(b.value, r.value, matchArn)));
}

/** Wraps an ARN matcher with a memo, for rules that compare the same patterns many times within one document. */
export function memoizeArnMatcher(match: ArnMatcher): ArnMatcher {
  const memo = new Map<string, boolean>();
  return (pattern, arn) => {
    const key = `${pattern}\u0000${arn}`;
    let result = memo.get(key);
    if (result === undefined) {
      result = match(pattern, arn);
      memo.set(key, result);
    }
    return result;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Privilege escalation across all the policies of a principal (account model): cloudsplaining #188.

/** One action of a method and where the principal gets it. */
export interface PolicyGrant {
  action: string;
  /** The policy that grants it. */
  policy: NormalizedPolicy;
  grant: Grant;
}

/** A method a principal can use, with the grant of each of its actions. */
export interface PrincipalEscalation {
  method: PrivescMethod;
  grants: PolicyGrant[];
  /** True when no single policy grants the whole method (what a per-document lint cannot see). */
  crossPolicy: boolean;
}

/**
 * The privilege-escalation methods open to a principal that carries `policies` (its inline, managed and group
 * policies): every action of a method allowed unconstrained by some policy, and not denied everywhere by any
 * of them. With a permissions boundary, an action also needs an unconstrained Allow in the boundary and no
 * unconditional Deny there.
 */
export function findPrivilegeEscalation(policies: readonly NormalizedPolicy[], options: { boundary?: NormalizedPolicy } = {}): PrincipalEscalation[] {
  const denies = policies.flatMap((p) => p.statements.filter(isUnconditionalDenyEverywhere));
  const allows = policies.flatMap((p) => p.statements.filter(isUnconstrainedAllow).map((statement) => ({ policy: p, statement })));
  const boundary = options.boundary;
  const cache = new Map<string, PolicyGrant | null>();
  const grantOf = (action: string): PolicyGrant | undefined => {
    const lower = action.toLowerCase();
    const known = cache.get(lower);
    if (known !== undefined) return known ?? undefined;
    let found: PolicyGrant | undefined;
    const denied = denies.some((d) => grantingElement(undefined, d, action)) ||
      (boundary !== undefined &&
        (boundary.statements.some((d) => isUnconditionalDenyEverywhere(d) && grantingElement(undefined, d, action)) ||
          !boundary.statements.some((a) => isUnconstrainedAllow(a) && grantingElement(undefined, a, action))));
    if (!denied) {
      for (const { policy, statement } of allows) {
        const grant = grantingElement(undefined, statement, action);
        if (grant) {
          found = { action, policy, grant };
          break;
        }
      }
    }
    cache.set(lower, found ?? null);
    return found;
  };
  const out: PrincipalEscalation[] = [];
  for (const method of PRIVILEGE_ESCALATION_METHODS) {
    const grants = method.actions.map(grantOf);
    if (grants.some((g) => g === undefined)) continue;
    const sources = new Set(grants.map((g) => g!.policy));
    out.push({ method, grants: grants as PolicyGrant[], crossPolicy: sources.size > 1 });
  }
  return out;
}
