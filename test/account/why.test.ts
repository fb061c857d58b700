/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read the commands' JSON output */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { statementToJson } from '../../src/account/why.js';
import { parsePolicy } from '../../src/policy/index.js';

// Evaluation logic: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
// Messages: https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
const FX = 'fixtures/accounts';
const message = (name: string) => readFileSync(`${FX}/messages/${name}`, 'utf8');
const CLI = ['--account', `${FX}/acme-cli.json`];
const API = ['--account', `${FX}/acme-api-page-1.json`, '--account', `${FX}/acme-api-page-2.json`];
const ORG = ['--org', `${FX}/org.json`];
const RP = ['--resource-policies', `${FX}/resource-policies.json`];

interface Expected {
  exit: number;
  decision: string;
  blockedBy: string | null;
  blockedLevel?: number;
  determining?: Array<[policy: string, sid: string | null, via?: string]>;
  closest?: Array<[policy: string, sid: string | null, via?: string]>;
  fix?: { kind: string; policy?: string; snippetHas?: string } | null;
  agreesWithMessage?: boolean | null;
  unknowns?: string[];
}

const cases: Array<[string, string[], Expected]> = [
  ['01 group inline policy lacks s3:PutObject (pasted CLI error)', [message('01-cli-implicit-identity.txt'), ...CLI],
    { exit: 1, decision: 'implicitDeny', blockedBy: 'identity', closest: [['ReadReports', 'ReadReports', 'group analysts inline']],
      fix: { kind: 'addAction', policy: 'ReadReports', snippetHas: 's3:PutObject' }, agreesWithMessage: true, unknowns: ['resourcePolicy', 'scp', 'rcp'] }],
  ['01 same question on the URL-encoded API pages', [message('01-cli-implicit-identity.txt'), ...API],
    { exit: 1, decision: 'implicitDeny', blockedBy: 'identity', closest: [['ReadReports', 'ReadReports', 'group analysts inline']],
      fix: { kind: 'addAction', policy: 'ReadReports', snippetHas: 's3:PutObject' }, agreesWithMessage: true }],
  ['02 assumed-role session pushes to a repository outside its pattern', [message('02-docker-push-assumed-role.txt'), ...API],
    { exit: 1, decision: 'implicitDeny', blockedBy: 'identity', closest: [['PushImages', 'PushAppImages', 'inline']],
      fix: { kind: 'addResource', policy: 'PushImages', snippetHas: 'repository/web' }, agreesWithMessage: true, unknowns: ['resourcePolicy', 'scp', 'rcp', 'sessionPolicy', 'assumedValue'] }],
  ['03 permissions boundary (default version v2) lacks iam:CreateRole', [message('03-permissions-boundary.txt'), ...API],
    { exit: 1, decision: 'implicitDeny', blockedBy: 'permissionBoundary', closest: [['DeveloperBoundary', 'AllowAppServices', 'permissions boundary']],
      fix: { kind: 'addAction', policy: 'DeveloperBoundary', snippetHas: 'iam:CreateRole' }, agreesWithMessage: true, unknowns: ['scp', 'rcp'] }],
  ['04 explicit deny in an inline policy', [message('04-explicit-identity.txt'), ...CLI],
    { exit: 1, decision: 'explicitDeny', blockedBy: 'identity', determining: [['S3NoDeletes', 'DenyDeletes', 'inline']],
      fix: { kind: 'removeDeny', policy: 'S3NoDeletes' }, agreesWithMessage: true }],
  ['05 SCP region guardrail at level 1 (region assumed from the ARN)', [message('05-scp-explicit.txt'), ...CLI, ...ORG],
    { exit: 1, decision: 'explicitDeny', blockedBy: 'scp', blockedLevel: 1, determining: [['RegionGuardrail', 'DenyOutsideApprovedRegions']],
      fix: { kind: 'removeDeny', policy: 'RegionGuardrail' }, agreesWithMessage: true, unknowns: ['resourcePolicy', 'sessionPolicy', 'assumedValue'] }],
  ['06 JSON body: only the default version (v3) of AppDataAccess counts', [message('06-json-body.txt'), ...CLI],
    { exit: 1, decision: 'implicitDeny', blockedBy: 'identity', closest: [['AppDataAccess', 'ReadAppSecrets', 'managed']],
      fix: { kind: 'addResource', policy: 'AppDataAccess', snippetHas: 'secret:prod/*' }, agreesWithMessage: true }],
  ['08 local says allowed, AWS says a resource policy denied', [message('08-resource-explicit-unseen.txt'), ...CLI],
    { exit: 0, decision: 'allowed', blockedBy: null, determining: [['DeveloperAccess', 'ArtifactsReadWrite', 'group developers managed'], ['DeveloperBoundary', 'AllowAppServices', 'permissions boundary']],
      fix: null, agreesWithMessage: false, unknowns: ['resourcePolicy', 'scp', 'rcp'] }],
  ['09 trust policy of app-task names only ecs-tasks', [message('09-trust.txt'), ...CLI],
    { exit: 1, decision: 'implicitDeny', blockedBy: 'trust', closest: [['app-task trust policy', null, 'trust policy of the role']],
      fix: { kind: 'addPrincipal', policy: 'app-task trust policy', snippetHas: 'user/engineering/bob' }, agreesWithMessage: true }],
  ['13 admin trusts the account only with MFA: the trust policy blocks first', [message('13-sdk-go-assume-role.txt'), ...CLI],
    { exit: 1, decision: 'implicitDeny', blockedBy: 'trust', closest: [['admin trust policy', 'AdminsWithMfa', 'trust policy of the role']],
      fix: { kind: 'satisfyCondition', policy: 'admin trust policy' }, agreesWithMessage: true }],
  ['13 with MFA in the context: ci-deploy itself has no sts:AssumeRole', [message('13-sdk-go-assume-role.txt'), ...CLI, '--context', 'aws:MultiFactorAuthPresent=true'],
    { exit: 1, decision: 'implicitDeny', blockedBy: 'identity', closest: [['PushImages', 'GetAuthToken', 'inline']], fix: { kind: 'addAction', policy: 'PushImages' }, agreesWithMessage: true }],
  ['14 session policy message without the session policy: local allows', [message('14-session-policy.txt'), ...CLI],
    { exit: 0, decision: 'allowed', blockedBy: null, agreesWithMessage: false, unknowns: ['resourcePolicy', 'scp', 'rcp', 'sessionPolicy'] }],
  ['14 with --session-policy: the session policy blocks', [message('14-session-policy.txt'), ...CLI, '--session-policy', `${FX}/session-logs-only.json`],
    { exit: 1, decision: 'implicitDeny', blockedBy: 'session', closest: [[`${FX}/session-logs-only.json`, 'SessionLogsOnly', 'session policy']], agreesWithMessage: true }],
  ['15 bucket policy denies plain HTTP', [message('15-bucket-policy-explicit.txt'), ...CLI, ...RP, '--context', 'aws:SecureTransport=false'],
    { exit: 1, decision: 'explicitDeny', blockedBy: 'resource', determining: [['reports-bucket bucket policy', 'DenyInsecureTransport', 'resource-based policy']], agreesWithMessage: true }],
  ['flags: alice reads her reports over TLS', ['--principal', 'arn:aws:iam::111122223333:user/alice', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::reports-bucket/2026/q3.csv',
    '--context', 'aws:SecureTransport=true', ...CLI, ...RP],
    { exit: 0, decision: 'allowed', blockedBy: null, determining: [['ReadReports', 'ReadReports', 'group analysts inline']], agreesWithMessage: null }],
  ['flags: carol via an AWS managed policy referenced only by ARN (resolved from the catalog)', ['--principal', 'arn:aws:iam::111122223333:user/carol', '--action', 'sqs:GetQueueAttributes',
    '--resource', 'arn:aws:sqs:eu-west-1:111122223333:orders', ...CLI],
    { exit: 0, decision: 'allowed', blockedBy: null, determining: [['AmazonSQSReadOnlyAccess', 'AmazonSQSReadOnlyAccess', 'managed']] }],
  ['flags: the secret policy denies every role but app-task', ['--principal', 'arn:aws:sts::111122223333:assumed-role/admin/ops-session', '--action', 'secretsmanager:GetSecretValue',
    '--resource', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/app-db-Xy12Ab', ...CLI, ...RP],
    { exit: 1, decision: 'explicitDeny', blockedBy: 'resource', determining: [['resource policy of arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/app-db-Xy12Ab', 'OnlyFromAppTask', 'resource-based policy']] }],
];

async function why(args: string[]) {
  const io = memoryIo();
  const exit = await main(['why', ...args, '--format', 'json'], io);
  return { exit, io, out: io.out ? (JSON.parse(io.out) as Record<string, any>) : undefined };
}

describe('iamcheck why', () => {
  it.each(cases)('%s', async (_name, args, expected) => {
    const { exit, io, out } = await why(args);
    expect(io.err.replace(/^iamcheck: \d+ problems? in the inputs[\s\S]*$/, '')).toBe('');
    expect(out).toBeDefined();
    expect({ exit, decision: out!.decision, blockedBy: out!.blockedBy }).toEqual({ exit: expected.exit, decision: expected.decision, blockedBy: expected.blockedBy });
    if (expected.blockedLevel !== undefined) expect(out!.blockedLevel).toBe(expected.blockedLevel);
    const refs = (list: any[]) => list.map((s) => (s.via === undefined ? [s.policy, s.sid] : [s.policy, s.sid, s.via]));
    if (expected.determining) expect(refs(out!.determining)).toEqual(expected.determining);
    if (expected.closest) expect(refs(out!.closest).slice(0, expected.closest.length)).toEqual(expected.closest);
    if (expected.fix === null) expect(out!.fix).toBeNull();
    else if (expected.fix) {
      expect({ kind: out!.fix.kind, policy: out!.fix.policy }).toEqual({ kind: expected.fix.kind, policy: expected.fix.policy });
      if (expected.fix.snippetHas) expect(JSON.stringify(out!.fix.snippet)).toContain(expected.fix.snippetHas);
    }
    if (expected.agreesWithMessage !== undefined) expect(out!.agreesWithMessage).toBe(expected.agreesWithMessage);
    if (expected.unknowns) expect(out!.unknowns.map((u: { kind: string }) => u.kind)).toEqual(expected.unknowns);
  });

  it('pins the closest statement\'s position inside the decoded group policy', async () => {
    const { out } = await why([message('01-cli-implicit-identity.txt'), ...API]);
    expect(out!.closest[0]).toMatchObject({ file: `${FX}/acme-api-page-1.json › analysts/ReadReports`, line: 4, column: 9, statementIndex: 0 });
    const cli = await why([message('01-cli-implicit-identity.txt'), ...CLI]);
    expect(cli.out!.closest[0]).toMatchObject({ file: `${FX}/acme-cli.json`, line: 128, column: 29, statementIndex: 0 });
  });

  it('prints the answer for a terminal', async () => {
    const io = memoryIo();
    expect(await main(['why', message('08-resource-explicit-unseen.txt'), ...CLI], io)).toBe(0);
    expect(io.out).toContain('allowed  s3:PutObject on arn:aws:s3:::app-artifacts/releases/1.4.2.zip');
    expect(io.out).toContain('AWS denied it with an explicit deny in a resource-based policy');
    expect(io.out).toContain('No resource-based policy was given for arn:aws:s3:::app-artifacts;');
  });

  it.each([
    [[message('10-web-identity.txt'), ...CLI], 'the message names no principal; give --principal'],
    [['no error here', ...CLI], 'could not find the action in the message'],
    [[message('01-cli-implicit-identity.txt')], 'pass the account with --account FILE'],
    [['--principal', 'arn:aws:iam::111122223333:user/nobody', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::b/k', ...CLI], 'is not in the account files (4 users, 5 roles)'],
    [[message('01-cli-implicit-identity.txt'), '--account', `${FX}/org.json`], 'This is not the output of `aws iam get-account-authorization-details`'],
  ])('refuses unanswerable questions with exit 2: %#', async (args, text) => {
    const io = memoryIo();
    expect(await main(['why', ...args], io)).toBe(2);
    expect(io.err).toContain(text);
  });

  it('keeps going past unreadable documents and lists them', async () => {
    const { exit, io, out } = await why(['--principal', 'arn:aws:iam::111122223333:user/erin', '--action', 'logs:GetLogEvents', '--resource', 'arn:aws:logs:eu-west-1:111122223333:log-group:app', '--account', `${FX}/broken.json`]);
    expect(exit).toBe(0);
    expect(out!.decision).toBe('allowed');
    expect(io.err).toContain(`${FX}/broken.json:16:68: error account/undecodable-document`);
    expect(io.err).toContain(`${FX}/broken.json:20:9: warning account/missing-group`);
    expect(out!.unknowns.filter((u: { kind: string }) => u.kind === 'unreadablePolicy').map((u: { message: string }) => u.message)).toEqual([
      'Policy Truncated (inline) could not be read or is not in the account files; its statements were left out.',
      'Policy OpsTooling (managed) could not be read or is not in the account files; its statements were left out.',
      'Policy group ops (group (not in the account files)) could not be read or is not in the account files; its statements were left out.',
    ]);
  });
});

describe('statementToJson', () => {
  it('writes operators and principal types named like object members as keys, never onto Object.prototype', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Odd', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: '*',
        Condition: { ['__proto__']: { polluted: 'yes' }, constructor: { 'aws:username': 'alice' } } }],
    });
    const statement = parsePolicy(text, { kind: 'resource', path: 'odd.json' }).policy!.statements[0];
    const json = statementToJson(statement);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const condition = json.Condition as Record<string, unknown>;
    expect([Object.hasOwn(condition, '__proto__'), Object.hasOwn(condition, 'constructor')]).toEqual([true, true]);
    expect(JSON.stringify(json)).toBe('{"Sid":"Odd","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"*",'
      + '"Condition":{"__proto__":{"polluted":"yes"},"constructor":{"aws:username":"alice"}}}');
  });
});
