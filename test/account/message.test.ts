import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeniedMessage, readDecodedAuthorizationMessage, type DeniedMessage } from '../../src/account/message.js';

// Formats: https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
const dir = new URL('../../fixtures/accounts/messages/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');

const cases: Array<[string, DeniedMessage]> = [
  ['01-cli-implicit-identity.txt', { errorCode: 'AccessDenied', operation: 'PutObject', principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:PutObject',
    resource: 'arn:aws:s3:::reports-bucket/2026/q3.csv', decision: 'implicitDeny', policyType: 'identity' }],
  ['02-docker-push-assumed-role.txt', { principal: 'arn:aws:sts::111122223333:assumed-role/ci-deploy/GitHubActions', action: 'ecr:InitiateLayerUpload',
    resource: 'arn:aws:ecr:eu-west-1:111122223333:repository/web', decision: 'implicitDeny', policyType: 'identity' }],
  ['03-permissions-boundary.txt', { errorCode: 'AccessDenied', operation: 'CreateRole', principal: 'arn:aws:iam::111122223333:user/engineering/bob', action: 'iam:CreateRole',
    resource: 'arn:aws:iam::111122223333:role/service/etl', decision: 'implicitDeny', policyType: 'permissionBoundary' }],
  ['04-explicit-identity.txt', { errorCode: 'AccessDenied', operation: 'DeleteObject', principal: 'arn:aws:iam::111122223333:user/dave', action: 's3:DeleteObject',
    resource: 'arn:aws:s3:::app-artifacts/build-41.zip', decision: 'explicitDeny', policyType: 'identity' }],
  ['05-scp-explicit.txt', { errorCode: 'AccessDeniedException', operation: 'CreateLogGroup', principal: 'arn:aws:sts::111122223333:assumed-role/web-instance/i-0abc12345def67890',
    action: 'logs:CreateLogGroup', resource: 'arn:aws:logs:ap-southeast-1:111122223333:log-group:/web/app', decision: 'explicitDeny', policyType: 'scp',
    policyArn: 'arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-examplescp1' }],
  ['06-json-body.txt', { errorCode: 'AccessDeniedException', principal: 'arn:aws:sts::111122223333:assumed-role/app-task/7f3c2a9e1b4d4e0f9a8b6c5d4e3f2a1b',
    action: 'secretsmanager:GetSecretValue', resource: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-Ab12Cd', decision: 'implicitDeny', policyType: 'identity' }],
  ['07-ec2-encoded.txt', { errorCode: 'UnauthorizedOperation', operation: 'RunInstances', principal: 'arn:aws:iam::111122223333:user/carol', action: 'ec2:RunInstances',
    resource: 'arn:aws:ec2:eu-west-1:111122223333:instance/*', decision: 'implicitDeny', policyType: 'identity',
    encodedMessage: '7mRbQwz3Vx1cK8hLpE2uYt9sNfA4jGdR0oWqXiZ6lBvMnC5yHkT-eU_aSgPrJ' }],
  ['08-resource-explicit-unseen.txt', { errorCode: 'AccessDenied', operation: 'PutObject', principal: 'arn:aws:iam::111122223333:user/engineering/bob', action: 's3:PutObject',
    resource: 'arn:aws:s3:::app-artifacts/releases/1.4.2.zip', decision: 'explicitDeny', policyType: 'resource' }],
  ['09-trust.txt', { errorCode: 'AccessDenied', operation: 'AssumeRole', principal: 'arn:aws:iam::111122223333:user/engineering/bob', action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::111122223333:role/app-task' }],
  ['10-web-identity.txt', { errorCode: 'AccessDenied', operation: 'AssumeRoleWithWebIdentity', action: 'sts:AssumeRoleWithWebIdentity' }],
  ['11-cloudformation-api.txt', { errorCode: 'AccessDenied', action: 'ec2:CreateVpc' }],
  ['12-s3-xml.txt', { errorCode: 'AccessDenied', principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject',
    resource: 'arn:aws:s3:::finance-archive/2025/ledger.csv', decision: 'implicitDeny', policyType: 'identity' }],
  ['13-sdk-go-assume-role.txt', { errorCode: 'AccessDenied', principal: 'arn:aws:sts::111122223333:assumed-role/ci-deploy/GitHubActions', action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::111122223333:role/admin' }],
  ['14-session-policy.txt', { errorCode: 'AccessDenied', operation: 'GetObject', principal: 'arn:aws:sts::111122223333:assumed-role/web-instance/i-0abc12345def67890',
    action: 's3:GetObject', resource: 'arn:aws:s3:::app-artifacts/config.json', decision: 'implicitDeny', policyType: 'session' }],
  ['15-bucket-policy-explicit.txt', { errorCode: 'AccessDenied', operation: 'GetObject', principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject',
    resource: 'arn:aws:s3:::reports-bucket/2026/q3.csv', decision: 'explicitDeny', policyType: 'resource' }],
];

describe('parseDeniedMessage', () => {
  it.each(cases)('%s', (file, expected) => {
    expect(parseDeniedMessage(read(file))).toEqual(expected);
  });

  it.each([
    ['User: arn:aws:iam::123456789012:user/ops is not authorized to perform: rds:DeleteDBInstance on resource: arn:aws:rds:us-east-1:123456789012:db:prod with an explicit deny in a resource control policy',
      { principal: 'arn:aws:iam::123456789012:user/ops', action: 'rds:DeleteDBInstance', resource: 'arn:aws:rds:us-east-1:123456789012:db:prod', decision: 'explicitDeny', policyType: 'rcp' }],
    ['User: arn:aws:iam::123456789012:user/ops is not authorized to perform: codecommit:ListRepositories because no service control policy allows the codecommit:ListRepositories action',
      { principal: 'arn:aws:iam::123456789012:user/ops', action: 'codecommit:ListRepositories', decision: 'implicitDeny', policyType: 'scp' }],
    ['User: arn:aws:iam::123456789012:user/ops is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no VPC endpoint policy allows the s3:GetObject action',
      { principal: 'arn:aws:iam::123456789012:user/ops', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', decision: 'implicitDeny', policyType: 'vpcEndpoint' }],
    ['User: arn:aws:iam::123456789012:user/ops is not authorized to perform: s3:ListBucket on resource: arn:aws:s3:::b with an explicit deny',
      { principal: 'arn:aws:iam::123456789012:user/ops', action: 's3:ListBucket', resource: 'arn:aws:s3:::b', decision: 'explicitDeny' }],
    ['{"message":"User: arn:aws:iam::123456789012:user/ops is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:eu-west-1:123456789012:function:f because no resource-based policy allows the lambda:InvokeFunction action"}',
      { principal: 'arn:aws:iam::123456789012:user/ops', action: 'lambda:InvokeFunction', resource: 'arn:aws:lambda:eu-west-1:123456789012:function:f', decision: 'implicitDeny', policyType: 'resource' }],
    ['no access here', {}],
  ] as Array<[string, DeniedMessage]>)('inline: %s', (text, expected) => {
    expect(parseDeniedMessage(text)).toEqual(expected);
  });

  it('answers at once on a long hostile paste', () => {
    const text = `${'a'.repeat(200_000)} is not authorized to perform: ${'b'.repeat(50_000)}`;
    expect(parseDeniedMessage(text).principal).toBeUndefined();
  });
});

describe('readDecodedAuthorizationMessage', () => {
  it('reads principal, action, resource and condition values', () => {
    const decoded = JSON.stringify({
      allowed: false, explicitDeny: false, matchedStatements: { items: [] }, failures: { items: [] },
      context: {
        principal: { id: 'AIDACAROLEXAMPLE0003', name: 'carol', arn: 'arn:aws:iam::111122223333:user/carol' },
        action: 'ec2:RunInstances', resource: 'arn:aws:ec2:eu-west-1:111122223333:instance/*',
        conditions: { items: [{ key: 'aws:RequestedRegion', values: { items: [{ value: 'eu-west-1' }] } }, { key: 'ec2:InstanceType', values: { items: [{ value: 't3.micro' }] } }] },
      },
    });
    expect(readDecodedAuthorizationMessage(decoded)).toEqual({
      decision: 'implicitDeny', principal: 'arn:aws:iam::111122223333:user/carol', action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:eu-west-1:111122223333:instance/*', context: { 'aws:RequestedRegion': 'eu-west-1', 'ec2:InstanceType': 't3.micro' },
    });
  });
});
