import { describe, expect, it } from 'vitest';
import { authorize, compilePolicySet } from '../../src/engine/index.js';
import type { ContextValue, PolicySet, Request } from '../../src/engine/types.js';
import { parsePolicy } from '../../src/policy/index.js';
import type { PolicyKind } from '../../src/policy/types.js';

type Stmt = Record<string, unknown>;
interface SetSpec {
  identity?: Stmt[][];
  resource?: Stmt[];
  trust?: Stmt[];
  boundary?: Stmt[];
  session?: Stmt[];
  scps?: Stmt[][][];
  rcps?: Stmt[][][];
}

function doc(name: string, kind: PolicyKind, statements: Stmt[]) {
  const parsed = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), { kind, name, path: `${name}.json` });
  return parsed.policy!;
}

function buildSet(spec: SetSpec): PolicySet {
  const set: PolicySet = { identity: (spec.identity ?? []).map((s, i) => doc(`identity${i}`, 'identity', s)) };
  if (spec.resource) set.resource = doc('resource', 'resource', spec.resource);
  if (spec.trust) set.resource = doc('trust', 'trust', spec.trust);
  if (spec.boundary) set.permissionBoundary = doc('boundary', 'boundary', spec.boundary);
  if (spec.session) set.session = doc('session', 'session', spec.session);
  if (spec.scps) set.scps = spec.scps.map((level, l) => level.map((s, i) => doc(`scp${l}-${i}`, 'scp', s)));
  if (spec.rcps) set.rcps = spec.rcps.map((level, l) => level.map((s, i) => doc(`rcp${l}-${i}`, 'rcp', s)));
  return set;
}

const ACCT = '111122223333';
const OTHER = '444455556666';
const ALICE = `arn:aws:iam::${ACCT}:user/alice`;
const ROLE = `arn:aws:iam::${ACCT}:role/app`;
const SESSION = `arn:aws:sts::${ACCT}:assumed-role/app/s1`;
const FED = `arn:aws:sts::${ACCT}:federated-user/bob`;
const ROOT = `arn:aws:iam::${ACCT}:root`;
const OBJ = 'arn:aws:s3:::reports/q3.csv';
const allow = (Sid: string, Action: unknown, Resource: unknown = '*', extra: Stmt = {}): Stmt => ({ Sid, Effect: 'Allow', Action, Resource, ...extra });
const deny = (Sid: string, Action: unknown, Resource: unknown = '*', extra: Stmt = {}): Stmt => ({ Sid, Effect: 'Deny', Action, Resource, ...extra });
const ALL = allow('All', '*');

interface Case {
  name: string;
  /** The AWS page that decides the case. */
  doc: string;
  set: SetSpec;
  request: Partial<Request> & { context?: Record<string, ContextValue> };
  decision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  blockedBy: string | null;
  determining: string[];
}

const EVAL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html';
const CROSS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html';
const BOUNDARY = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html';
const SESSIONS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session';
const SCP = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html';
const RCP = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html';
const TRUST = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html';
const NOTACTION = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html';
const NOTPRINCIPAL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html';
const ROOTUSER = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html';

const cases: Case[] = [
  { name: 'identity Allow', doc: EVAL, set: { identity: [[allow('Read', 's3:GetObject', 'arn:aws:s3:::reports/*')]] }, request: {}, decision: 'allowed', blockedBy: null, determining: ['Read'] },
  { name: 'no policy: implicit deny', doc: EVAL, set: {}, request: {}, decision: 'implicitDeny', blockedBy: 'identity', determining: [] },
  { name: 'explicit Deny beats Allow', doc: EVAL, set: { identity: [[ALL], [deny('NoS3', 's3:*')]] }, request: {}, decision: 'explicitDeny', blockedBy: 'identity', determining: ['NoS3'] },
  { name: 'Allow with NotAction grants other actions', doc: NOTACTION, set: { identity: [[{ Sid: 'NotIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]] }, request: {}, decision: 'allowed', blockedBy: null, determining: ['NotIam'] },
  { name: 'Allow with NotAction does not grant the listed actions', doc: NOTACTION, set: { identity: [[{ Sid: 'NotIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]] }, request: { action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCT}:user/x` }, decision: 'implicitDeny', blockedBy: 'identity', determining: [] },
  { name: 'Deny with NotAction denies everything else', doc: NOTACTION, set: { identity: [[ALL, { Sid: 'OnlyS3', Effect: 'Deny', NotAction: 's3:*', Resource: '*' }]] }, request: { action: 'ec2:RunInstances', resource: '*' }, decision: 'explicitDeny', blockedBy: 'identity', determining: ['OnlyS3'] },
  { name: 'Deny with NotAction leaves listed actions alone', doc: NOTACTION, set: { identity: [[ALL, { Sid: 'OnlyS3', Effect: 'Deny', NotAction: 's3:*', Resource: '*' }]] }, request: {}, decision: 'allowed', blockedBy: null, determining: ['All'] },
  { name: 'NotResource', doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html', set: { identity: [[ALL, { Sid: 'Protect', Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::public/*' }]] }, request: {}, decision: 'explicitDeny', blockedBy: 'identity', determining: ['Protect'] },
  // SCPs: an Allow at every level, root first.
  { name: 'SCP levels all allow', doc: SCP, set: { identity: [[ALL]], scps: [[[allow('RootAll', '*')]], [[allow('AcctS3', 's3:*')]]] }, request: {}, decision: 'allowed', blockedBy: null, determining: ['RootAll', 'AcctS3', 'All'] },
  { name: 'SCP account level lacks an Allow', doc: SCP, set: { identity: [[ALL]], scps: [[[allow('RootAll', '*')]], [[allow('AcctEc2', 'ec2:*')]]] }, request: {}, decision: 'implicitDeny', blockedBy: 'scp', determining: [] },
  { name: 'SCP Deny', doc: SCP, set: { identity: [[ALL]], scps: [[[allow('RootAll', '*'), deny('NoDelete', 's3:Delete*')]]] }, request: { action: 's3:DeleteObject' }, decision: 'explicitDeny', blockedBy: 'scp', determining: ['NoDelete'] },
  { name: 'SCPs do not restrict service-linked roles', doc: SCP, set: { identity: [[ALL]], scps: [[[allow('AcctEc2', 'ec2:*')]]] }, request: { principal: `arn:aws:iam::${ACCT}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk` }, decision: 'allowed', blockedBy: null, determining: ['All'] },
  { name: 'SCPs do not apply to the management account', doc: SCP, set: { identity: [[ALL]], scps: [[[deny('NoS3', 's3:*')]]] }, request: { principalInManagementAccount: true }, decision: 'allowed', blockedBy: null, determining: ['All'] },
  // RCPs: only for services that support them.
  { name: 'RCP Deny for S3', doc: RCP, set: { identity: [[ALL]], rcps: [[[{ Sid: 'RcpAll', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }, { Sid: 'NoOutside', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': OTHER } } }]]] }, request: {}, decision: 'explicitDeny', blockedBy: 'rcp', determining: ['NoOutside'] },
  { name: 'RCPs skip services that do not support them', doc: RCP, set: { identity: [[ALL]], rcps: [[[{ Sid: 'DenyAll', Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }]]] }, request: { action: 'ec2:RunInstances', resource: '*' }, decision: 'allowed', blockedBy: null, determining: ['All'] },
  // Permissions boundaries and session policies intersect with identity policies.
  { name: 'boundary limits identity', doc: BOUNDARY, set: { identity: [[allow('S3', 's3:*')]], boundary: [allow('Reads', 's3:Get*')] }, request: { action: 's3:PutObject' }, decision: 'implicitDeny', blockedBy: 'permissionBoundary', determining: [] },
  { name: 'boundary and identity both allow', doc: BOUNDARY, set: { identity: [[allow('S3', 's3:*')]], boundary: [allow('Reads', 's3:Get*')] }, request: {}, decision: 'allowed', blockedBy: null, determining: ['S3', 'Reads'] },
  { name: 'boundary alone grants nothing', doc: BOUNDARY, set: { boundary: [ALL] }, request: {}, decision: 'implicitDeny', blockedBy: 'identity', determining: [] },
  { name: 'session policy limits a role session', doc: SESSIONS, set: { identity: [[ALL]], session: [allow('OnlyEc2', 'ec2:*')] }, request: { principal: SESSION }, decision: 'implicitDeny', blockedBy: 'session', determining: [] },
  { name: 'GetFederationToken session without session policy has no permissions', doc: SESSIONS, set: { identity: [[ALL]] }, request: { principal: FED }, decision: 'implicitDeny', blockedBy: 'session', determining: [] },
  { name: 'federated user with a session policy', doc: SESSIONS, set: { identity: [[ALL]], session: [allow('S3', 's3:*')] }, request: { principal: FED }, decision: 'allowed', blockedBy: null, determining: ['All', 'S3'] },
  { name: 'resource policy naming the federated user is not limited by the session', doc: SESSIONS, set: { resource: [allow('Fed', 's3:GetObject', OBJ, { Principal: { AWS: FED } })] }, request: { principal: FED }, decision: 'allowed', blockedBy: null, determining: ['Fed'] },
  // Same-account resource-based policies.
  { name: 'same-account bucket policy naming the user needs no identity policy', doc: EVAL, set: { resource: [allow('Alice', 's3:GetObject', OBJ, { Principal: { AWS: ALICE } })] }, request: {}, decision: 'allowed', blockedBy: null, determining: ['Alice'] },
  { name: 'grant to the user ARN is not limited by the boundary', doc: BOUNDARY, set: { resource: [allow('Alice', 's3:GetObject', OBJ, { Principal: { AWS: ALICE } })], boundary: [allow('Ec2', 'ec2:*')] }, request: {}, decision: 'allowed', blockedBy: null, determining: ['Alice'] },
  { name: 'grant to the role ARN is limited by the boundary', doc: BOUNDARY, set: { resource: [allow('App', 's3:GetObject', OBJ, { Principal: { AWS: ROLE } })], boundary: [allow('Ec2', 'ec2:*')] }, request: { principal: SESSION }, decision: 'implicitDeny', blockedBy: 'permissionBoundary', determining: [] },
  { name: 'grant to the role ARN without a boundary', doc: BOUNDARY, set: { resource: [allow('App', 's3:GetObject', OBJ, { Principal: { AWS: ROLE } })] }, request: { principal: SESSION }, decision: 'allowed', blockedBy: null, determining: ['App'] },
  { name: 'grant to the role ARN is limited by the session policy', doc: SESSIONS, set: { resource: [allow('App', 's3:GetObject', OBJ, { Principal: { AWS: ROLE } })], session: [allow('Ec2', 'ec2:*')] }, request: { principal: SESSION }, decision: 'implicitDeny', blockedBy: 'session', determining: [] },
  { name: 'grant to the role session ARN is not limited by boundary or session', doc: SESSIONS, set: { resource: [allow('Sess', 's3:GetObject', OBJ, { Principal: { AWS: SESSION } })], boundary: [allow('Ec2', 'ec2:*')], session: [allow('Ec2', 'ec2:*')] }, request: { principal: SESSION }, decision: 'allowed', blockedBy: null, determining: ['Sess'] },
  { name: 'Principal * with aws:PrincipalArn is not limited by the boundary', doc: EVAL, set: { resource: [allow('ByArn', 's3:GetObject', OBJ, { Principal: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': ROLE } } })], boundary: [allow('Ec2', 'ec2:*')] }, request: { principal: SESSION }, decision: 'allowed', blockedBy: null, determining: ['ByArn'] },
  { name: 'Principal * with ArnNotEquals aws:PrincipalArn is limited by the boundary', doc: EVAL, set: { resource: [allow('NotOthers', 's3:GetObject', OBJ, { Principal: '*', Condition: { ArnNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/other` } } })], boundary: [allow('Ec2', 'ec2:*')] }, request: { principal: SESSION }, decision: 'implicitDeny', blockedBy: 'permissionBoundary', determining: [] },
  { name: 'same-account grant to the account root delegates to identity policies', doc: EVAL, set: { resource: [allow('Acct', 's3:GetObject', OBJ, { Principal: { AWS: ROOT } })] }, request: {}, decision: 'implicitDeny', blockedBy: 'identity', determining: [] },
  { name: 'resource policy Deny with Principal *', doc: EVAL, set: { identity: [[ALL]], resource: [deny('NoHttp', 's3:*', 'arn:aws:s3:::reports/*', { Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] }, request: { context: { 'aws:SecureTransport': 'false' } }, decision: 'explicitDeny', blockedBy: 'resource', determining: ['NoHttp'] },
  // Cross-account: both sides must allow.
  { name: 'cross-account without a resource policy', doc: CROSS, set: { identity: [[ALL]] }, request: { principal: `arn:aws:iam::${OTHER}:user/eve`, resourceAccount: ACCT }, decision: 'implicitDeny', blockedBy: 'resource', determining: [] },
  { name: 'cross-account with both sides', doc: CROSS, set: { identity: [[allow('Mine', 's3:GetObject')]], resource: [allow('Theirs', 's3:GetObject', OBJ, { Principal: { AWS: OTHER } })] }, request: { principal: `arn:aws:iam::${OTHER}:user/eve`, resourceAccount: ACCT }, decision: 'allowed', blockedBy: null, determining: ['Theirs', 'Mine'] },
  { name: 'cross-account resource grant without identity Allow', doc: CROSS, set: { resource: [allow('Theirs', 's3:GetObject', OBJ, { Principal: { AWS: `arn:aws:iam::${OTHER}:user/eve` } })] }, request: { principal: `arn:aws:iam::${OTHER}:user/eve`, resourceAccount: ACCT }, decision: 'implicitDeny', blockedBy: 'identity', determining: [] },
  // Role trust policies for sts:AssumeRole.
  { name: 'same-account trust naming the user needs no identity policy', doc: TRUST, set: { trust: [{ Sid: 'Trust', Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole' }] }, request: { action: 'sts:AssumeRole', resource: ROLE }, decision: 'allowed', blockedBy: null, determining: ['Trust'] },
  { name: 'trust naming the account root needs an identity policy', doc: TRUST, set: { trust: [{ Sid: 'Trust', Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'sts:AssumeRole' }] }, request: { action: 'sts:AssumeRole', resource: ROLE }, decision: 'implicitDeny', blockedBy: 'identity', determining: [] },
  { name: 'trust naming the account root plus identity policy', doc: TRUST, set: { identity: [[allow('Assume', 'sts:AssumeRole', ROLE)]], trust: [{ Sid: 'Trust', Effect: 'Allow', Principal: { AWS: ACCT }, Action: 'sts:AssumeRole' }] }, request: { action: 'sts:AssumeRole', resource: ROLE }, decision: 'allowed', blockedBy: null, determining: ['Assume', 'Trust'] },
  { name: 'a boundary on the caller must allow sts:AssumeRole', doc: BOUNDARY, set: { trust: [{ Sid: 'Trust', Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole' }], boundary: [allow('S3', 's3:*')] }, request: { action: 'sts:AssumeRole', resource: ROLE }, decision: 'implicitDeny', blockedBy: 'permissionBoundary', determining: [] },
  { name: 'identity Allow without trust', doc: TRUST, set: { identity: [[ALL]], trust: [{ Sid: 'Ec2', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, request: { action: 'sts:AssumeRole', resource: ROLE }, decision: 'implicitDeny', blockedBy: 'trust', determining: [] },
  { name: 'a service principal assumes the role by trust alone', doc: TRUST, set: { trust: [{ Sid: 'Ec2', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }], scps: [[[deny('NoSts', 'sts:*')]]] }, request: { principal: 'ec2.amazonaws.com', action: 'sts:AssumeRole', resource: ROLE }, decision: 'allowed', blockedBy: null, determining: ['Ec2'] },
  // A KMS key policy must allow: IAM policies count only when it delegates to the account.
  { name: 'KMS: identity Allow without a key policy grant', doc: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html', set: { identity: [[ALL]], resource: [allow('Admins', 'kms:*', '*', { Principal: { AWS: `arn:aws:iam::${ACCT}:role/admin` } })] }, request: { action: 'kms:Decrypt', resource: `arn:aws:kms:us-east-1:${ACCT}:key/k1` }, decision: 'implicitDeny', blockedBy: 'resource', determining: [] },
  { name: 'KMS: key policy delegating to the account plus identity Allow', doc: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html', set: { identity: [[ALL]], resource: [allow('EnableIam', 'kms:*', '*', { Principal: { AWS: ROOT } })] }, request: { action: 'kms:Decrypt', resource: `arn:aws:kms:us-east-1:${ACCT}:key/k1` }, decision: 'allowed', blockedBy: null, determining: ['All', 'EnableIam'] },
  // Federated (OIDC) and CanonicalUser principals are matched by the name the request carries.
  { name: 'web identity assumes a role through its OIDC provider', doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity', set: { trust: [{ Sid: 'Gh', Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCT}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' } } }] }, request: { principal: `arn:aws:iam::${ACCT}:oidc-provider/token.actions.githubusercontent.com`, action: 'sts:AssumeRoleWithWebIdentity', resource: ROLE, context: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' } }, decision: 'allowed', blockedBy: null, determining: ['Gh'] },
  { name: 'web identity from another repository', doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity', set: { trust: [{ Sid: 'Gh', Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCT}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' } } }] }, request: { principal: `arn:aws:iam::${ACCT}:oidc-provider/token.actions.githubusercontent.com`, action: 'sts:AssumeRoleWithWebIdentity', resource: ROLE, context: { 'token.actions.githubusercontent.com:sub': 'repo:evil/app:ref:refs/heads/main' } }, decision: 'implicitDeny', blockedBy: 'trust', determining: [] },
  { name: 'CanonicalUser grant in a bucket policy', doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-canonical-user', set: { resource: [allow('Cf', 's3:GetObject', OBJ, { Principal: { CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' } })] }, request: { principal: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' }, decision: 'allowed', blockedBy: null, determining: ['Cf'] },
  { name: 'a service principal is not an AWS account principal', doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services', set: { resource: [allow('Acct', 's3:GetObject', OBJ, { Principal: { AWS: ACCT } })] }, request: { principal: 'cloudtrail.amazonaws.com' }, decision: 'implicitDeny', blockedBy: 'resource', determining: [] },
  // The root user.
  { name: 'root user needs no policy', doc: ROOTUSER, set: {}, request: { principal: ROOT }, decision: 'allowed', blockedBy: null, determining: [] },
  { name: 'root user is still bound by SCPs', doc: ROOTUSER, set: { scps: [[[deny('NoS3', 's3:*')]]] }, request: { principal: ROOT }, decision: 'explicitDeny', blockedBy: 'scp', determining: ['NoS3'] },
  { name: 'root user is still bound by an explicit Deny in a resource policy', doc: ROOTUSER, set: { resource: [deny('NoOne', 's3:*', '*', { Principal: '*' })] }, request: { principal: ROOT }, decision: 'explicitDeny', blockedBy: 'resource', determining: ['NoOne'] },
  // NotPrincipal with Deny: the account must be listed too; a boundary makes it always apply.
  { name: 'NotPrincipal listing the user and its account', doc: NOTPRINCIPAL, set: { identity: [[ALL]], resource: [{ Sid: 'OnlyAlice', Effect: 'Deny', NotPrincipal: { AWS: [ALICE, ROOT] }, Action: 's3:*', Resource: '*' }] }, request: {}, decision: 'allowed', blockedBy: null, determining: ['All'] },
  { name: 'NotPrincipal listing only the user still denies it', doc: NOTPRINCIPAL, set: { identity: [[ALL]], resource: [{ Sid: 'OnlyAlice', Effect: 'Deny', NotPrincipal: { AWS: [ALICE] }, Action: 's3:*', Resource: '*' }] }, request: {}, decision: 'explicitDeny', blockedBy: 'resource', determining: ['OnlyAlice'] },
  { name: 'NotPrincipal with Deny always denies a principal with a boundary', doc: BOUNDARY, set: { identity: [[ALL]], boundary: [ALL], resource: [{ Sid: 'OnlyAlice', Effect: 'Deny', NotPrincipal: { AWS: [ALICE, ROOT] }, Action: 's3:*', Resource: '*' }] }, request: {}, decision: 'explicitDeny', blockedBy: 'resource', determining: ['OnlyAlice'] },
  // Request context derived from the principal; supplied values win.
  { name: 'aws:PrincipalArn of a role session is the role ARN', doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn', set: { identity: [[allow('ByArn', 's3:*', '*', { Condition: { ArnEquals: { 'aws:PrincipalArn': ROLE } } })]] }, request: { principal: SESSION }, decision: 'allowed', blockedBy: null, determining: ['ByArn'] },
  { name: 'supplied aws:username wins over the derived one', doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-username', set: { identity: [[allow('Named', 's3:*', '*', { Condition: { StringEquals: { 'aws:username': 'carol' } } })]] }, request: { context: { 'AWS:UserName': 'carol' } }, decision: 'allowed', blockedBy: null, determining: ['Named'] },
  { name: 'aws:PrincipalType of a user', doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principaltype', set: { identity: [[allow('Users', 's3:*', '*', { Condition: { StringEquals: { 'aws:PrincipalType': 'User', 'aws:PrincipalAccount': ACCT } } })]] }, request: {}, decision: 'allowed', blockedBy: null, determining: ['Users'] },
];

describe('authorize', () => {
  it.each(cases)('$name', (c) => {
    const request: Request = { principal: ALICE, action: 's3:GetObject', resource: OBJ, ...c.request };
    const decision = authorize(request, buildSet(c.set));
    expect({ decision: decision.decision, blockedBy: decision.blockedBy, determining: decision.determining.map((r) => r.sid) }).toEqual({
      decision: c.decision,
      blockedBy: c.blockedBy,
      determining: c.determining,
    });
    expect(decision.errors).toEqual([]);
    // The explained decision is the same decision, and every determining statement is explained as applying.
    const explained = authorize(request, compilePolicySet(buildSet(c.set)), { explain: true });
    expect(explained.decision).toBe(c.decision);
    const applying = explained.explanation!.policyTypes.flatMap((t) => t.statements.filter((s) => s.applies).map((s) => s.ref));
    for (const ref of explained.determining) expect(applying).toContainEqual(ref);
  });
});

describe('errors', () => {
  it('skips and reports a statement with an unknown operator', () => {
    const set = buildSet({ identity: [[allow('Bad', 's3:*', '*', { Condition: { StringEqualz: { 'aws:username': 'alice' } } }), allow('Good', 's3:GetObject')]] });
    const decision = authorize({ principal: ALICE, action: 's3:GetObject', resource: OBJ }, set);
    expect(decision.decision).toBe('allowed');
    expect(decision.determining.map((r) => r.sid)).toEqual(['Good']);
    expect(decision.errors).toEqual([
      { code: 'statement-skipped', message: 'identity0 statement Bad was skipped: Unknown condition operator `StringEqualz`.', statement: expect.objectContaining({ sid: 'Bad', statementIndex: 0, span: { start: { line: 1, column: 38, offset: 37 }, end: { line: 1, column: 153, offset: 152 } } }) },
    ]);
  });

  it('skips and reports statements whose operator is named like an object member', () => {
    const set = buildSet({ identity: [[
      allow('Ctor', 's3:*', '*', { Condition: { constructor: { 'aws:SourceIp': '203.0.113.0/24' } } }),
      // A computed key: `{ __proto__: … }` would set the literal's prototype instead of writing the key.
      allow('Proto', 's3:*', '*', { Condition: { ['__proto__']: { 'aws:username': 'alice' } } }),
    ]] });
    const decision = authorize({ principal: ALICE, action: 's3:GetObject', resource: OBJ }, set);
    expect(decision.decision).toBe('implicitDeny');
    expect(decision.errors.map((e) => [e.code, e.message])).toEqual([
      ['statement-skipped', 'identity0 statement Ctor was skipped: Unknown condition operator `constructor`.'],
      ['statement-skipped', 'identity0 statement Proto was skipped: Unknown condition operator `__proto__`.'],
    ]);
  });

  it('does not report a broken statement for an action it does not name', () => {
    const set = buildSet({ identity: [[allow('Bad', 'ec2:*', '*', { Condition: { NumericLessThan: { 'ec2:x': 'ten' } } })]] });
    expect(authorize({ principal: ALICE, action: 's3:GetObject', resource: OBJ }, set).errors).toEqual([]);
  });
});

describe('unusual requests are reported', () => {
  it.each([
    [{ principal: 'alice', action: 's3:GetObject', resource: OBJ }, 'unknown-principal'],
    [{ principal: ALICE, action: 'GetObject', resource: OBJ }, 'bad-action'],
  ])('%j → %s', (request, code) => {
    const decision = authorize(request, buildSet({ identity: [[ALL]] }));
    expect(decision.errors.map((e) => e.code)).toEqual([code]);
  });

  it('a root user reaching into another account needs the resource policy', () => {
    const request = { principal: `arn:aws:iam::${OTHER}:root`, action: 's3:GetObject', resource: OBJ, resourceAccount: ACCT };
    expect(authorize(request, buildSet({})).blockedBy).toBe('resource');
    expect(authorize(request, buildSet({ resource: [allow('Partner', 's3:GetObject', OBJ, { Principal: { AWS: OTHER } })] })).decision).toBe('allowed');
  });
});

describe('context lookups', () => {
  it('treats keys named like object members as absent', () => {
    const set = buildSet({ identity: [[allow('IfAbsent', 's3:*', '*', { Condition: { Null: { toString: 'true', constructor: 'true' } } })]] });
    expect(authorize({ principal: ALICE, action: 's3:GetObject', resource: OBJ }, set).decision).toBe('allowed');
  });
});
