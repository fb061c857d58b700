import type { Finding } from '../core/finding.js';
import { spanAt, type SourceFile } from '../core/source.js';
import { parseEmbeddedJson, type StringEncoding } from './embedded.js';
import { isIntrinsic, resolveIntrinsics } from './intrinsics.js';
import { findEmptyYaml } from './parse-yaml.js';
import { policyFromTree, type ParsePolicyOptions } from './pipeline.js';
import type { QuotaName } from './quotas.js';
import { detectFormat, parseSource, type DocumentFormat } from './read.js';
import { getMember, type ObjectNode, type ScalarNode, type ValueNode } from './tree.js';
import type { NormalizedPolicy, PolicyKind } from './types.js';

/** What kind of file a policy was found in. */
export type ContainerType = 'cloudformation' | 'terraform-plan' | 'authorization-details';

/** One policy document found in a file: standalone, or embedded in a template, plan or dump. */
export interface PolicyDocument {
  policy: NormalizedPolicy;
  root: ValueNode;
  /** The file the user gave (spans point into it, also for embedded documents). */
  source: SourceFile;
  /** Parse and schema findings of this document. */
  findings: Finding[];
  /**
   * For resource policies: the CloudFormation type of the resource the policy governs (`AWS::KMS::Key`,
   * `AWS::S3::Bucket`), as Access Analyzer takes it.
   */
  resourceType?: string;
  /** Where the document sits in its container, e.g. `Resources.AppRole.Properties.AssumeRolePolicyDocument`. */
  location?: string;
  /** Set for embedded documents: the kind of file they were found in. */
  container?: ContainerType;
}

export interface DocumentsOptions {
  /** The kind of a standalone document (`--policy-type`); embedded documents take theirs from where they sit. */
  kind?: PolicyKind;
  /** The resource type of a standalone resource policy (`--resource-type`). */
  resourceType?: string;
  /** Overrides detection from the file name and first character. */
  format?: DocumentFormat;
}

export interface DocumentsResult {
  documents: PolicyDocument[];
  /** Findings about the file as a whole: parse errors, no policy found, values known only at deploy time. */
  findings: Finding[];
  /** Set when the file is a container of policies rather than one policy. */
  containerType?: ContainerType;
}

/** Where a document was found and what AWS makes of it there. */
interface Slot {
  kind: PolicyKind;
  name: string;
  location: string;
  quota?: QuotaName;
  resourceType?: string;
}

class Collector {
  readonly documents: PolicyDocument[] = [];
  readonly findings: Finding[] = [];

  constructor(
    readonly source: SourceFile,
    readonly format: DocumentFormat,
    readonly container: ContainerType,
  ) {}

  /** Adds the document at `node` (an object, a JSON string, or a URL-encoded JSON string). */
  add(node: ValueNode | undefined, slot: Slot): void {
    // No document: absent, null, or the empty string Terraform writes for an unset policy (`inline_policy`).
    if (!node || node.type === 'null' || (node.type === 'string' && (node.value as string).trim() === '')) return;
    if (this.container === 'cloudformation' && isIntrinsic(node)) {
      this.unresolved(node, `The policy document at ${slot.location}`);
      return;
    }
    if (node.type === 'object') {
      const root = this.container === 'cloudformation' ? resolveIntrinsics(node) : node;
      const documentText = this.format === 'json' ? this.source.text.slice(node.span.start.offset, node.span.end.offset) : undefined;
      this.finish(root, [], slot, documentText);
      return;
    }
    if (node.type === 'string') {
      const text = node.value as string;
      const encoding: StringEncoding | undefined = /^\s*\{/.test(text) ? 'json' : /^\s*%7B/i.test(text) ? 'url-encoded' : undefined;
      if (encoding) {
        const parsed = parseEmbeddedJson(this.source, node as ScalarNode, encoding);
        if (!parsed.root) {
          // Embedded: a broken document does not stop the analysis of the others in the file.
          this.findings.push(...parsed.findings.map((f) => ({ ...f, message: `${slot.name}: ${f.message}`, fatal: false })));
          return;
        }
        this.finish(parsed.root, parsed.findings, slot, parsed.text);
        return;
      }
    }
    this.findings.push({
      ruleId: 'parse/invalid-document', severity: 'error', file: this.source.path, span: node.span,
      message: `The policy document at ${slot.location} is not a JSON object or a JSON string.`,
      help: 'Give the policy as an object `{"Version": …, "Statement": […]}` or as its JSON text.',
    });
  }

  private finish(root: ValueNode, parseFindings: Finding[], slot: Slot, documentText: string | undefined): void {
    const options: ParsePolicyOptions = { kind: slot.kind, name: slot.name, quota: slot.quota ?? null };
    if (documentText !== undefined) options.documentText = documentText;
    const { policy, findings } = policyFromTree(root, this.source, options);
    const document: PolicyDocument = { policy, root, source: this.source, findings: [...parseFindings, ...findings], location: slot.location, container: this.container };
    if (slot.resourceType) document.resourceType = slot.resourceType;
    this.documents.push(document);
  }

  /** A CloudFormation value computed by an intrinsic function at deploy time: reported, not silently skipped. */
  unresolved(node: ValueNode, what: string): void {
    this.findings.push({
      ruleId: 'parse/unresolved-document', severity: 'info', file: this.source.path, span: node.span,
      message: `${what} is computed by an intrinsic function; iamcheck cannot check it.`,
      help: 'Write the document literally in the template to have it checked.',
    });
  }

  /** A value known only after `terraform apply`: reported, not silently skipped. */
  unknown(node: ValueNode, what: string): void {
    this.findings.push({
      ruleId: 'parse/unresolved-document', severity: 'info', file: this.source.path, span: node.span,
      message: `${what} is known only after apply; iamcheck cannot check it.`,
      help: 'Check the policy where it is written (its JSON file or `aws_iam_policy_document`), or lint the state after apply.',
    });
  }
}

const str = (node: ValueNode | undefined): string | undefined => (node?.type === 'string' ? (node.value as string) : undefined);
const member = (node: ValueNode | undefined, key: string): ValueNode | undefined => (node?.type === 'object' ? getMember(node, key)?.value : undefined);
const isTrue = (node: ValueNode | undefined): boolean => node?.type === 'boolean' && node.value === true;
const elements = (node: ValueNode | undefined): ValueNode[] => (node?.type === 'array' ? node.elements : []);

// ---------------------------------------------------------------------------------------------------------------
// CloudFormation

interface CfnSlot {
  /** Property that holds one document, or that holds a `Policies` list of `{PolicyName, PolicyDocument}`. */
  property: string;
  list?: boolean;
  kind: PolicyKind;
  quota?: QuotaName;
  resourceType?: string;
}

/** Where CloudFormation resource types keep their policies. */
const CFN_SLOTS: Readonly<Record<string, readonly CfnSlot[]>> = {
  'AWS::IAM::Role': [
    { property: 'AssumeRolePolicyDocument', kind: 'trust', quota: 'role-trust-policy' },
    { property: 'Policies', list: true, kind: 'identity', quota: 'role-inline-policy' },
  ],
  'AWS::IAM::User': [{ property: 'Policies', list: true, kind: 'identity', quota: 'user-inline-policy' }],
  'AWS::IAM::Group': [{ property: 'Policies', list: true, kind: 'identity', quota: 'group-inline-policy' }],
  'AWS::IAM::ManagedPolicy': [{ property: 'PolicyDocument', kind: 'identity', quota: 'managed-policy' }],
  'AWS::IAM::Policy': [{ property: 'PolicyDocument', kind: 'identity' }],
  'AWS::IAM::RolePolicy': [{ property: 'PolicyDocument', kind: 'identity', quota: 'role-inline-policy' }],
  'AWS::IAM::UserPolicy': [{ property: 'PolicyDocument', kind: 'identity', quota: 'user-inline-policy' }],
  'AWS::IAM::GroupPolicy': [{ property: 'PolicyDocument', kind: 'identity', quota: 'group-inline-policy' }],
  'AWS::S3::BucketPolicy': [{ property: 'PolicyDocument', kind: 'resource', quota: 's3-bucket-policy', resourceType: 'AWS::S3::Bucket' }],
  'AWS::SQS::QueuePolicy': [{ property: 'PolicyDocument', kind: 'resource', quota: 'sqs-queue-policy', resourceType: 'AWS::SQS::Queue' }],
  'AWS::SNS::TopicPolicy': [{ property: 'PolicyDocument', kind: 'resource', quota: 'sns-topic-policy', resourceType: 'AWS::SNS::Topic' }],
  'AWS::KMS::Key': [{ property: 'KeyPolicy', kind: 'resource', quota: 'kms-key-policy', resourceType: 'AWS::KMS::Key' }],
  'AWS::ECR::Repository': [{ property: 'RepositoryPolicyText', kind: 'resource', resourceType: 'AWS::ECR::Repository' }],
  'AWS::SecretsManager::ResourcePolicy': [
    { property: 'ResourcePolicy', kind: 'resource', quota: 'secrets-manager-resource-policy', resourceType: 'AWS::SecretsManager::Secret' },
  ],
};

/** The tightest inline quota of the identities an `AWS::IAM::Policy` is attached to. */
function inlinePolicyQuota(properties: ValueNode | undefined): QuotaName {
  if (elements(member(properties, 'Users')).length) return 'user-inline-policy';
  if (elements(member(properties, 'Groups')).length) return 'group-inline-policy';
  return 'role-inline-policy';
}

function extractCloudFormation(root: ObjectNode, collector: Collector): void {
  const resources = member(root, 'Resources');
  if (resources?.type !== 'object') return;
  for (const resource of resources.members) {
    const logicalId = resource.key.value;
    const type = str(member(resource.value, 'Type'));
    const slots = type ? CFN_SLOTS[type] : undefined;
    if (!slots) continue;
    const properties = member(resource.value, 'Properties');
    const base = `Resources.${logicalId}.Properties`;
    for (const slot of slots) {
      const value = member(properties, slot.property);
      if (!slot.list) {
        const quota = slot.quota ?? (type === 'AWS::IAM::Policy' ? inlinePolicyQuota(properties) : undefined);
        const policyName = str(member(properties, 'PolicyName'));
        collector.add(value, {
          kind: slot.kind, quota, resourceType: slot.resourceType, location: `${base}.${slot.property}`,
          name: policyName ? `${logicalId}/${policyName}` : `${logicalId}.${slot.property}`,
        });
        continue;
      }
      if (value && isIntrinsic(value)) {
        collector.unresolved(value, `The \`${slot.property}\` of ${logicalId}`);
        continue;
      }
      elements(value).forEach((entry, i) => {
        if (isIntrinsic(entry)) {
          collector.unresolved(entry, `Policy ${i + 1} of the \`${slot.property}\` of ${logicalId}`);
          return;
        }
        const policyName = str(member(entry, 'PolicyName')) ?? `#${i + 1}`;
        collector.add(member(entry, 'PolicyDocument'), {
          kind: slot.kind, quota: slot.quota, location: `${base}.${slot.property}[${i}].PolicyDocument`, name: `${logicalId}/${policyName}`,
        });
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Terraform plan or state (`terraform show -json [plan]`)

interface TfSlot {
  attribute: string;
  kind: PolicyKind | ((values: ValueNode) => PolicyKind | undefined);
  quota?: QuotaName;
  resourceType?: string;
  /** The attribute is a list of `{name, policy}` blocks (`aws_iam_role.inline_policy`). */
  blocks?: boolean;
}

const ORGANIZATIONS_POLICY_TYPES: Readonly<Record<string, PolicyKind>> = { SERVICE_CONTROL_POLICY: 'scp', RESOURCE_CONTROL_POLICY: 'rcp' };

/** Where Terraform AWS provider resource types keep their policies. */
const TF_SLOTS: Readonly<Record<string, readonly TfSlot[]>> = {
  aws_iam_policy: [{ attribute: 'policy', kind: 'identity', quota: 'managed-policy' }],
  aws_iam_role: [
    { attribute: 'assume_role_policy', kind: 'trust', quota: 'role-trust-policy' },
    { attribute: 'inline_policy', kind: 'identity', quota: 'role-inline-policy', blocks: true },
  ],
  aws_iam_role_policy: [{ attribute: 'policy', kind: 'identity', quota: 'role-inline-policy' }],
  aws_iam_user_policy: [{ attribute: 'policy', kind: 'identity', quota: 'user-inline-policy' }],
  aws_iam_group_policy: [{ attribute: 'policy', kind: 'identity', quota: 'group-inline-policy' }],
  aws_s3_bucket_policy: [{ attribute: 'policy', kind: 'resource', quota: 's3-bucket-policy', resourceType: 'AWS::S3::Bucket' }],
  aws_sqs_queue_policy: [{ attribute: 'policy', kind: 'resource', quota: 'sqs-queue-policy', resourceType: 'AWS::SQS::Queue' }],
  aws_sqs_queue: [{ attribute: 'policy', kind: 'resource', quota: 'sqs-queue-policy', resourceType: 'AWS::SQS::Queue' }],
  aws_sns_topic_policy: [{ attribute: 'policy', kind: 'resource', quota: 'sns-topic-policy', resourceType: 'AWS::SNS::Topic' }],
  aws_sns_topic: [{ attribute: 'policy', kind: 'resource', quota: 'sns-topic-policy', resourceType: 'AWS::SNS::Topic' }],
  aws_kms_key: [{ attribute: 'policy', kind: 'resource', quota: 'kms-key-policy', resourceType: 'AWS::KMS::Key' }],
  aws_ecr_repository_policy: [{ attribute: 'policy', kind: 'resource', resourceType: 'AWS::ECR::Repository' }],
  aws_secretsmanager_secret_policy: [
    { attribute: 'policy', kind: 'resource', quota: 'secrets-manager-resource-policy', resourceType: 'AWS::SecretsManager::Secret' },
  ],
  aws_organizations_policy: [{ attribute: 'content', kind: (values) => ORGANIZATIONS_POLICY_TYPES[str(member(values, 'type')) ?? 'SERVICE_CONTROL_POLICY'] }],
};

function extractTerraformResource(address: string, type: string, values: ValueNode, afterUnknown: ValueNode | undefined, collector: Collector): void {
  for (const slot of TF_SLOTS[type] ?? []) {
    const kind = typeof slot.kind === 'function' ? slot.kind(values) : slot.kind;
    if (!kind) continue;
    const value = member(values, slot.attribute);
    const base = { kind, quota: slot.quota, resourceType: slot.resourceType };
    if (slot.blocks) {
      elements(value).forEach((block, i) => {
        const name = str(member(block, 'name')) ?? `#${i + 1}`;
        collector.add(member(block, 'policy'), { ...base, name: `${address}.${slot.attribute}[${JSON.stringify(name)}]`, location: `${address}.${slot.attribute}[${i}].policy` });
      });
      continue;
    }
    if ((value === undefined || value.type === 'null' || str(value) === '') && isTrue(member(afterUnknown, slot.attribute))) {
      collector.unknown(values, `The \`${slot.attribute}\` of ${address}`);
      continue;
    }
    if (str(value) === '') continue;
    collector.add(value, { ...base, name: `${address}.${slot.attribute}`, location: `${address}.${slot.attribute}` });
  }
}

function extractTerraformPlan(root: ObjectNode, collector: Collector): void {
  const changes = new Map<string, ValueNode>();
  for (const change of elements(member(root, 'resource_changes'))) {
    const address = str(member(change, 'address'));
    if (address) changes.set(address, change);
  }
  const seen = new Set<string>();
  const walk = (module: ValueNode | undefined): void => {
    for (const resource of elements(member(module, 'resources'))) {
      const address = str(member(resource, 'address'));
      const type = str(member(resource, 'type'));
      const values = member(resource, 'values');
      if (!address || !type || str(member(resource, 'mode')) === 'data' || values?.type !== 'object') continue;
      seen.add(address);
      extractTerraformResource(address, type, values, member(member(changes.get(address), 'change'), 'after_unknown'), collector);
    }
    for (const child of elements(member(module, 'child_modules'))) walk(child);
  };
  walk(member(member(root, 'planned_values'), 'root_module'));
  // `terraform show -json` of a state file has the same module tree under `values`.
  walk(member(member(root, 'values'), 'root_module'));
  // Resources a plan lists only among its changes (no planned_values, e.g. a partial plan).
  for (const [address, change] of changes) {
    if (seen.has(address) || str(member(change, 'mode')) === 'data') continue;
    const type = str(member(change, 'type'));
    const after = member(member(change, 'change'), 'after');
    if (!type || after?.type !== 'object') continue;
    extractTerraformResource(address, type, after, member(member(change, 'change'), 'after_unknown'), collector);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// `aws iam get-account-authorization-details`

const AWS_MANAGED_ARN = /^arn:aws[a-z-]*:iam::aws:policy\//;

function extractAuthorizationDetails(root: ObjectNode, collector: Collector): void {
  const inline = (list: string, nameKey: string, policiesKey: string, quota: QuotaName, prefix: string): void => {
    elements(member(root, list)).forEach((entity, i) => {
      const entityName = str(member(entity, nameKey)) ?? `#${i + 1}`;
      elements(member(entity, policiesKey)).forEach((entry, j) => {
        const policyName = str(member(entry, 'PolicyName')) ?? `#${j + 1}`;
        collector.add(member(entry, 'PolicyDocument'), {
          kind: 'identity', quota, name: `${prefix}/${entityName}/${policyName}`, location: `${list}[${i}].${policiesKey}[${j}].PolicyDocument`,
        });
      });
    });
  };
  inline('UserDetailList', 'UserName', 'UserPolicyList', 'user-inline-policy', 'user');
  inline('GroupDetailList', 'GroupName', 'GroupPolicyList', 'group-inline-policy', 'group');
  elements(member(root, 'RoleDetailList')).forEach((role, i) => {
    const roleName = str(member(role, 'RoleName')) ?? `#${i + 1}`;
    collector.add(member(role, 'AssumeRolePolicyDocument'), {
      kind: 'trust', quota: 'role-trust-policy', name: `role/${roleName}/AssumeRolePolicyDocument`, location: `RoleDetailList[${i}].AssumeRolePolicyDocument`,
    });
  });
  inline('RoleDetailList', 'RoleName', 'RolePolicyList', 'role-inline-policy', 'role');
  elements(member(root, 'Policies')).forEach((policy, i) => {
    const arn = str(member(policy, 'Arn')) ?? '';
    // AWS managed policies are AWS's to maintain; findings in them are nothing the account owner can fix.
    if (AWS_MANAGED_ARN.test(arn)) return;
    const policyName = str(member(policy, 'PolicyName')) ?? `#${i + 1}`;
    const defaultId = str(member(policy, 'DefaultVersionId'));
    elements(member(policy, 'PolicyVersionList')).forEach((version, j) => {
      const isDefault = member(version, 'IsDefaultVersion');
      if (!(isTrue(isDefault) || (isDefault === undefined && str(member(version, 'VersionId')) === defaultId))) return;
      collector.add(member(version, 'Document'), {
        kind: 'identity', quota: 'managed-policy', name: `policy/${policyName}`, location: `Policies[${i}].PolicyVersionList[${j}].Document`,
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------

/** What a parsed file holds, from its top-level keys. */
export function detectContainer(root: ValueNode): ContainerType | 'policy' | undefined {
  if (root.type !== 'object') return undefined;
  const has = (key: string) => getMember(root, key) !== undefined;
  if (has('AWSTemplateFormatVersion')) return 'cloudformation';
  const resources = member(root, 'Resources');
  if (resources?.type === 'object' && resources.members.some((m) => str(member(m.value, 'Type'))?.startsWith('AWS::'))) return 'cloudformation';
  if (has('format_version') && (has('planned_values') || has('resource_changes') || has('values'))) return 'terraform-plan';
  if (has('UserDetailList') || has('RoleDetailList') || has('GroupDetailList')) return 'authorization-details';
  if (has('Statement') || has('Version') || has('Id')) return 'policy';
  return undefined;
}

/**
 * Every policy document in a file — a standalone policy, or each policy of a CloudFormation template, a
 * Terraform plan or an authorization-details dump — with the findings that belong to the file as a whole.
 * Spans of embedded documents (also those written as JSON strings) point into this file.
 */
export function documentsInFile(source: SourceFile, options: DocumentsOptions = {}): DocumentsResult {
  const format = options.format ?? detectFormat(source);
  const parsed = parseSource(source, format);
  if (!parsed.root) return { documents: [], findings: parsed.findings };
  const root = parsed.root;
  const empty = format === 'yaml' ? findEmptyYaml(source, root) : undefined;
  if (empty) return { documents: [], findings: [...parsed.findings, empty] };
  const what = detectContainer(root);
  if (what === 'policy' || (what === undefined && options.kind && root.type === 'object')) {
    const documentText = format === 'json' ? source.text.slice(root.span.start.offset, root.span.end.offset) : undefined;
    const { policy, findings } = policyFromTree(root, source, {
      ...(options.kind ? { kind: options.kind } : {}),
      ...(options.resourceType ? { resourceType: options.resourceType } : {}),
      ...(documentText !== undefined ? { documentText } : {}),
    });
    const document: PolicyDocument = { policy, root, source, findings };
    if (options.resourceType) document.resourceType = options.resourceType;
    return { documents: [document], findings: parsed.findings };
  }
  if (what === undefined || root.type !== 'object') {
    const start = root.span.start.offset;
    return {
      documents: [],
      findings: [
        ...parsed.findings,
        {
          ruleId: 'parse/not-a-policy', severity: 'error', file: source.path, span: spanAt(source, start, start + 1),
          message: 'No IAM policy found in this file.',
          notes: ['iamcheck reads policy documents (`{"Version": …, "Statement": …}`), CloudFormation templates, Terraform plans (`terraform show -json`) and `aws iam get-account-authorization-details` output.'],
          help: 'Pass one of those, or leave this file out of the paths you lint.',
        },
      ],
    };
  }
  const collector = new Collector(source, format, what);
  if (what === 'cloudformation') extractCloudFormation(root, collector);
  else if (what === 'terraform-plan') extractTerraformPlan(root, collector);
  else extractAuthorizationDetails(root, collector);
  return { documents: collector.documents, findings: [...parsed.findings, ...collector.findings], containerType: what };
}
