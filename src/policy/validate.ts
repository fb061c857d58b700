import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { IamcheckError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import type { SourceFile } from '../core/source.js';
import type { Span } from '../core/span.js';
import boundarySchema from '../../schemas/boundary.schema.json' with { type: 'json' };
import identitySchema from '../../schemas/identity.schema.json' with { type: 'json' };
import rcpSchema from '../../schemas/rcp.schema.json' with { type: 'json' };
import resourceSchema from '../../schemas/resource.schema.json' with { type: 'json' };
import scpSchema from '../../schemas/scp.schema.json' with { type: 'json' };
import sessionSchema from '../../schemas/session.schema.json' with { type: 'json' };
import trustSchema from '../../schemas/trust.schema.json' with { type: 'json' };
import { defaultQuota, measurePolicy, POLICY_QUOTAS, type QuotaName } from './quotas.js';
import { toPlain, type MemberNode, type ValueNode } from './tree.js';
import type { PolicyKind } from './types.js';

const SCHEMAS: Record<PolicyKind, object> = {
  identity: identitySchema, resource: resourceSchema, trust: trustSchema, scp: scpSchema, rcp: rcpSchema, boundary: boundarySchema, session: sessionSchema,
};

/** How messages name each kind: "`Principal` is not allowed in an identity-based policy". */
export const KIND_LABELS: Readonly<Record<PolicyKind, string>> = {
  identity: 'an identity-based policy',
  resource: 'a resource-based policy',
  trust: 'a role trust policy',
  scp: 'a service control policy (SCP)',
  rcp: 'a resource control policy (RCP)',
  boundary: 'a permissions boundary',
  session: 'a session policy',
};

const GRAMMAR_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html';
const TOP_LEVEL_ELEMENTS = ['Version', 'Id', 'Statement'];
const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** A document this broken is probably not a policy; listing every error would only bury the first ones. */
export const MAX_SCHEMA_FINDINGS = 200;

let ajv: Ajv | undefined;
const compiled = new Map<PolicyKind, ValidateFunction>();

/** Compiles a kind's schema the first time it is needed; later calls reuse it. */
function validatorFor(kind: PolicyKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    // ajv loads on first validation, not at import: commands that validate nothing never pay for it.
    ajv ??= new (createRequire(import.meta.url)('ajv') as typeof import('ajv')).Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
    validate = ajv.compile(SCHEMAS[kind]);
    compiled.set(kind, validate);
  }
  return validate;
}

const compiledStatements = new Map<PolicyKind, ValidateFunction>();

/** The validator of one statement of a kind (the schema's `definitions/statement`). */
function statementValidatorFor(kind: PolicyKind): ValidateFunction {
  let validate = compiledStatements.get(kind);
  if (!validate) {
    validatorFor(kind); // registers the kind's schema
    const id = (SCHEMAS[kind] as { $id: string }).$id;
    validate = ajv!.getSchema(`${id}#/definitions/statement`);
    // INVARIANT: every kind's schema defines `definitions/statement`.
    if (!validate) throw new IamcheckError('schema-statement', `schemas/${kind}.schema.json has no definitions/statement`);
    compiledStatements.set(kind, validate);
  }
  return validate;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ValidateOptions {
  /** The size quota the document is held to; `null` for none. Defaults from the kind (see `defaultQuota`). */
  quota?: QuotaName | null;
  /** For resource policies: the CloudFormation type of the resource, which selects the size quota. */
  resourceType?: string;
  /** The document's own text when it was written as JSON, for quotas that count white space. */
  documentText?: string;
}

/** Where a JSON pointer leads in the tree: the value, and the member holding it when the last step is a key. */
interface Located {
  node: ValueNode;
  member?: MemberNode;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function locate(root: ValueNode, segments: readonly string[]): Located | undefined {
  let here: Located = { node: root };
  for (const step of segments) {
    const node = here.node;
    if (node.type === 'object') {
      // INVARIANT: like `getMember`, the last member of a key wins, as it does for AWS and for `toPlain`.
      let member: MemberNode | undefined;
      for (const m of node.members) if (m.key.value === step) member = m;
      if (!member) return undefined;
      here = { node: member.value, member };
    } else if (node.type === 'array') {
      const element = node.elements[Number(step)];
      if (!element) return undefined;
      here = { node: element };
    } else return undefined;
  }
  return here;
}

/** `Action`, `Principal.AWS`, `Condition` — the element a path points into, as AWS names it. */
interface PathInfo {
  /** Segments of the statement object, or undefined when the path is outside a statement. */
  statement?: string[];
  /** Segments after the statement. */
  rest: string[];
}

function analyzePath(segments: readonly string[], root: ValueNode): PathInfo {
  if (segments[0] !== 'Statement') return { rest: [...segments] };
  const statementNode = locate(root, ['Statement'])?.node;
  if (statementNode?.type === 'array') {
    if (segments.length < 2) return { rest: [...segments] };
    return { statement: segments.slice(0, 2), rest: segments.slice(2) };
  }
  return { statement: ['Statement'], rest: segments.slice(1) };
}

function typeName(node: ValueNode): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'null':
      return 'null';
    case 'boolean':
      return 'a boolean';
    case 'number':
      return 'a number';
    default:
      return 'a string';
  }
}

/** Edit distance, for "did you mean" on short keys (bounded: keys of a policy are short). */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64 || b.length > 64) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The known key this one was probably meant to be: same letters in another case, or one or two typos away. */
function nearMiss(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase().replace(/[\s_-]/g, '');
  return known.find((k) => k.toLowerCase() === lower) ?? known.find((k) => distance(k.toLowerCase(), lower) <= (k.length > 5 ? 2 : 1));
}

interface Issue {
  ruleId: string;
  message: string;
  help: string;
  notes?: string[];
  span: Span;
  severity?: Finding['severity'];
}

/** Label for a value inside a statement element: `Action`, `Principal.AWS`, a condition key. */
function elementLabel(rest: readonly string[]): string {
  if (rest[0] === 'Principal' || rest[0] === 'NotPrincipal') return rest.length > 1 && !/^\d+$/.test(rest[1]) ? `${rest[0]}.${rest[1]}` : rest[0];
  return rest[0] ?? 'Statement';
}

const STRING_LIST_ELEMENTS = ['Action', 'NotAction', 'Resource', 'NotResource'];

/** Turns one ajv error into our finding text, or undefined for errors that another error already explains. */
function describe(error: ErrorObject, root: ValueNode, kind: PolicyKind): Issue | undefined {
  // Sub-errors of anyOf/not/if are explained by the composite error itself.
  if (error.keyword === 'if') return undefined;
  if (/\/(anyOf|not)\//.test(error.schemaPath)) return undefined;
  const segments = decodePointer(error.instancePath);
  const here = locate(root, segments);
  if (!here) return undefined;
  const { node } = here;
  const { statement, rest } = analyzePath(segments, root);
  const inStatement = statement !== undefined && (rest.length > 0 || error.keyword !== 'type');
  const kindLabel = KIND_LABELS[kind];

  // A CloudFormation intrinsic function computes this value at deploy time: we cannot check it, and say so.
  if (node.tag && error.keyword !== 'additionalProperties' && error.keyword !== 'required') {
    return {
      ruleId: 'schema/unresolved-intrinsic', severity: 'info', span: node.span,
      message: `This value is computed by \`${node.tag}\` when the stack is deployed; iamcheck cannot check it.`,
      help: 'Write the value literally (or with `!Sub`) if you want it checked.',
    };
  }

  switch (error.keyword) {
    case 'required':
    case 'anyOf': {
      const missing =
        error.keyword === 'required'
          ? (error.params as { missingProperty: string }).missingProperty
          : ((error.schema as { required: string[] }[])[0]?.required[0] ?? '');
      const span = node.span;
      if (segments.length === 0) {
        if (missing === 'Statement') {
          return { ruleId: 'schema/missing-statement', span, message: 'The policy has no `Statement`.', help: 'Add a `Statement` with at least one statement.' };
        }
        return {
          ruleId: 'schema/missing-version', span, message: `\`Version\` is required in ${kindLabel}.`,
          help: 'Add `"Version": "2012-10-17"` at the top of the policy.',
        };
      }
      switch (missing) {
        case 'Effect':
          return { ruleId: 'schema/missing-effect', span, message: 'The statement has no `Effect`.', help: 'Add `"Effect": "Allow"` or `"Effect": "Deny"`.' };
        case 'Action':
        case 'NotAction':
          return {
            ruleId: 'schema/missing-action', span,
            message: kind === 'rcp' ? 'The statement has no `Action`.' : 'A statement must have `Action` or `NotAction`.',
            help: 'List the actions the statement is about, for example `"Action": "s3:GetObject"`.',
          };
        case 'Resource':
        case 'NotResource':
          return {
            ruleId: 'schema/missing-resource', span, message: `A statement of ${kindLabel} must have \`Resource\` or \`NotResource\`.`,
            help: 'List the resources the statement is about, for example `"Resource": "arn:aws:s3:::my-bucket/*"`.',
          };
        case 'Principal':
        case 'NotPrincipal':
          return {
            ruleId: 'schema/missing-principal', span,
            message: kind === 'rcp' ? 'A statement of an RCP must have `"Principal": "*"`.' : `A statement of ${kindLabel} must have \`Principal\`${kind === 'trust' ? '' : ' or `NotPrincipal`'}.`,
            help: kind === 'trust' ? 'Name who may assume the role, for example `"Principal": {"Service": "ecs-tasks.amazonaws.com"}`.' : 'Name who the statement applies to, for example `"Principal": {"AWS": "arn:aws:iam::111122223333:root"}`.',
          };
        default:
          return undefined;
      }
    }
    case 'not': {
      const pair = (error.schema as { required: string[] }).required;
      const second = locate(root, [...segments, pair[1]]);
      return {
        ruleId: `schema/${pair[0].toLowerCase()}-and-${pair[1].replace(/^Not/, 'not-').toLowerCase()}`,
        span: second?.member?.key.span ?? node.span,
        message: `A statement must have \`${pair[0]}\` or \`${pair[1]}\`, not both.`,
        help: `Keep one of them; \`${pair[1]}\` means every ${pair[0].toLowerCase()} except those listed.`,
      };
    }
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const target = locate(root, [...segments, key]);
      const span = target?.member?.key.span ?? node.span;
      if (segments.length === 0) {
        const fix = nearMiss(key, TOP_LEVEL_ELEMENTS);
        return {
          ruleId: 'schema/unknown-element', span, message: `\`${key}\` is not a policy element; AWS rejects the policy.`,
          help: fix ? `Did you mean \`${fix}\`? Policy elements are case-sensitive.` : 'A policy has only `Version`, `Id` and `Statement` at the top level; remove this key.',
        };
      }
      if (statement && rest.length === 0) {
        if (key === 'Principal' || key === 'NotPrincipal') {
          return {
            ruleId: 'schema/principal-not-allowed', span, message: `\`${key}\` is not allowed in ${kindLabel}.`,
            notes: [kind === 'scp' ? 'An SCP applies to every principal of the accounts it is attached to.' : `The principal of ${kindLabel} is the identity or session it is attached to.`],
            help: kind === 'scp' ? `Remove \`${key}\`; to exempt principals, use a condition such as \`aws:PrincipalArn\`.` : `Remove \`${key}\`, or lint this document as a resource-based policy if that is what it is.`,
          };
        }
        if (STATEMENT_ELEMENTS.includes(key)) {
          const why =
            kind === 'trust' && (key === 'Resource' || key === 'NotResource') ? 'In a trust policy the role itself is the resource.'
            : kind === 'trust' ? 'Trust policies cannot use `NotPrincipal`.'
            : `${KIND_LABELS[kind].replace(/^an? /, '')} does not support this element.`;
          return { ruleId: 'schema/element-not-allowed', span, message: `\`${key}\` is not allowed in ${kindLabel}.`, notes: [why], help: `Remove \`${key}\`.` };
        }
        const fix = nearMiss(key, STATEMENT_ELEMENTS);
        return {
          ruleId: 'schema/unknown-element', span, message: `\`${key}\` is not a statement element; AWS rejects the policy.`,
          help: fix ? `Did you mean \`${fix}\`? Statement elements are case-sensitive.` : `A statement has only ${STATEMENT_ELEMENTS.map((e) => `\`${e}\``).join(', ')}; remove this key.`,
        };
      }
      if (rest[0] === 'Principal' || rest[0] === 'NotPrincipal') {
        const fix = nearMiss(key, PRINCIPAL_TYPES);
        return {
          ruleId: 'schema/unknown-principal-type', span, message: `\`${key}\` is not a principal type.`,
          help: fix ? `Did you mean \`${fix}\`? Principal types are case-sensitive.` : 'Use `AWS`, `Service`, `Federated` or `CanonicalUser`.',
        };
      }
      return undefined;
    }
    case 'type':
      return describeType(segments, rest, statement, node, inStatement, kind);
    case 'enum':
    case 'const':
    case 'pattern':
      return describeValue(rest, statement, node, kind);
    case 'minItems':
    case 'minProperties': {
      const label = segments.length === 1 ? 'Statement' : rest[0] === 'Condition' ? (rest.length === 1 ? 'Condition' : `\`${rest[rest.length - 1]}\` in \`Condition\``) : elementLabel(rest);
      const what = error.keyword === 'minItems' ? 'an empty array' : 'an empty object';
      return {
        ruleId: 'schema/empty-value', span: node.span, message: `${label.startsWith('`') ? label : `\`${label}\``} is ${what}.`,
        notes: ['AWS rejects empty lists in a policy.'], help: 'Give at least one value, or remove the element.',
      };
    }
    default:
      return { ruleId: 'schema/invalid-value', span: node.span, message: 'This value does not follow the IAM policy grammar.', help: `See ${GRAMMAR_URL}.` };
  }
}

function describeType(segments: readonly string[], rest: readonly string[], statement: string[] | undefined, node: ValueNode, inStatement: boolean, kind: PolicyKind): Issue {
  const span = node.span;
  const got = typeName(node);
  if (segments.length === 0) {
    return { ruleId: 'schema/invalid-type', span, message: `A policy document must be a JSON object, not ${got}.`, help: 'Write the policy as `{"Version": "2012-10-17", "Statement": [...]}`.' };
  }
  if (!statement) {
    const element = segments[0];
    if (element === 'Statement') {
      return { ruleId: 'schema/invalid-type', span, message: `\`Statement\` must be a statement object or an array of them, not ${got}.`, help: 'Write `"Statement": [{"Effect": …, "Action": …, "Resource": …}]`.' };
    }
    return { ruleId: element === 'Version' ? 'schema/invalid-version' : 'schema/invalid-type', span, message: `\`${element}\` must be a string, not ${got}.`, help: element === 'Version' ? 'Use `"Version": "2012-10-17"`.' : 'Quote the value.' };
  }
  if (!inStatement) {
    return { ruleId: 'schema/invalid-type', span, message: `A statement must be an object, not ${got}.`, help: 'Write each statement as `{"Effect": …, "Action": …, "Resource": …}`.' };
  }
  const element = rest[0];
  if (element === 'Effect') {
    return { ruleId: 'schema/invalid-effect', span, message: `\`Effect\` must be \`Allow\` or \`Deny\`, not ${got}.`, help: 'Write `"Effect": "Allow"` or `"Effect": "Deny"`.' };
  }
  if (element === 'Sid') return { ruleId: 'schema/invalid-type', span, message: `\`Sid\` must be a string, not ${got}.`, help: 'Quote the value.' };
  if (element === 'Condition') {
    if (rest.length === 1) return { ruleId: 'schema/invalid-condition', span, message: `\`Condition\` must be an object of condition operators, not ${got}.`, help: 'Write `"Condition": {"StringEquals": {"aws:PrincipalTag/team": "web"}}`.' };
    if (rest.length === 2) return { ruleId: 'schema/invalid-condition', span, message: `The \`${rest[1]}\` block must be an object of condition keys, not ${got}.`, help: `Write \`"${rest[1]}": {"<condition key>": "<value>"}\`.` };
    if (rest.length === 3) return { ruleId: 'schema/invalid-condition', span, message: `The value of \`${rest[2]}\` must be a string, number, boolean or an array of them, not ${got}.`, help: 'Give one value, or a list of values any of which may match.' };
    return { ruleId: 'schema/invalid-condition', span, message: `Each value of \`${rest[2]}\` must be a string, number or boolean, not ${got}.`, help: 'Remove the nesting: a condition key takes a flat list of values.' };
  }
  const label = elementLabel(rest);
  const isItem = /^\d+$/.test(rest[rest.length - 1]) && rest.length > 1;
  if (element === 'Principal' && kind === 'rcp') {
    return { ruleId: 'schema/invalid-principal', span, message: `In an RCP, \`Principal\` must be \`"*"\`, not ${got}.`, help: 'Write `"Principal": "*"` and narrow the principals with a condition such as `aws:PrincipalOrgID`.' };
  }
  if ((element === 'Principal' || element === 'NotPrincipal') && !label.includes('.') && !isItem) {
    return { ruleId: 'schema/invalid-principal', span, message: `\`${element}\` must be \`"*"\` or an object such as \`{"AWS": …}\`, not ${got}.`, help: 'Write `"Principal": {"AWS": "arn:aws:iam::111122223333:root"}` or `{"Service": "…amazonaws.com"}`.' };
  }
  if (isItem) {
    return { ruleId: 'schema/invalid-type', span, message: `Each entry of \`${label}\` must be a string, not ${got}.`, help: 'Quote the value: AWS reads policy values as strings.' };
  }
  if (STRING_LIST_ELEMENTS.includes(element) || label.includes('.')) {
    return { ruleId: 'schema/invalid-type', span, message: `\`${label}\` must be a string or an array of strings, not ${got}.`, help: 'Quote the value, or list several as `["…", "…"]`.' };
  }
  return { ruleId: 'schema/invalid-type', span, message: `\`${label}\` has the wrong type (${got}).`, help: `See ${GRAMMAR_URL}.` };
}

function describeValue(rest: readonly string[], statement: string[] | undefined, node: ValueNode, kind: PolicyKind): Issue {
  const span = node.span;
  const shown = node.type === 'string' ? `\`${String(node.value)}\`` : typeName(node);
  if (!statement && rest[0] === 'Version') {
    return {
      ruleId: 'schema/invalid-version', span,
      message: kind === 'rcp' ? `\`Version\` of an RCP must be \`2012-10-17\`, not ${shown}.` : `\`Version\` must be \`2012-10-17\` or \`2008-10-17\`, not ${shown}.`,
      notes: ['`Version` is the policy language version, not a date of your policy.'], help: 'Use `"Version": "2012-10-17"`.',
    };
  }
  switch (rest[0]) {
    case 'Effect':
      return { ruleId: 'schema/invalid-effect', span, message: `\`Effect\` must be \`Allow\` or \`Deny\`, not ${shown}.`, notes: ['The value is case-sensitive.'], help: 'Write `"Effect": "Allow"` or `"Effect": "Deny"`.' };
    case 'Principal':
    case 'NotPrincipal':
      return kind === 'rcp'
        ? { ruleId: 'schema/invalid-principal', span, message: `In an RCP, \`Principal\` must be \`"*"\`, not ${shown}.`, help: 'Write `"Principal": "*"` and narrow the principals with a condition such as `aws:PrincipalOrgID`.' }
        : { ruleId: 'schema/invalid-principal', span, message: `A \`${rest[0]}\` written as a string must be \`"*"\`, not ${shown}.`, help: `Write \`"${rest[0]}": {"AWS": ${node.type === 'string' ? JSON.stringify(node.value) : '"…"'}}\` (or \`Service\`, \`Federated\`).` };
    default:
      return { ruleId: 'schema/invalid-value', span, message: `${shown} is not a valid value here.`, help: `See ${GRAMMAR_URL}.` };
  }
}

/**
 * AWS accepts `"Effect": "Allow"` in an RCP only in its own RCPFullAWSAccess (`Principal`, `Action` and
 * `Resource` all `"*"`, no condition); any other Allow statement is rejected when the RCP is created.
 */
function rcpAllowIssues(root: ValueNode): Issue[] {
  const statements = locate(root, ['Statement'])?.node;
  const list = statements?.type === 'array' ? statements.elements : statements ? [statements] : [];
  const issues: Issue[] = [];
  for (const statement of list) {
    if (statement.type !== 'object') continue;
    const plain = toPlain(statement) as Record<string, unknown>;
    if (plain.Effect !== 'Allow') continue;
    const fullAccess = plain.Principal === '*' && plain.Action === '*' && plain.Resource === '*' && plain.Condition === undefined;
    if (fullAccess) continue;
    const effect = locate(statement, ['Effect'])!.node;
    issues.push({
      ruleId: 'schema/invalid-effect', span: effect.span, message: 'In an RCP, `Effect` must be `Deny`.',
      notes: ['Only the AWS-managed RCPFullAWSAccess policy may allow, and it allows everything; an RCP can only restrict.'],
      help: 'Write the statement as a `Deny` of what must not happen.',
    });
  }
  return issues;
}

/**
 * Checks a document against `schemas/<kind>.schema.json` and its size quota, reporting in AWS's words at the
 * offending element. Pure; the compiled schema is shared across calls.
 */
export function validatePolicy(root: ValueNode, kind: PolicyKind, source: SourceFile, options: ValidateOptions = {}): Finding[] {
  const validate = validatorFor(kind);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (issue: Issue) => {
    const id = `${issue.ruleId}@${issue.span.start.offset}:${issue.span.end.offset}`;
    if (seen.has(id)) return;
    seen.add(id);
    const finding: Finding = { ruleId: issue.ruleId, severity: issue.severity ?? 'error', message: issue.message, file: source.path, span: issue.span, help: issue.help };
    if (issue.notes) finding.notes = issue.notes;
    findings.push(finding);
  };
  const plain = toPlain(root);
  // A Statement array is validated statement by statement, so that a huge broken document stops at the cap
  // instead of collecting millions of errors first; the rest of the document is validated with no statements.
  const statements = isRecord(plain) && Array.isArray(plain.Statement) && plain.Statement.length > 0 ? plain.Statement : undefined;
  const batches: { errors: ErrorObject[]; prefix: string }[] = [];
  const run = (fn: ValidateFunction, data: unknown, prefix: string, skip?: (e: ErrorObject) => boolean) => {
    if (fn(data)) return;
    const errors = (fn.errors ?? []).filter((e) => !skip?.(e));
    if (errors.length) batches.push({ errors, prefix });
  };
  if (statements && isRecord(plain)) {
    const shell = { ...plain, Statement: [] };
    run(validate, shell, '', (e) => e.instancePath === '/Statement' && e.keyword === 'minItems');
  } else run(validate, plain, '');
  const statementValidate = statements ? statementValidatorFor(kind) : undefined;
  let next = 0;
  const report = (): boolean => {
    for (;;) {
      const batch = batches.shift();
      if (!batch) return true;
      const errors = batch.errors.map((e) => (batch.prefix ? { ...e, instancePath: batch.prefix + e.instancePath } : e));
      // A type error explains a value better than the enum/pattern errors that come with it.
      const typed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
      for (const error of errors) {
        if ((error.keyword === 'enum' || error.keyword === 'const' || error.keyword === 'pattern') && typed.has(error.instancePath)) continue;
        const issue = describe(error, root, kind);
        if (issue) add(issue);
        if (findings.length >= MAX_SCHEMA_FINDINGS) {
          findings.push({
            ruleId: 'schema/too-many-errors', severity: 'error', file: source.path, span: root.span,
            message: `The document has more than ${MAX_SCHEMA_FINDINGS} grammar errors; the rest are not listed.`,
            help: 'Check that this is an IAM policy; fix the errors listed first.',
          });
          return false;
        }
      }
    }
  };
  let more = report();
  while (more && statements && statementValidate && next < statements.length) {
    run(statementValidate, statements[next], `/Statement/${next}`);
    next++;
    more = report();
  }
  if (kind === 'rcp') for (const issue of rcpAllowIssues(root)) add(issue);
  const quotaName = options.quota === null ? undefined : (options.quota ?? defaultQuota(kind, options.resourceType));
  if (quotaName) {
    const quota = POLICY_QUOTAS[quotaName];
    const size = measurePolicy(root, quota, options.documentText, plain);
    if (size > quota.limit) {
      const counted = quota.countsWhitespace ? '' : ', not counting white space';
      const finding: Finding = {
        ruleId: 'schema/policy-too-large', severity: 'error', file: source.path, span: root.span,
        message: `The policy is ${size.toLocaleString('en-US')} ${quota.unit}${counted}; AWS allows ${quota.limit.toLocaleString('en-US')} for ${quota.label}.`,
        notes: [`Quota documented at ${quota.url}.${quota.adjustable ? ` ${quota.adjustable}` : ''}`],
        help: 'Split it into several policies, or shorten it with wildcards where they grant nothing more (e.g. `s3:Get*`).',
      };
      findings.push(finding);
    }
  }
  return findings;
}
