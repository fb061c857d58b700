import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadAccount, loadOrg, loadResourcePolicies } from '../../src/account/load.js';
import { defaultVersionOf, findPrincipal, governingResourceArn, identityPoliciesOf, policySetFor } from '../../src/account/model.js';
import { createSourceFile } from '../../src/core/source.js';

// Dump format: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
// (documents "URL-encoded compliant with RFC 3986"; the AWS CLI prints them decoded).
const FX = 'fixtures/accounts';
const file = (name: string) => createSourceFile(`${FX}/${name}`, readFileSync(`${FX}/${name}`, 'utf8'));
const sqsReadOnly = { name: 'AmazonSQSReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess', versionId: 'v4',
  document: { Version: '2012-10-17', Statement: [{ Sid: 'AmazonSQSReadOnlyAccess', Effect: 'Allow', Action: ['sqs:GetQueueAttributes'], Resource: '*' }] } };
const resolve = (arn: string) => (arn === sqsReadOnly.arn ? sqsReadOnly : undefined);

describe('loadAccount', () => {
  const cli = loadAccount([file('acme-cli.json')], { resolveManagedPolicy: resolve });
  const api = loadAccount([file('acme-api-page-1.json'), file('acme-api-page-2.json')], { resolveManagedPolicy: resolve });

  it.each([['AWS CLI output (JSON documents)', cli], ['raw API pages (URL-encoded documents), merged', api]])('reads %s', (_name, account) => {
    expect([account.users.size, account.groups.size, account.roles.size]).toEqual([4, 2, 5]);
    expect([...account.managedPolicies.keys()]).toEqual([
      'arn:aws:iam::111122223333:policy/DeveloperBoundary', 'arn:aws:iam::111122223333:policy/DeveloperAccess', 'arn:aws:iam::111122223333:policy/AppDataAccess',
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', 'arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess',
    ]);
    const developerAccess = account.managedPolicies.get('arn:aws:iam::111122223333:policy/DeveloperAccess')!;
    expect(developerAccess.versions.map((v) => [v.versionId, v.isDefaultVersion, v.policy?.statements.map((s) => s.sidLabel)])).toEqual([
      ['v1', false, ['Everything']], ['v2', true, ['ArtifactsReadWrite', 'ListArtifacts']], ['v3', false, ['ArtifactsAll']],
    ]);
    expect(defaultVersionOf(developerAccess)?.versionId).toBe('v2');
    const web = account.roles.get('arn:aws:iam::111122223333:role/web-instance')!;
    expect([web.permissionsBoundaryArn, web.instanceProfiles, web.trustPolicy?.kind]).toEqual([
      'arn:aws:iam::111122223333:policy/DeveloperBoundary', [{ name: 'web-instance-profile', arn: 'arn:aws:iam::111122223333:instance-profile/web-instance-profile' }], 'trust',
    ]);
    const dave = findPrincipal(account, 'arn:aws:iam::111122223333:user/dave')!;
    expect(identityPoliciesOf(account, dave).policies.map((p) => `${p.policy.name} (${p.via})`)).toEqual(['S3NoDeletes (inline)', 'DeveloperAccess (group developers managed)']);
    expect(account.managedPolicies.get(sqsReadOnly.arn)).toMatchObject({ fromCatalog: true, awsManaged: true, defaultVersionId: 'v4' });
    expect(account.findings.filter((f) => f.severity !== 'info').map((f) => f.message)).toEqual([
      'Managed policy `arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy` (attached to role AWSServiceRoleForECS) is not in the account files nor in the bundled AWS managed-policy data.',
    ]);
  });

  it('keeps spans: into the dump for JSON documents, into the decoded text for URL-encoded ones', () => {
    const group = (a: typeof cli) => a.groups.get('analysts')!.inlinePolicies[0].policy!;
    expect([group(cli).file, group(cli).statements[0].sid!.span.start]).toEqual([`${FX}/acme-cli.json`, { line: 129, column: 40, offset: 4653 }]);
    expect([group(api).file, group(api).statements[0].sid!.span.start]).toEqual([`${FX}/acme-api-page-1.json › analysts/ReadReports`, { line: 5, column: 20, offset: 79 }]);
    expect(group(api).source?.text.slice(79, 92)).toBe('"ReadReports"');
  });

  it('reports unreadable documents where they sit and loads the rest', () => {
    const broken = loadAccount([file('broken.json')]);
    expect(broken.findings.map((f) => [f.ruleId, f.file, f.span.start.line, f.span.start.column, f.message])).toEqual([
      ['account/undecodable-document', `${FX}/broken.json`, 16, 68, 'The document of `erin/Truncated` is not valid URL encoding (`%2%` at character 39).'],
      ['parse/invalid-json', `${FX}/broken.json › batch/trust policy`, 1, 86, 'Invalid JSON: Expected a comma or `}`, found a string.'],
      ['account/unknown-managed-policy', `${FX}/broken.json`, 25, 24, 'Managed policy `arn:aws:iam::111122223333:policy/OpsTooling` (attached to user erin) is not in the account files.'],
      ['account/missing-group', `${FX}/broken.json`, 20, 9, 'Group `ops` (of user erin) is not in the account files.'],
    ]);
    expect(broken.findings[1].notes).toEqual([`The document sits at ${FX}/broken.json:39:35; positions are in its decoded text.`]);
    const erin = findPrincipal(broken, 'arn:aws:iam::111122223333:user/erin')!;
    const { policies, unreadable } = identityPoliciesOf(broken, erin);
    expect(policies.map((p) => p.policy.name)).toEqual(['ReadLogs']);
    expect(unreadable).toEqual([{ name: 'Truncated', via: 'inline' }, { name: 'OpsTooling', via: 'managed' }, { name: 'group ops', via: 'group (not in the account files)' }]);
    expect(broken.roles.get('arn:aws:iam::111122223333:role/batch')!.inlinePolicies[0].policy?.statements).toHaveLength(1);
  });

  it('decodes URL-encoded documents exactly once; plain JSON strings are not decoded', () => {
    const doc = (resource: string) => `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"${resource}"}}`;
    const dump = JSON.stringify({ UserDetailList: [{ UserName: 'u', Arn: 'arn:aws:iam::111122223333:user/u', UserPolicyList: [
      { PolicyName: 'encoded', PolicyDocument: encodeURIComponent(doc('arn:aws:s3:::b/%2A')) },
      { PolicyName: 'plain', PolicyDocument: doc('arn:aws:s3:::b/%2A') },
    ] }] });
    const account = loadAccount([createSourceFile('d.json', dump)]);
    const user = account.users.get('arn:aws:iam::111122223333:user/u')!;
    expect(user.inlinePolicies.map((p) => p.policy!.statements[0].resources![0].value)).toEqual(['arn:aws:s3:::b/%2A', 'arn:aws:s3:::b/%2A']);
  });

  it('refuses a file that is not a dump', () => {
    const account = loadAccount([createSourceFile('x.json', '{"Version": "2012-10-17", "Statement": []}')]);
    expect(account.findings.map((f) => [f.ruleId, f.span.start.line, f.span.start.column])).toEqual([['account/not-a-dump', 1, 1]]);
  });
});

describe('policySetFor', () => {
  const account = loadAccount([file('acme-cli.json')]);
  const { resourcePolicies } = loadResourcePolicies(file('resource-policies.json'));
  const { org } = loadOrg(file('org.json'));

  it('an S3 object is governed by its bucket policy', () => {
    expect(governingResourceArn('arn:aws:s3:::reports-bucket/2026/q3.csv')).toBe('arn:aws:s3:::reports-bucket');
    const set = policySetFor(account, 'arn:aws:iam::111122223333:user/alice', 'arn:aws:s3:::reports-bucket/2026/q3.csv', { action: 's3:GetObject', resourcePolicies, org });
    expect([set.identity.map((p) => p.name), set.resource?.name, set.scps?.map((l) => l.map((p) => p.name)), set.rcps?.length]).toEqual([
      ['ReadReports'], 'reports-bucket bucket policy', [['FullAWSAccess'], ['FullAWSAccess', 'RegionGuardrail'], ['FullAWSAccess', 'ProtectAuditLogs']], 1,
    ]);
  });

  it('a role is governed by its trust policy for sts:AssumeRole only', () => {
    const role = 'arn:aws:iam::111122223333:role/admin';
    expect(policySetFor(account, 'arn:aws:iam::111122223333:user/engineering/bob', role, { action: 'sts:AssumeRole' }).resource?.name).toBe('admin trust policy');
    expect(policySetFor(account, 'arn:aws:iam::111122223333:user/engineering/bob', role, { action: 'iam:PassRole' }).resource).toBeUndefined();
  });

  it('an assumed-role session carries its role\'s policies and boundary; SCPs skip service-linked roles', () => {
    const set = policySetFor(account, 'arn:aws:sts::111122223333:assumed-role/web-instance/i-0abc12345def67890', 'arn:aws:s3:::app-artifacts/config.json', { org });
    expect([set.identity.map((p) => p.name), set.permissionBoundary?.name, set.permissionBoundary?.kind]).toEqual([['WebLogs', 'AmazonS3ReadOnlyAccess'], 'DeveloperBoundary', 'boundary']);
    expect(findPrincipal(account, 'arn:aws:sts::111122223333:assumed-role/web-instance/x')).toMatchObject({ type: 'role', sessionName: 'x', role: { name: 'web-instance' } });
    expect(findPrincipal(account, 'arn:aws:sts::444455556666:assumed-role/web-instance/x')).toBeUndefined();
    expect(policySetFor(account, 'arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS', '*', { org }).scps).toBeUndefined();
  });
});

describe('org and resource-policies files', () => {
  it('reads levels root first, named and bare documents', () => {
    const { org, findings } = loadOrg(file('org.json'));
    expect(findings).toEqual([]);
    expect(org.scps.map((level) => level.map((p) => `${p.name}:${p.kind}`))).toEqual([
      ['FullAWSAccess:scp'], ['FullAWSAccess:scp', 'RegionGuardrail:scp'], ['FullAWSAccess:scp', 'ProtectAuditLogs:scp'],
    ]);
    expect(org.rcps[0][0].statements[0].span.start).toEqual({ line: 39, column: 91, offset: 1419 });
  });

  it.each([
    ['{"scps": {"Statement": []}}', [['account/wrong-type', 1, 10, '`scps` should be a list of levels (root first), each a list of policies.']]],
    ['{"scps": [{"Statement": []}]}', [['account/wrong-type', 1, 11, 'Level 0 of `scps` should be a list of policies.']]],
    ['{"spcs": []}', [['account/unknown-key', 1, 2, 'Unknown key `spcs` in the org file; it was ignored.']]],
    ['{"scps": [["FullAWSAccess"]]}', [['account/wrong-type', 1, 12, 'Expected a policy document or `{"name": …, "document": …}`.']]],
  ])('reports a bad org file: %s', (text, expected) => {
    expect(loadOrg(createSourceFile('org.json', text)).findings.map((f) => [f.ruleId, f.span.start.line, f.span.start.column, f.message])).toEqual(expected);
  });

  it('reads resource policies by ARN and reports keys that are not ARNs', () => {
    const { resourcePolicies, findings } = loadResourcePolicies(file('resource-policies.json'));
    expect(findings).toEqual([]);
    expect([...resourcePolicies].map(([arn, p]) => [arn, p.name, p.kind])).toEqual([
      ['arn:aws:s3:::reports-bucket', 'reports-bucket bucket policy', 'resource'],
      ['arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/app-db-Xy12Ab', 'resource policy of arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/app-db-Xy12Ab', 'resource'],
    ]);
    const bad = loadResourcePolicies(createSourceFile('rp.json', '{\n  "reports-bucket": {"Statement": []}\n}'));
    expect(bad.findings.map((f) => [f.ruleId, f.span.start.line, f.span.start.column])).toEqual([['account/not-an-arn', 2, 3]]);
  });

  it.each([
    ['org.schema.json', 'org.json', true],
    ['org.schema.json', 'resource-policies.json', false],
    ['resource-policies.schema.json', 'resource-policies.json', true],
    ['resource-policies.schema.json', 'org.json', false],
  ])('schemas/%s accepts fixtures/accounts/%s: %s', (schema, fixture, valid) => {
    const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(`schemas/${schema}`, 'utf8')) as object);
    expect(validate(JSON.parse(readFileSync(`${FX}/${fixture}`, 'utf8')))).toBe(valid);
  });
});

describe('readAccountFiles / readOrgFile / readResourcePoliciesFile', () => {
  it('read from disk and resolve AWS managed policies from the catalog', async () => {
    const { readAccountFiles, readOrgFile, readResourcePoliciesFile } = await import('../../src/account/read.js');
    const account = await readAccountFiles([`${FX}/acme-cli.json`]);
    expect(account.managedPolicies.get('arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy')).toMatchObject({ fromCatalog: true });
    expect(account.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect((await readOrgFile(`${FX}/org.json`)).org.scps).toHaveLength(3);
    expect((await readResourcePoliciesFile(`${FX}/resource-policies.json`)).resourcePolicies.size).toBe(2);
    await expect(readAccountFiles([`${FX}/org.json`])).rejects.toThrow('This is not the output of `aws iam get-account-authorization-details`.');
  });
});
