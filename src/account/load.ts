// Loaders: `aws iam get-account-authorization-details` dumps (AWS CLI output with documents as JSON objects, or
// raw API output with URL-encoded documents, per document), the organization file (`--org`) and the
// resource-policies file (`--resource-policies`). Every policy keeps spans into the text it was read from.
import type { Finding } from '../core/finding.js';
import { createSourceFile, spanAt, type SourceFile } from '../core/source.js';
import type { Span } from '../core/span.js';
import { parseJson } from '../policy/parse-json.js';
import { parseSource } from '../policy/read.js';
import { policyFromTree } from '../policy/index.js';
import { normalizePolicy } from '../policy/normalize.js';
import { getMember, type ObjectNode, type ScalarNode, type ValueNode } from '../policy/tree.js';
import type { NormalizedPolicy, PolicyKind } from '../policy/types.js';
import {
  createAccount,
  type Account,
  type Group,
  type InlinePolicy,
  type ManagedPolicy,
  type ManagedPolicyVersion,
  type OrgPolicies,
  type ResourcePolicies,
  type Role,
  type User,
} from './model.js';

/** A managed policy from the bundled AWS data, as the catalog returns it. */
export interface CatalogManagedPolicy {
  name: string;
  arn: string;
  versionId: string;
  document: unknown;
}

export interface LoadAccountOptions {
  /** Resolves AWS managed policies the dump references only by ARN (the catalog's `managedPolicy`). */
  resolveManagedPolicy?: (arn: string) => CatalogManagedPolicy | undefined;
  /**
   * Also check every document against the policy schemas (default false: IAM accepted every document of a dump
   * already, so this only costs time on large accounts; `iamcheck lint` checks dumps in full).
   */
  validate?: boolean;
}

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

/** A reference from a user/group/role to a group or managed policy, kept with its place for later checks. */
interface Reference {
  kind: 'group' | 'policy';
  target: string;
  by: string;
  file: string;
  span: Span;
}

/** Walks one dump file, reporting into its findings. */
class DumpReader {
  constructor(
    readonly source: SourceFile,
    readonly findings: Finding[],
    readonly references: Reference[],
    readonly validate: boolean,
  ) {}

  /** Normalizes one parsed document (validating it too when asked). */
  policy(root: ValueNode, source: SourceFile, kind: PolicyKind, name: string): NormalizedPolicy {
    if (!this.validate) return normalizePolicy(root, { kind, name, file: source.path, source });
    const { policy, findings } = policyFromTree(root, source, { kind, name });
    this.findings.push(...findings);
    return policy;
  }

  refer(kind: Reference['kind'], target: string, by: string, span: Span): void {
    this.references.push({ kind, target, by, file: this.source.path, span });
  }

  report(ruleId: string, span: Span, message: string, help: string, notes?: string[], severity: Finding['severity'] = 'error'): void {
    const finding: Finding = { ruleId, severity, message, file: this.source.path, span, help };
    if (notes) finding.notes = notes;
    this.findings.push(finding);
  }

  string(node: ObjectNode, key: string): string | undefined {
    const member = getMember(node, key);
    if (!member) return undefined;
    if (member.value.type === 'string') return member.value.value as string;
    this.report('account/wrong-type', member.value.span, `\`${key}\` should be a string.`, 'Pass the output of `aws iam get-account-authorization-details` unchanged.');
    return undefined;
  }

  objects(node: ObjectNode, key: string): ObjectNode[] {
    const member = getMember(node, key);
    if (!member) return [];
    if (member.value.type !== 'array') {
      this.report('account/wrong-type', member.value.span, `\`${key}\` should be a list.`, 'Pass the output of `aws iam get-account-authorization-details` unchanged.');
      return [];
    }
    const out: ObjectNode[] = [];
    for (const element of member.value.elements) {
      if (element.type === 'object') out.push(element);
      else this.report('account/wrong-type', element.span, `An entry of \`${key}\` should be an object.`, 'Pass the output of `aws iam get-account-authorization-details` unchanged.');
    }
    return out;
  }

  strings(node: ObjectNode, key: string): string[] {
    const member = getMember(node, key);
    if (!member) return [];
    const items = member.value.type === 'array' ? member.value.elements : [member.value];
    const out: string[] = [];
    for (const item of items) {
      if (item.type === 'string') out.push(item.value as string);
      else this.report('account/wrong-type', item.span, `An entry of \`${key}\` should be a string.`, 'Pass the output of `aws iam get-account-authorization-details` unchanged.');
    }
    return out;
  }

  tags(node: ObjectNode): Record<string, string> {
    const tags: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const tag of this.objects(node, 'Tags')) {
      const key = this.string(tag, 'Key');
      const value = this.string(tag, 'Value');
      if (key !== undefined) tags[key] = value ?? '';
    }
    return tags;
  }

  /**
   * One policy document: a JSON object (AWS CLI output) or a string — URL-encoded (raw API output) or plain JSON
   * text. A decoded string is parsed as its own text named `<file> › <label>`. Unreadable documents are reported
   * at their place in the dump and yield undefined.
   */
  document(owner: ObjectNode, key: string, kind: PolicyKind, name: string, label: string): NormalizedPolicy | undefined {
    const member = getMember(owner, key);
    if (!member) {
      this.report('account/missing-document', owner.span, `\`${label}\` has no \`${key}\`.`, 'Fetch the dump again; its permissions are unknown until then.');
      return undefined;
    }
    const node = member.value;
    if (node.type === 'object') return this.policy(node, this.source, kind, name);
    if (node.type !== 'string') {
      this.report('account/wrong-type', node.span, `The document of \`${label}\` should be a JSON object or a URL-encoded string.`, 'Pass the output of `aws iam get-account-authorization-details` unchanged.');
      return undefined;
    }
    const raw = node.value as string;
    let text: string;
    // INVARIANT: an URL-encoded document starts with `%7B` (never `{`), so a leading `{` means plain JSON text,
    // which is parsed without decoding: decoding it would turn a literal `%2A` into `*`.
    if (/^\s*\{/.test(raw)) text = raw;
    else {
      const bad = firstBadEscape(raw);
      if (bad !== undefined) {
        const at = offsetInString(node, bad);
        this.report('account/undecodable-document', spanAt(this.source, at, at + 3),
          `The document of \`${label}\` is not valid URL encoding (\`${raw.slice(bad, bad + 3)}\` at character ${bad + 1}).`,
          'Fetch the dump again with `aws iam get-account-authorization-details` or `iamcheck fetch`; the permissions of this policy are unknown until then.',
          ['IAM returns documents URL-encoded (RFC 3986); this one does not decode, so it was left out of every decision.']);
        return undefined;
      }
      text = decodeURIComponent(raw);
    }
    const decoded = createSourceFile(`${this.source.path} › ${label}`, text);
    const parsed = parseJson(decoded);
    if (!parsed.root) {
      this.findings.push(...parsed.findings.map((f) => ({ ...f, notes: [...(f.notes ?? []), `The document sits at ${this.source.path}:${node.span.start.line}:${node.span.start.column}; positions are in its decoded text.`] })));
      return undefined;
    }
    this.findings.push(...parsed.findings);
    return this.policy(parsed.root, decoded, kind, name);
  }

  inlinePolicies(owner: ObjectNode, key: string, entity: string): InlinePolicy[] {
    const out: InlinePolicy[] = [];
    for (const item of this.objects(owner, key)) {
      const name = this.string(item, 'PolicyName') ?? '(unnamed)';
      const policy = this.document(item, 'PolicyDocument', 'identity', name, `${entity}/${name}`);
      out.push(policy ? { name, policy } : { name });
    }
    return out;
  }

  attachedArns(owner: ObjectNode, by: string): string[] {
    const out: string[] = [];
    for (const item of this.objects(owner, 'AttachedManagedPolicies')) {
      const arn = this.string(item, 'PolicyArn');
      if (!arn) continue;
      out.push(arn);
      this.refer('policy', arn, by, getMember(item, 'PolicyArn')!.value.span);
    }
    return out;
  }

  boundaryArn(owner: ObjectNode, by: string): string | undefined {
    const member = getMember(owner, 'PermissionsBoundary');
    if (!member || member.value.type !== 'object') return undefined;
    const arn = this.string(member.value, 'PermissionsBoundaryArn');
    if (arn) this.refer('policy', arn, by, getMember(member.value, 'PermissionsBoundaryArn')!.value.span);
    return arn;
  }
}

/** Index of the first `%` not followed by a valid escape, or of an escape sequence that is not UTF-8. */
function firstBadEscape(text: string): number | undefined {
  for (let i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
    if (!/^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) return i;
  }
  try {
    decodeURIComponent(text);
    return undefined;
  } catch {
    // Well-formed escapes that do not form UTF-8: find the first sequence that fails on its own.
    for (let i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
      let end = i;
      while (text[end] === '%' && end - i < 12) end += 3;
      try {
        decodeURIComponent(text.slice(i, end));
      } catch {
        return i;
      }
      i = end - 1;
    }
    return 0;
  }
}

/** Source offset of character `index` of a JSON string node's value. */
function offsetInString(node: ScalarNode, index: number): number {
  return node.valueOffsets?.[index] ?? node.span.start.offset + 1 + index;
}

function addUser(account: Account, reader: DumpReader, node: ObjectNode): void {
  const name = reader.string(node, 'UserName');
  const arn = reader.string(node, 'Arn');
  if (!name || !arn) {
    reader.report('account/missing-field', node.span, 'A user without `UserName` or `Arn`.', 'Pass the output of `aws iam get-account-authorization-details` unchanged.');
    return;
  }
  const user: User = {
    name, arn, path: reader.string(node, 'Path') ?? '/',
    groups: reader.strings(node, 'GroupList'),
    inlinePolicies: reader.inlinePolicies(node, 'UserPolicyList', name),
    managedPolicyArns: reader.attachedArns(node, `user ${name}`),
    tags: reader.tags(node),
  };
  const groupList = getMember(node, 'GroupList')?.value;
  if (groupList?.type === 'array') {
    for (const g of groupList.elements) if (g.type === 'string') reader.refer('group', g.value as string, `user ${name}`, g.span);
  }
  const boundary = reader.boundaryArn(node, `user ${name}`);
  if (boundary) user.permissionsBoundaryArn = boundary;
  noteDuplicate(reader, account.users.has(arn), node, `user ${arn}`);
  account.users.set(arn, user);
}

function addGroup(account: Account, reader: DumpReader, node: ObjectNode): void {
  const name = reader.string(node, 'GroupName');
  const arn = reader.string(node, 'Arn');
  if (!name || !arn) {
    reader.report('account/missing-field', node.span, 'A group without `GroupName` or `Arn`.', 'Pass the output of `aws iam get-account-authorization-details` unchanged.');
    return;
  }
  const group: Group = {
    name, arn, path: reader.string(node, 'Path') ?? '/',
    inlinePolicies: reader.inlinePolicies(node, 'GroupPolicyList', name),
    managedPolicyArns: reader.attachedArns(node, `group ${name}`),
  };
  noteDuplicate(reader, account.groups.has(name), node, `group ${name}`);
  account.groups.set(name, group);
}

function addRole(account: Account, reader: DumpReader, node: ObjectNode): void {
  const name = reader.string(node, 'RoleName');
  const arn = reader.string(node, 'Arn');
  if (!name || !arn) {
    reader.report('account/missing-field', node.span, 'A role without `RoleName` or `Arn`.', 'Pass the output of `aws iam get-account-authorization-details` unchanged.');
    return;
  }
  const role: Role = {
    name, arn, path: reader.string(node, 'Path') ?? '/',
    inlinePolicies: reader.inlinePolicies(node, 'RolePolicyList', name),
    managedPolicyArns: reader.attachedArns(node, `role ${name}`),
    instanceProfiles: reader.objects(node, 'InstanceProfileList').flatMap((p) => {
      const profileName = reader.string(p, 'InstanceProfileName');
      const profileArn = reader.string(p, 'Arn');
      return profileName && profileArn ? [{ name: profileName, arn: profileArn }] : [];
    }),
    tags: reader.tags(node),
  };
  const trust = reader.document(node, 'AssumeRolePolicyDocument', 'trust', `${name} trust policy`, `${name}/trust policy`);
  if (trust) role.trustPolicy = trust;
  const boundary = reader.boundaryArn(node, `role ${name}`);
  if (boundary) role.permissionsBoundaryArn = boundary;
  noteDuplicate(reader, account.roles.has(arn), node, `role ${arn}`);
  account.roles.set(arn, role);
}

function addManagedPolicy(account: Account, reader: DumpReader, node: ObjectNode): void {
  const name = reader.string(node, 'PolicyName');
  const arn = reader.string(node, 'Arn');
  if (!name || !arn) {
    reader.report('account/missing-field', node.span, 'A policy without `PolicyName` or `Arn`.', 'Pass the output of `aws iam get-account-authorization-details` unchanged.');
    return;
  }
  const defaultVersionId = reader.string(node, 'DefaultVersionId');
  const versions: ManagedPolicyVersion[] = [];
  for (const v of reader.objects(node, 'PolicyVersionList')) {
    const versionId = reader.string(v, 'VersionId') ?? '?';
    const isDefaultMember = getMember(v, 'IsDefaultVersion');
    const isDefaultVersion = isDefaultMember?.value.type === 'boolean' ? isDefaultMember.value.value === true : versionId === defaultVersionId;
    // Non-default versions are kept (and reported when unreadable) but never enter a decision.
    const policy = reader.document(v, 'Document', 'identity', name, `${name}/${versionId}`);
    versions.push(policy ? { versionId, isDefaultVersion, policy } : { versionId, isDefaultVersion });
  }
  const managed: ManagedPolicy = { arn, name, path: reader.string(node, 'Path') ?? '/', versions, awsManaged: /^arn:[\w-]+:iam::aws:policy\//.test(arn) };
  if (defaultVersionId) managed.defaultVersionId = defaultVersionId;
  if (!versions.some((v) => v.isDefaultVersion)) {
    reader.report('account/no-default-version', node.span, `Managed policy \`${name}\` has no default version in the dump.`,
      'Fetch the dump again without filtering policy versions; the permissions this policy grants are unknown until then.');
  }
  noteDuplicate(reader, account.managedPolicies.has(arn), node, `policy ${arn}`);
  account.managedPolicies.set(arn, managed);
}

function noteDuplicate(reader: DumpReader, exists: boolean, node: ObjectNode, what: string): void {
  if (!exists) return;
  reader.report('account/duplicate-entity', node.span, `The ${what} is described again; this description replaces the earlier one.`,
    'Pass each account dump (or page) once.', undefined, 'info');
}

/** One page (object) of a dump. */
function addPage(account: Account, reader: DumpReader, page: ObjectNode): void {
  if (!LISTS.some((key) => getMember(page, key))) {
    reader.report('account/not-a-dump', page.span, 'This is not the output of `aws iam get-account-authorization-details`.',
      'Pass the JSON that `aws iam get-account-authorization-details` or `iamcheck fetch` writes (it has `UserDetailList`, `RoleDetailList`, `Policies`, …).');
    return;
  }
  for (const node of reader.objects(page, 'UserDetailList')) addUser(account, reader, node);
  for (const node of reader.objects(page, 'GroupDetailList')) addGroup(account, reader, node);
  for (const node of reader.objects(page, 'RoleDetailList')) addRole(account, reader, node);
  for (const node of reader.objects(page, 'Policies')) addManagedPolicy(account, reader, node);
}

/** Adds one dump file (a page object, or a list of page objects) to the account. */
function addDump(account: Account, source: SourceFile, references: Reference[], validate: boolean): void {
  account.files.push(source.path);
  const parsed = parseJson(source);
  account.findings.push(...parsed.findings);
  if (!parsed.root) return;
  const reader = new DumpReader(source, account.findings, references, validate);
  const pages = parsed.root.type === 'array' ? parsed.root.elements : [parsed.root];
  for (const page of pages) {
    if (page.type === 'object') addPage(account, reader, page);
    else reader.report('account/not-a-dump', page.span, 'This is not the output of `aws iam get-account-authorization-details`.', 'Pass the JSON object that command prints.');
  }
}

/**
 * Checks every reference once all files are read: groups that no file describes, and managed policies the dump
 * lacks — AWS managed ones are resolved from the bundled data, the rest reported where they are referenced.
 */
function resolveReferences(account: Account, references: Reference[], options: LoadAccountOptions): void {
  const reported = new Set<string>();
  for (const ref of references) {
    if (ref.kind === 'group') {
      if (account.groups.has(ref.target)) continue;
      account.findings.push({
        ruleId: 'account/missing-group', severity: 'warning', file: ref.file, span: ref.span,
        message: `Group \`${ref.target}\` (of ${ref.by}) is not in the account files.`,
        notes: ['The group\'s policies are unknown, so decisions for this user may be wrong.'],
        help: 'Pass the whole dump (every page) of `aws iam get-account-authorization-details`.',
      });
      continue;
    }
    if (account.managedPolicies.has(ref.target)) continue;
    const awsManaged = /^arn:[\w-]+:iam::aws:policy\//.test(ref.target);
    const record = awsManaged ? options.resolveManagedPolicy?.(ref.target) : undefined;
    if (record) {
      const label = `<AWS managed policy ${record.name} ${record.versionId}>`;
      const source = createSourceFile(label, JSON.stringify(record.document, null, 2));
      const parsed = parseJson(source);
      const version: ManagedPolicyVersion = { versionId: record.versionId, isDefaultVersion: true };
      if (parsed.root) version.policy = policyFromTree(parsed.root, source, { kind: 'identity', name: record.name }).policy;
      account.managedPolicies.set(ref.target, { arn: ref.target, name: record.name, path: '/', defaultVersionId: record.versionId, versions: [version], awsManaged: true, fromCatalog: true });
      continue;
    }
    const key = `${ref.target} ${ref.by}`;
    if (reported.has(key)) continue;
    reported.add(key);
    account.findings.push({
      ruleId: 'account/unknown-managed-policy', severity: 'warning', file: ref.file, span: ref.span,
      message: `Managed policy \`${ref.target}\` (attached to ${ref.by}) is not in the account files${awsManaged ? ' nor in the bundled AWS managed-policy data' : ''}.`,
      notes: ['Its permissions are unknown, so decisions for the principals that carry it may be wrong.'],
      help: awsManaged ? 'Update iamcheck for newer AWS managed-policy data, or include the policy in the dump.' : 'Pass the dump that includes the account\'s customer managed policies (`aws iam get-account-authorization-details` without `--filter`).',
    });
  }
}

/**
 * Builds an account from one or more `get-account-authorization-details` outputs (files or pages), merged in
 * order. Pure: the caller reads the files. Unreadable documents become findings and the rest still loads.
 */
export function loadAccount(sources: SourceFile[], options: LoadAccountOptions = {}): Account {
  const account = createAccount();
  const references: Reference[] = [];
  for (const source of sources) addDump(account, source, references, options.validate === true);
  resolveReferences(account, references, options);
  return account;
}

/** A policy entry of the org or resource-policies file: a document, or `{"name", "document"}`. */
function entryPolicy(node: ValueNode, source: SourceFile, kind: PolicyKind, fallbackName: string, findings: Finding[]): NormalizedPolicy | undefined {
  if (node.type !== 'object') {
    findings.push({ ruleId: 'account/wrong-type', severity: 'error', file: source.path, span: node.span,
      message: 'Expected a policy document or `{"name": …, "document": …}`.', help: 'Write the policy as a JSON object.' });
    return undefined;
  }
  const document = getMember(node, 'document');
  let root: ValueNode = node;
  let name = fallbackName;
  if (document) {
    const nameMember = getMember(node, 'name');
    if (nameMember?.value.type === 'string') name = nameMember.value.value as string;
    root = document.value;
  }
  const { policy, findings: policyFindings } = policyFromTree(root, source, { kind, name });
  findings.push(...policyFindings);
  return policy;
}

/** Parses `{"scps": [[…], […]], "rcps": [[…]]}` (one list per level, root first). JSON or YAML. */
export function loadOrg(source: SourceFile): { org: OrgPolicies; findings: Finding[] } {
  const findings: Finding[] = [];
  const org: OrgPolicies = { scps: [], rcps: [] };
  const parsed = parseSource(source);
  findings.push(...parsed.findings);
  if (!parsed.root) return { org, findings };
  const root = parsed.root;
  if (root.type !== 'object') {
    findings.push({ ruleId: 'account/wrong-type', severity: 'error', file: source.path, span: root.span, fatal: true,
      message: 'The org file should be an object `{"scps": [[…]], "rcps": [[…]]}`.', help: 'See schemas/org.schema.json.' });
    return { org, findings };
  }
  for (const member of root.members) {
    const key = member.key.value;
    if (key !== 'scps' && key !== 'rcps') {
      findings.push({ ruleId: 'account/unknown-key', severity: 'error', file: source.path, span: member.key.span,
        message: `Unknown key \`${key}\` in the org file; it was ignored.`, help: 'Use `scps` and `rcps` (see schemas/org.schema.json).' });
      continue;
    }
    const kind: PolicyKind = key === 'scps' ? 'scp' : 'rcp';
    if (member.value.type !== 'array') {
      findings.push({ ruleId: 'account/wrong-type', severity: 'error', file: source.path, span: member.value.span, fatal: true,
        message: `\`${key}\` should be a list of levels (root first), each a list of policies.`, help: `Write \`"${key}": [[root policies…], [OU policies…], [account policies…]]\`.` });
      continue;
    }
    member.value.elements.forEach((level, levelIndex) => {
      const policies: NormalizedPolicy[] = [];
      if (level.type !== 'array') {
        findings.push({ ruleId: 'account/wrong-type', severity: 'error', file: source.path, span: level.span, fatal: true,
          message: `Level ${levelIndex} of \`${key}\` should be a list of policies.`, help: 'Wrap the level\'s policies in `[…]`, even when there is one.' });
      } else {
        level.elements.forEach((entry, i) => {
          const policy = entryPolicy(entry, source, kind, `${key === 'scps' ? 'SCP' : 'RCP'} level ${levelIndex} #${i + 1}`, findings);
          if (policy) policies.push(policy);
        });
      }
      org[key].push(policies);
    });
  }
  return { org, findings };
}

/** Parses `{"<resource ARN>": document | {"name", "document"}}`. JSON or YAML. */
export function loadResourcePolicies(source: SourceFile): { resourcePolicies: ResourcePolicies; findings: Finding[] } {
  const findings: Finding[] = [];
  const resourcePolicies: ResourcePolicies = new Map();
  const parsed = parseSource(source);
  findings.push(...parsed.findings);
  if (!parsed.root) return { resourcePolicies, findings };
  if (parsed.root.type !== 'object') {
    findings.push({ ruleId: 'account/wrong-type', severity: 'error', file: source.path, span: parsed.root.span, fatal: true,
      message: 'The resource-policies file should be an object keyed by resource ARN.', help: 'Write `{"arn:aws:s3:::bucket": {"Version": "2012-10-17", "Statement": […]}}`.' });
    return { resourcePolicies, findings };
  }
  for (const member of parsed.root.members) {
    const arn = member.key.value;
    if (!arn.startsWith('arn:')) {
      findings.push({ ruleId: 'account/not-an-arn', severity: 'error', file: source.path, span: member.key.span,
        message: `\`${arn}\` is not a resource ARN; its policy was ignored.`, help: 'Key each policy by the ARN of its resource (`arn:aws:s3:::bucket`, `arn:aws:kms:…:key/…`).' });
      continue;
    }
    const policy = entryPolicy(member.value, source, 'resource', `resource policy of ${arn}`, findings);
    if (policy) resourcePolicies.set(arn, policy);
  }
  return { resourcePolicies, findings };
}
