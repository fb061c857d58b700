/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read the commands' JSON output */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';

// Evaluation across policy types: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
// Role trust for sts:AssumeRole: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html
const FX = 'fixtures/accounts';
const CLI = ['--account', `${FX}/acme-cli.json`];
const API = ['--account', `${FX}/acme-api-page-1.json`, '--account', `${FX}/acme-api-page-2.json`];

async function run(args: string[]) {
  const io = memoryIo();
  const exit = await main([...args, '--format', 'json'], io);
  return { exit, out: JSON.parse(io.out) as Record<string, any>, err: io.err };
}

const whoCanCases: Array<[string, string[], number, Array<[string, string[]]>]> = [
  ['s3:PutObject on app-artifacts: developers (v2 default) and admin; bob within his boundary; dave has s3:*',
    ['s3:PutObject', 'arn:aws:s3:::app-artifacts/x.zip', ...CLI], 0,
    [['arn:aws:iam::111122223333:user/engineering/bob', ['DeveloperAccess/ArtifactsReadWrite/group developers managed', 'DeveloperBoundary/AllowAppServices/permissions boundary']],
      ['arn:aws:iam::111122223333:user/dave', ['S3NoDeletes/AllS3/inline', 'DeveloperAccess/ArtifactsReadWrite/group developers managed']],
      ['arn:aws:iam::111122223333:role/admin', ['AdministratorAccess/-/managed']]]],
  ['same question on the URL-encoded pages, with the org in an approved region',
    ['s3:PutObject', 'arn:aws:s3:::app-artifacts/x.zip', ...API, '--org', `${FX}/org.json`, '--context', 'aws:RequestedRegion=eu-west-1'], 0,
    [['arn:aws:iam::111122223333:user/engineering/bob', ['RCPFullAWSAccess/-/rcp', 'FullAWSAccess/-/scp', 'FullAWSAccess/-/scp', 'FullAWSAccess/-/scp', 'DeveloperAccess/ArtifactsReadWrite/group developers managed', 'DeveloperBoundary/AllowAppServices/permissions boundary']],
      ['arn:aws:iam::111122223333:user/dave', ['RCPFullAWSAccess/-/rcp', 'FullAWSAccess/-/scp', 'FullAWSAccess/-/scp', 'FullAWSAccess/-/scp', 'S3NoDeletes/AllS3/inline', 'DeveloperAccess/ArtifactsReadWrite/group developers managed']],
      ['arn:aws:iam::111122223333:role/admin', ['RCPFullAWSAccess/-/rcp', 'FullAWSAccess/-/scp', 'FullAWSAccess/-/scp', 'FullAWSAccess/-/scp', 'AdministratorAccess/-/managed']]]],
  ['the region guardrail SCP leaves no one outside approved regions', ['s3:PutObject', 'arn:aws:s3:::app-artifacts/x.zip', ...CLI, '--org', `${FX}/org.json`, '--context', 'aws:RequestedRegion=ap-southeast-1'], 1, []],
  ['dave cannot delete (explicit deny), so only admin can', ['s3:DeleteObject', 'arn:aws:s3:::app-artifacts/x.zip', ...CLI], 0,
    [['arn:aws:iam::111122223333:role/admin', ['AdministratorAccess/-/managed']]]],
  ['assuming admin needs MFA (trust) and an identity grant', ['sts:AssumeRole', 'arn:aws:iam::111122223333:role/admin', ...CLI, '--context', 'aws:MultiFactorAuthPresent=true'], 0,
    [['arn:aws:iam::111122223333:user/engineering/bob', ['ServiceRoleCreation/AssumeAnyRole/inline', 'admin trust policy/AdminsWithMfa/trust policy', 'DeveloperBoundary/AllowAppServices/permissions boundary']],
      ['arn:aws:iam::111122223333:role/admin', ['AdministratorAccess/-/managed', 'admin trust policy/AdminsWithMfa/trust policy']]]],
];

describe('iamcheck who-can', () => {
  it.each(whoCanCases)('%s', async (_name, args, exit, expected) => {
    const r = await run(['who-can', ...args]);
    expect(r.exit).toBe(exit);
    expect(r.out.evaluated).toBe(9);
    expect(r.out.principals.map((p: any) => [p.arn, p.through.map((t: any) => `${t.policy}/${t.sid ?? '-'}/${t.via}`)])).toEqual(expected);
  });

  it('reports principals whose policies could not be read as unknown', async () => {
    const r = await run(['who-can', 's3:GetObject', 'arn:aws:s3:::b/k', '--account', `${FX}/broken.json`]);
    expect(r.out.unknown).toEqual([{ arn: 'arn:aws:iam::111122223333:user/erin', policies: ['Truncated', 'OpsTooling', 'group ops'] }]);
  });

  it('says which policies an allowed principal\'s answer is missing (a Deny in them would change it)', async () => {
    const args = ['who-can', 'logs:GetLogEvents', 'arn:aws:logs:eu-west-1:111122223333:log-group:app', '--account', `${FX}/broken.json`];
    const r = await run(args);
    expect(r.out.principals.map((p: any) => [p.arn, p.unreadable])).toEqual([
      ['arn:aws:iam::111122223333:user/erin', ['Truncated', 'OpsTooling', 'group ops']],
      ['arn:aws:iam::111122223333:role/batch', []],
    ]);
    const io = memoryIo();
    expect(await main(args, io)).toBe(0);
    expect(io.out).toContain('  user arn:aws:iam::111122223333:user/erin\n');
    expect(io.out).toContain('         unknown: policies that could not be read: Truncated, OpsTooling, group ops (a Deny in them would take this access away)\n');
    expect(io.err).toContain(`  ${FX}/broken.json:16:68: error account/undecodable-document: `);
    expect(io.err).toMatch(/\n {4}help: Fetch the dump again/);
  });

  it('prints who and through which statement for a terminal', async () => {
    const io = memoryIo();
    expect(await main(['who-can', 's3:DeleteObject', 'arn:aws:s3:::app-artifacts/x.zip', ...CLI], io)).toBe(0);
    expect(io.out).toBe([
      '1 of 9 principals can s3:DeleteObject on arn:aws:s3:::app-artifacts/x.zip',
      '  role arn:aws:iam::111122223333:role/admin',
      `         through AdministratorAccess #1 (managed)  ${FX}/acme-cli.json:637`,
      '',
    ].join('\n'));
  });

  it('refuses an action pattern', async () => {
    const io = memoryIo();
    expect(await main(['who-can', 's3:*', 'arn:aws:s3:::b', ...CLI], io)).toBe(2);
    expect(io.err).toContain('is not one action');
  });
});

describe('iamcheck can', () => {
  it('expands s3:Get*-style wildcards from the catalog and keeps the boundary and denies', async () => {
    const r = await run(['can', 'arn:aws:iam::111122223333:user/engineering/bob', ...CLI]);
    expect(r.out.services).toEqual([
      { service: 's3', actions: [
        { action: 's3:GetObject', resources: ['arn:aws:s3:::app-artifacts/*'], conditional: false },
        { action: 's3:ListBucket', resources: ['arn:aws:s3:::app-artifacts'], conditional: false },
        { action: 's3:PutObject', resources: ['arn:aws:s3:::app-artifacts/*'], conditional: false },
      ] },
      { service: 'sts', actions: [{ action: 'sts:AssumeRole', resources: ['arn:aws:iam::111122223333:role/*'], conditional: false }] },
    ]);
  });

  it('dave: s3:* minus the denied deletes', async () => {
    const r = await run(['can', 'arn:aws:iam::111122223333:user/dave', ...CLI, '--service', 's3']);
    const actions: string[] = r.out.services[0].actions.map((a: any) => a.action);
    expect(actions).toContain('s3:PutObject');
    expect(actions).not.toContain('s3:DeleteObject');
    expect(actions).not.toContain('s3:DeleteBucket');
    expect(actions.length).toBeGreaterThan(100);
  });

  it('a role session gets its role\'s permissions; a conditional grant is marked', async () => {
    const r = await run(['can', 'arn:aws:sts::111122223333:assumed-role/ci-deploy/GitHubActions', ...CLI, '--service', 'iam']);
    expect(r.out.services).toEqual([{ service: 'iam', actions: [{ action: 'iam:PassRole', resources: ['arn:aws:iam::111122223333:role/app-task'], conditional: true }] }]);
  });
});
