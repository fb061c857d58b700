import { toPlain, type ValueNode } from './tree.js';
import type { PolicyKind } from './types.js';

/** Where each IAM size quota below is documented. */
export const IAM_QUOTAS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html';
const ORGANIZATIONS_QUOTAS_URL = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html';

/** The size quotas AWS puts on one policy document, by where the document is stored. */
export type QuotaName =
  | 'managed-policy'
  | 'role-inline-policy'
  | 'user-inline-policy'
  | 'group-inline-policy'
  | 'role-trust-policy'
  | 'session-policy'
  | 'scp'
  | 'rcp'
  | 's3-bucket-policy'
  | 'sqs-queue-policy'
  | 'sns-topic-policy'
  | 'kms-key-policy'
  | 'secrets-manager-resource-policy';

export interface PolicyQuota {
  /** What the quota applies to, in AWS's words, for messages. */
  label: string;
  limit: number;
  unit: 'characters' | 'bytes';
  /** IAM does not count white space; Organizations and the resource services count every character. */
  countsWhitespace: boolean;
  /** How the quota can be raised, when it can. */
  adjustable?: string;
  url: string;
}

/**
 * One table of the numbers. IAM's inline quotas are aggregates over all inline policies of the identity; a single
 * document over the aggregate is certainly too large, which is what we can tell from one document.
 */
export const POLICY_QUOTAS: Readonly<Record<QuotaName, PolicyQuota>> = {
  'managed-policy': { label: 'a managed policy', limit: 6144, unit: 'characters', countsWhitespace: false, url: IAM_QUOTAS_URL },
  'role-inline-policy': { label: 'the inline policies of a role (all together)', limit: 10240, unit: 'characters', countsWhitespace: false, url: IAM_QUOTAS_URL },
  'user-inline-policy': { label: 'the inline policies of a user (all together)', limit: 2048, unit: 'characters', countsWhitespace: false, url: IAM_QUOTAS_URL },
  'group-inline-policy': { label: 'the inline policies of a group (all together)', limit: 5120, unit: 'characters', countsWhitespace: false, url: IAM_QUOTAS_URL },
  'role-trust-policy': {
    label: 'a role trust policy', limit: 2048, unit: 'characters', countsWhitespace: false,
    adjustable: 'The default of 2,048 characters can be raised through Service Quotas ("Role trust policy length").', url: IAM_QUOTAS_URL,
  },
  'session-policy': {
    label: 'a session policy', limit: 2048, unit: 'characters', countsWhitespace: false, url: IAM_QUOTAS_URL,
  },
  scp: { label: 'a service control policy', limit: 5120, unit: 'characters', countsWhitespace: true, url: ORGANIZATIONS_QUOTAS_URL },
  rcp: { label: 'a resource control policy', limit: 5120, unit: 'characters', countsWhitespace: true, url: ORGANIZATIONS_QUOTAS_URL },
  's3-bucket-policy': {
    label: 'an S3 bucket policy', limit: 20480, unit: 'bytes', countsWhitespace: true,
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html',
  },
  'sqs-queue-policy': {
    label: 'an SQS queue policy', limit: 8192, unit: 'bytes', countsWhitespace: true,
    url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-policies.html',
  },
  'sns-topic-policy': {
    label: 'an SNS topic policy', limit: 30720, unit: 'bytes', countsWhitespace: true,
    url: 'https://docs.aws.amazon.com/general/latest/gr/sns.html',
  },
  'kms-key-policy': {
    label: 'a KMS key policy', limit: 32768, unit: 'bytes', countsWhitespace: true,
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html',
  },
  'secrets-manager-resource-policy': {
    label: 'a Secrets Manager resource policy', limit: 20480, unit: 'characters', countsWhitespace: true,
    url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html',
  },
};

const RESOURCE_TYPE_QUOTAS: Readonly<Record<string, QuotaName>> = {
  'AWS::S3::Bucket': 's3-bucket-policy',
  'AWS::SQS::Queue': 'sqs-queue-policy',
  'AWS::SNS::Topic': 'sns-topic-policy',
  'AWS::KMS::Key': 'kms-key-policy',
  'AWS::SecretsManager::Secret': 'secrets-manager-resource-policy',
};

/**
 * The quota a document of this kind is held to when nothing says where it is stored: a standalone identity
 * policy is taken to be a managed policy (the smallest limit that is not an aggregate). Undefined when unknown.
 */
export function defaultQuota(kind: PolicyKind, resourceType?: string): QuotaName | undefined {
  switch (kind) {
    case 'identity':
    case 'boundary':
      return 'managed-policy';
    case 'trust':
      return 'role-trust-policy';
    case 'session':
      return 'session-policy';
    case 'scp':
      return 'scp';
    case 'rcp':
      return 'rcp';
    case 'resource':
      return resourceType ? RESOURCE_TYPE_QUOTAS[resourceType] : undefined;
  }
}

/**
 * The size of a document as the quota counts it. `documentText` is the document exactly as written (when it is
 * JSON); without it, or when white space does not count, the document is measured in its compact JSON form.
 * `plain` is `toPlain(root)` when the caller already has it.
 */
export function measurePolicy(root: ValueNode, quota: PolicyQuota, documentText?: string, plain?: unknown): number {
  const text = quota.countsWhitespace && documentText !== undefined ? documentText : JSON.stringify(plain ?? toPlain(root));
  return quota.unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : text.length;
}
