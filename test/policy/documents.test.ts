import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../src/core/source.js';
import type { Finding } from '../../src/core/finding.js';
import { documentsInFile, type DocumentsResult } from '../../src/policy/documents.js';
import { parsePolicy } from '../../src/policy/index.js';
import { decodeSource } from '../../src/policy/read.js';

const load = (path: string): DocumentsResult => documentsInFile(decodeSource(path, readFileSync(path)));
const pin = (f: Finding) => [f.ruleId, f.severity, f.span.start.line, f.span.start.column, f.span.end.line, f.span.end.column];
const summary = (r: DocumentsResult) =>
  r.documents.map((d) => ({ kind: d.policy.kind, name: d.policy.name, location: d.location, resourceType: d.resourceType, findings: d.findings.map(pin) }));

describe('Terraform plan JSON (terraform show -json)', () => {
  const result = load('fixtures/iac/terraform/plan.json');

  it('finds every policy attribute, planned values first, then changes-only resources', () => {
    expect(result.containerType).toBe('terraform-plan');
    expect(summary(result)).toEqual([
      { kind: 'trust', name: 'aws_iam_role.web_task.assume_role_policy', location: 'aws_iam_role.web_task.assume_role_policy', resourceType: undefined, findings: [] },
      { kind: 'identity', name: 'aws_iam_role.web_task.inline_policy["write-logs"]', location: 'aws_iam_role.web_task.inline_policy[0].policy', resourceType: undefined, findings: [] },
      // The misspelled Effect inside the heredoc string: line:column of the plan file, escapes included.
      { kind: 'identity', name: 'aws_iam_policy.ci_push.policy', location: 'aws_iam_policy.ci_push.policy', resourceType: undefined, findings: [['schema/invalid-effect', 'error', 37, 136, 37, 144]] },
      { kind: 'resource', name: 'module.storage.aws_s3_bucket_policy.assets.policy', location: 'module.storage.aws_s3_bucket_policy.assets.policy', resourceType: 'AWS::S3::Bucket', findings: [] },
      { kind: 'resource', name: 'module.storage.aws_kms_key.assets.policy', location: 'module.storage.aws_kms_key.assets.policy', resourceType: 'AWS::KMS::Key', findings: [] },
      { kind: 'scp', name: 'aws_organizations_policy.deny_leave.content', location: 'aws_organizations_policy.deny_leave.content', resourceType: undefined, findings: [] },
    ]);
  });

  it('reports a policy known only after apply instead of dropping it', () => {
    expect(result.findings.map((f) => [...pin(f), f.message])).toEqual([
      ['parse/unresolved-document', 'info', 47, 21, 50, 12, 'The `policy` of aws_iam_role_policy.pending is known only after apply; iamcheck cannot check it.'],
    ]);
  });

  it('maps every value of the embedded document into the plan file', () => {
    const text = readFileSync('fixtures/iac/terraform/plan.json', 'utf8');
    const line37 = text.split('\n')[36];
    const ciPush = result.documents[2].root;
    expect(ciPush.span.start).toMatchObject({ line: 37, column: line37.indexOf('"{') + 2 });
    const trust = result.documents[0].policy.statements[0];
    const action = trust.actions![0];
    expect(action.value).toBe('sts:AssumeRole');
    // The span covers the escaped quotes of the string inside the string: \"sts:AssumeRole\".
    expect(text.slice(action.span.start.offset, action.span.end.offset)).toBe('\\"sts:AssumeRole\\"');
    const resource = result.documents[2].root;
    expect(resource.type).toBe('object');
    const ecr = JSON.stringify(result.documents[3].policy.statements[0].resources!.map((r) => text.slice(r.span.start.offset, r.span.end.offset)));
    expect(ecr).toBe(JSON.stringify(['\\"arn:aws:s3:::web-assets-111122223333\\"', '\\"arn:aws:s3:::web-assets-111122223333/*\\"']));
  });
});

describe('CloudFormation', () => {
  it('YAML template: every policy-bearing resource type, intrinsics as opaque strings', () => {
    const result = load('fixtures/iac/cloudformation/web-stack.yaml');
    expect(result.containerType).toBe('cloudformation');
    expect(summary(result)).toEqual([
      { kind: 'trust', name: 'WebTaskRole.AssumeRolePolicyDocument', location: 'Resources.WebTaskRole.Properties.AssumeRolePolicyDocument', resourceType: undefined, findings: [] },
      { kind: 'identity', name: 'WebTaskRole/read-assets', location: 'Resources.WebTaskRole.Properties.Policies[0].PolicyDocument', resourceType: undefined, findings: [['schema/invalid-effect', 'error', 34, 25, 34, 31]] },
      { kind: 'identity', name: 'DeployPolicy.PolicyDocument', location: 'Resources.DeployPolicy.Properties.PolicyDocument', resourceType: undefined, findings: [] },
      { kind: 'resource', name: 'AssetsBucketPolicy.PolicyDocument', location: 'Resources.AssetsBucketPolicy.Properties.PolicyDocument', resourceType: 'AWS::S3::Bucket', findings: [] },
      { kind: 'resource', name: 'AssetsKey.KeyPolicy', location: 'Resources.AssetsKey.Properties.KeyPolicy', resourceType: 'AWS::KMS::Key', findings: [] },
      { kind: 'resource', name: 'WebRepository.RepositoryPolicyText', location: 'Resources.WebRepository.Properties.RepositoryPolicyText', resourceType: 'AWS::ECR::Repository', findings: [] },
      { kind: 'identity', name: 'Deployers/describe-cluster', location: 'Resources.Deployers.Properties.Policies[0].PolicyDocument', resourceType: undefined, findings: [] },
    ]);
    expect(result.findings.map(pin)).toEqual([['parse/unresolved-document', 'info', 72, 9, 76, 1]]);
    const [, inline, deploy, bucket, key] = result.documents;
    expect(inline.policy.statements[0].resources!.map((r) => [r.value, r.span.start.line, r.span.start.column])).toEqual([['${AssetsBucket.Arn}/*', 32, 32]]);
    expect(inline.policy.statements[1]).toBeUndefined(); // `Effect: Permit` cannot be evaluated; reported above
    expect(deploy.policy.statements[0].resources!.map((r) => r.value)).toEqual(['arn:aws:ecs:${AWS::Region}:${AWS::AccountId}:service/web/*']);
    expect(bucket.policy.statements[0].resources!.map((r) => r.value)).toEqual(['${AssetsBucket.Arn}', '${AssetsBucket.Arn}/*']);
    expect(bucket.policy.statements[0].conditions[0].values.map((v) => v.value)).toEqual(['false']);
    expect(key.policy.statements[0].principals!.map((p) => [p.type, p.value])).toEqual([['AWS', 'arn:aws:iam::${AWS::AccountId}:root']]);
  });

  it('JSON template: Fn:: objects, a policy written as a JSON string, and a misspelled element', () => {
    const result = load('fixtures/iac/cloudformation/web-stack.json');
    expect(summary(result)).toEqual([
      { kind: 'resource', name: 'EventsTopicPolicy.PolicyDocument', location: 'Resources.EventsTopicPolicy.Properties.PolicyDocument', resourceType: 'AWS::SNS::Topic', findings: [] },
      { kind: 'resource', name: 'DbSecretPolicy.ResourcePolicy', location: 'Resources.DbSecretPolicy.Properties.ResourcePolicy', resourceType: 'AWS::SecretsManager::Secret', findings: [['schema/unknown-element', 'error', 36, 15, 36, 25]] },
      { kind: 'identity', name: 'CiUser/push', location: 'Resources.CiUser.Properties.Policies[0].PolicyDocument', resourceType: undefined, findings: [['schema/principal-not-allowed', 'error', 48, 144, 48, 157]] },
    ]);
    const topic = result.documents[0].policy.statements[0];
    expect(topic.resources!.map((r) => r.value)).toEqual(['${EventsTopic}']);
    expect(topic.conditions[0].values.map((v) => v.value)).toEqual(['${AWS::AccountId}']);
  });

  it('an intrinsic where an object belongs is an info finding, not a type error', () => {
    const template = JSON.stringify({
      Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: { 'Fn::If': ['C', {}, {}] } } } } },
    });
    const result = documentsInFile(createSourceFile('t.json', template));
    expect(result.documents[0].findings.map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      ['schema/unresolved-intrinsic', 'info', 'This value is computed by `Fn::If` when the stack is deployed; iamcheck cannot check it.'],
    ]);
  });

  it('holds inline policies to the quota of the identity they are embedded in', () => {
    const statements = Array.from({ length: 25 }, (_, i) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::reports-${i}/*` }));
    const doc = { Version: '2012-10-17', Statement: statements };
    const template = JSON.stringify({
      Resources: {
        U: { Type: 'AWS::IAM::User', Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: doc }] } },
        R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [] }, Policies: [{ PolicyName: 'p', PolicyDocument: doc }] } },
      },
    });
    const result = documentsInFile(createSourceFile('t.json', template));
    expect(result.documents.map((d) => [d.policy.name, d.findings.map((f) => f.message)])).toEqual([
      ['U/p', [`The policy is ${JSON.stringify(doc).length.toLocaleString('en-US')} characters, not counting white space; AWS allows 2,048 for the inline policies of a user (all together).`]],
      ['R.AssumeRolePolicyDocument', ['`Statement` is an empty array.']],
      ['R/p', []],
    ]);
  });
});

describe('aws iam get-account-authorization-details', () => {
  const result = load('fixtures/iac/authorization-details/account.json');

  it('finds inline, trust and default-version managed policies; skips AWS managed ones', () => {
    expect(result.containerType).toBe('authorization-details');
    expect(summary(result)).toEqual([
      { kind: 'identity', name: 'user/alice/list-buckets', location: 'UserDetailList[0].UserPolicyList[0].PolicyDocument', resourceType: undefined, findings: [] },
      // URL-encoded: the finding is on the whole string, as characters cannot be placed one by one.
      { kind: 'identity', name: 'user/alice/misspelled', location: 'UserDetailList[0].UserPolicyList[1].PolicyDocument', resourceType: undefined, findings: [['schema/invalid-effect', 'error', 16, 29, 16, 194]] },
      { kind: 'identity', name: 'group/developers/read-reports', location: 'GroupDetailList[0].GroupPolicyList[0].PolicyDocument', resourceType: undefined, findings: [] },
      { kind: 'trust', name: 'role/eks-node/AssumeRolePolicyDocument', location: 'RoleDetailList[0].AssumeRolePolicyDocument', resourceType: undefined, findings: [['schema/element-not-allowed', 'error', 72, 13, 72, 23]] },
      { kind: 'identity', name: 'policy/ci-push', location: 'Policies[0].PolicyVersionList[1].Document', resourceType: undefined, findings: [] },
    ]);
    expect(result.findings).toEqual([]);
  });
});

describe('file detection', () => {
  it.each([
    ['{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}', undefined, 1],
    ['{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}', 'cloudformation', 0],
    ['{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}', 'cloudformation', 0],
    ['{"format_version": "1.2", "resource_changes": []}', 'terraform-plan', 0],
    ['{"format_version": "1.0", "values": {"root_module": {"resources": [{"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "values": {"policy": "{\\"Statement\\":{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"s3:GetObject\\",\\"Resource\\":\\"*\\"}}"}}]}}}', 'terraform-plan', 1],
    ['{"RoleDetailList": []}', 'authorization-details', 0],
  ])('%s', (text, containerType, documents) => {
    const result = documentsInFile(createSourceFile('x.json', text));
    expect(result.containerType).toBe(containerType);
    expect(result.documents).toHaveLength(documents);
    expect(result.findings).toEqual([]);
  });

  it.each([['{"name": "web"}'], ['[1, 2]'], ['"text"'], ['{"Resources": {"B": {"Type": "Custom::Thing"}}}']])('%s is not a policy', (text) => {
    const result = documentsInFile(createSourceFile('x.json', text));
    expect(result.documents).toEqual([]);
    expect(result.findings.map((f) => [f.ruleId, f.message, f.help])).toEqual([
      ['parse/not-a-policy', 'No IAM policy found in this file.', 'Pass one of those, or leave this file out of the paths you lint.'],
    ]);
  });

  // The same answer as an empty .json (parseJson's parse/empty), which `test` and `preflight` give for both.
  it.each([
    ['empty.yaml', '', 'The file is empty.'],
    ['blank.yml', '  \n\n', 'The file is empty.'],
    ['comments.yaml', '# a policy will go here\n---\n', 'The file holds no YAML document, only comments.'],
  ])('%s (YAML with no document) is empty, not "no IAM policy"', (path, text, message) => {
    const result = documentsInFile(createSourceFile(path, text));
    expect(result.documents).toEqual([]);
    expect(result.findings.map((f) => [...pin(f), f.message, f.help, f.fatal])).toEqual([
      ['parse/empty', 'error', 1, 1, 1, 1, message, 'Put a policy document (YAML or JSON) in this file.', true],
    ]);
  });

  it.each([['null.yaml', 'null\n'], ['tilde.yaml', '~\n']])('%s (an explicit null) is not a policy', (path, text) => {
    expect(documentsInFile(createSourceFile(path, text)).findings.map((f) => f.ruleId)).toEqual(['parse/not-a-policy']);
  });

  it('parsePolicy reports an empty YAML document the same way', () => {
    const parsed = parsePolicy(createSourceFile('session.yaml', ''), { kind: 'session', format: 'yaml' });
    expect(parsed.policy).toBeUndefined();
    expect(parsed.findings.map((f) => [...pin(f), f.message, f.fatal])).toEqual([['parse/empty', 'error', 1, 1, 1, 1, 'The file is empty.', true]]);
  });

  it('a standalone document takes --policy-type and --resource-type', () => {
    const source = createSourceFile('key.json', '{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}}');
    const { documents } = documentsInFile(source, { kind: 'resource', resourceType: 'AWS::KMS::Key' });
    expect(documents.map((d) => [d.policy.kind, d.resourceType, d.container, d.location])).toEqual([['resource', 'AWS::KMS::Key', undefined, undefined]]);
  });

  it('reads YAML policies by extension', () => {
    const source = createSourceFile('p.yaml', 'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: "*"\n');
    const { documents, findings } = documentsInFile(source);
    expect(findings).toEqual([]);
    expect(documents[0].policy.statements[0].actions!.map((a) => [a.value, a.span.start.line, a.span.start.column])).toEqual([['s3:GetObject', 4, 13]]);
  });
});

describe('CloudFormation values computed at deploy time', () => {
  it('a Policies list or entry built by Fn::If is reported, not dropped', () => {
    const template = [
      'Resources:',
      '  R:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}',
      '      Policies:',
      '        - !If [IsProd, {PolicyName: a, PolicyDocument: {}}, !Ref AWS::NoValue]',
      '  U:',
      '    Type: AWS::IAM::User',
      '    Properties:',
      '      Policies: !If [IsProd, [], []]',
    ].join('\n');
    const result = documentsInFile(createSourceFile('t.yaml', template));
    expect(result.documents.map((d) => d.policy.name)).toEqual(['R.AssumeRolePolicyDocument']);
    expect(result.findings.map((f) => [...pin(f), f.message])).toEqual([
      ['parse/unresolved-document', 'info', 7, 15, 7, 79, 'Policy 1 of the `Policies` of R is computed by an intrinsic function; iamcheck cannot check it.'],
      ['parse/unresolved-document', 'info', 11, 21, 11, 37, 'The `Policies` of U is computed by an intrinsic function; iamcheck cannot check it.'],
    ]);
  });
});

describe('every supported resource type', () => {
  const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };

  it.each([
    ['AWS::IAM::Role', { AssumeRolePolicyDocument: doc, Policies: [{ PolicyName: 'p', PolicyDocument: doc }] }, [['trust', undefined], ['identity', undefined]]],
    ['AWS::IAM::User', { Policies: [{ PolicyName: 'p', PolicyDocument: doc }] }, [['identity', undefined]]],
    ['AWS::IAM::Group', { Policies: [{ PolicyName: 'p', PolicyDocument: doc }] }, [['identity', undefined]]],
    ['AWS::IAM::ManagedPolicy', { PolicyDocument: doc }, [['identity', undefined]]],
    ['AWS::IAM::Policy', { PolicyName: 'p', PolicyDocument: doc, Roles: [{ Ref: 'R' }] }, [['identity', undefined]]],
    ['AWS::S3::BucketPolicy', { PolicyDocument: doc }, [['resource', 'AWS::S3::Bucket']]],
    ['AWS::SQS::QueuePolicy', { PolicyDocument: doc }, [['resource', 'AWS::SQS::Queue']]],
    ['AWS::SNS::TopicPolicy', { PolicyDocument: doc }, [['resource', 'AWS::SNS::Topic']]],
    ['AWS::KMS::Key', { KeyPolicy: doc }, [['resource', 'AWS::KMS::Key']]],
    ['AWS::ECR::Repository', { RepositoryPolicyText: doc }, [['resource', 'AWS::ECR::Repository']]],
    ['AWS::SecretsManager::ResourcePolicy', { ResourcePolicy: doc }, [['resource', 'AWS::SecretsManager::Secret']]],
    ['AWS::S3::Bucket', {}, []],
  ])('CloudFormation %s', (type, properties, expected) => {
    const template = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { X: { Type: type, Properties: properties } } });
    const { documents } = documentsInFile(createSourceFile('t.json', template));
    expect(documents.map((d) => [d.policy.kind, d.resourceType])).toEqual(expected);
  });

  it.each([
    ['aws_iam_policy', { policy: 'P' }, [['identity', undefined]]],
    ['aws_iam_role', { assume_role_policy: 'P', inline_policy: [{ name: 'a', policy: 'P' }] }, [['trust', undefined], ['identity', undefined]]],
    ['aws_iam_role_policy', { policy: 'P' }, [['identity', undefined]]],
    ['aws_iam_user_policy', { policy: 'P' }, [['identity', undefined]]],
    ['aws_iam_group_policy', { policy: 'P' }, [['identity', undefined]]],
    ['aws_s3_bucket_policy', { policy: 'P' }, [['resource', 'AWS::S3::Bucket']]],
    ['aws_sqs_queue_policy', { policy: 'P' }, [['resource', 'AWS::SQS::Queue']]],
    ['aws_sns_topic_policy', { policy: 'P' }, [['resource', 'AWS::SNS::Topic']]],
    ['aws_kms_key', { policy: 'P' }, [['resource', 'AWS::KMS::Key']]],
    ['aws_ecr_repository_policy', { policy: 'P' }, [['resource', 'AWS::ECR::Repository']]],
    ['aws_secretsmanager_secret_policy', { policy: 'P' }, [['resource', 'AWS::SecretsManager::Secret']]],
    ['aws_organizations_policy', { type: 'RESOURCE_CONTROL_POLICY', content: 'P' }, [['rcp', undefined]]],
    ['aws_s3_bucket', { bucket: 'b' }, []],
    // The provider writes an empty block when a role has no inline policy.
    ['aws_iam_role', { assume_role_policy: 'P', inline_policy: [{ name: '', policy: '' }] }, [['trust', undefined]]],
  ])('Terraform %s', (type, values, expected) => {
    const policy = JSON.stringify(doc);
    const filled = JSON.parse(JSON.stringify(values).replaceAll('"P"', JSON.stringify(policy))) as object;
    const plan = JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [{ address: `${type}.x`, mode: 'managed', type, name: 'x', values: filled }] } } });
    const { documents } = documentsInFile(createSourceFile('plan.json', plan));
    expect(documents.map((d) => [d.policy.kind, d.resourceType])).toEqual(expected);
  });
});
