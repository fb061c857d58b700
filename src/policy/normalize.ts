import type { Located } from '../core/span.js';
import type { SourceFile } from '../core/source.js';
import { getMember, type ObjectNode, type ValueNode } from './tree.js';
import type { ConditionEntry, Effect, NormalizedPolicy, PolicyKind, PrincipalType, PrincipalValue, Statement } from './types.js';

const PRINCIPAL_TYPES: readonly string[] = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** A string, or a number/boolean as AWS reads it in a condition value. */
function scalarText(node: ValueNode, allowNonString: boolean): string | undefined {
  if (node.type === 'string') return node.value as string;
  if (allowNonString && (node.type === 'number' || node.type === 'boolean')) return String(node.value);
  return undefined;
}

/** `"x"` or `["x", "y"]` → located strings; values of other types are left to schema validation to report. */
function stringList(node: ValueNode | undefined, allowNonString = false): Located<string>[] {
  if (!node) return [];
  const items = node.type === 'array' ? node.elements : [node];
  const out: Located<string>[] = [];
  for (const item of items) {
    const text = scalarText(item, allowNonString);
    if (text !== undefined) out.push({ value: text, span: item.span });
  }
  return out;
}

function principals(node: ValueNode | undefined): PrincipalValue[] | undefined {
  if (!node) return undefined;
  // `"Principal": "*"` is the only string form AWS accepts; any other string is a schema finding and names nobody.
  if (node.type === 'string') return node.value === '*' ? [{ type: '*', value: '*', span: node.span }] : [];
  if (node.type !== 'object') return [];
  const out: PrincipalValue[] = [];
  for (const member of node.members) {
    if (!PRINCIPAL_TYPES.includes(member.key.value)) continue;
    for (const v of stringList(member.value)) out.push({ type: member.key.value as PrincipalType, value: v.value, span: v.span });
  }
  return out;
}

function conditions(node: ValueNode | undefined): ConditionEntry[] {
  if (!node || node.type !== 'object') return [];
  const out: ConditionEntry[] = [];
  for (const op of node.members) {
    if (op.value.type !== 'object') continue;
    for (const key of op.value.members) {
      out.push({ operator: op.key, key: key.key, values: stringList(key.value, true), span: key.span });
    }
  }
  return out;
}

function statement(node: ObjectNode, index: number): Statement | undefined {
  const effectMember = getMember(node, 'Effect');
  const effectValue = effectMember?.value.type === 'string' ? effectMember.value.value : undefined;
  // INVARIANT: a statement without a valid Effect cannot be evaluated; validation reports it, so we skip it here.
  if (effectValue !== 'Allow' && effectValue !== 'Deny') return undefined;
  const sidMember = getMember(node, 'Sid');
  const sid = sidMember && sidMember.value.type === 'string' ? { value: sidMember.value.value as string, span: sidMember.value.span } : undefined;
  const s: Statement = {
    index,
    sidLabel: sid && sid.value !== '' ? sid.value : `#${index + 1}`,
    effect: { value: effectValue as Effect, span: effectMember!.value.span },
    conditions: conditions(getMember(node, 'Condition')?.value),
    span: node.span,
  };
  if (sid) s.sid = sid;
  const field = (name: string) => getMember(node, name)?.value;
  if (field('Action')) s.actions = stringList(field('Action'));
  if (field('NotAction')) s.notActions = stringList(field('NotAction'));
  if (field('Resource')) s.resources = stringList(field('Resource'));
  if (field('NotResource')) s.notResources = stringList(field('NotResource'));
  const p = principals(field('Principal'));
  if (p) s.principals = p;
  const np = principals(field('NotPrincipal'));
  if (np) s.notPrincipals = np;
  return s;
}

export interface NormalizeOptions {
  kind: PolicyKind;
  name: string;
  file: string;
  source?: SourceFile;
}

/**
 * The normalized model of a parsed document. Lenient: values of the wrong type are left out here and reported
 * by schema validation, which always runs alongside (see `parsePolicy`).
 */
export function normalizePolicy(root: ValueNode, options: NormalizeOptions): NormalizedPolicy {
  const policy: NormalizedPolicy = { kind: options.kind, name: options.name, file: options.file, statements: [], span: root.span };
  if (options.source) policy.source = options.source;
  if (root.type !== 'object') return policy;
  const version = getMember(root, 'Version');
  if (version && version.value.type === 'string') policy.version = { value: version.value.value as string, span: version.value.span };
  const id = getMember(root, 'Id');
  if (id && id.value.type === 'string') policy.id = { value: id.value.value as string, span: id.value.span };
  const statementNode = getMember(root, 'Statement')?.value;
  const items = !statementNode ? [] : statementNode.type === 'array' ? statementNode.elements : [statementNode];
  items.forEach((item, index) => {
    if (item.type !== 'object') return;
    const s = statement(item, index);
    if (s) policy.statements.push(s);
  });
  return policy;
}

const TRUST_ACTION = /^sts:(assumerole\w*|tagsession|setsourceidentity|setcontext|\*)$/i;

/**
 * Guesses the kind of a standalone document: a `Principal` makes it a resource policy, or a trust policy when
 * it grants `sts:AssumeRole*`; otherwise identity. SCPs, RCPs, boundaries and session policies look like
 * identity policies and need `--policy-type`.
 */
export function detectPolicyKind(root: ValueNode): PolicyKind {
  if (root.type !== 'object') return 'identity';
  const statementNode = getMember(root, 'Statement')?.value;
  const items = !statementNode ? [] : statementNode.type === 'array' ? statementNode.elements : [statementNode];
  let hasPrincipal = false;
  let assumes = false;
  for (const item of items) {
    if (item.type !== 'object') continue;
    if (getMember(item, 'Principal') || getMember(item, 'NotPrincipal')) {
      hasPrincipal = true;
      if (stringList(getMember(item, 'Action')?.value).some((a) => TRUST_ACTION.test(a.value) && a.value !== 'sts:*')) assumes = true;
    }
  }
  return hasPrincipal ? (assumes ? 'trust' : 'resource') : 'identity';
}

