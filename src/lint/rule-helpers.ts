// Small facts about policy documents that several rules need. Pure functions over the normalized model and tree.
import type { Span } from '../core/span.js';
import type { PolicyDocument } from '../policy/documents.js';
import { getMember, type MemberNode, type ObjectNode, type ValueNode } from '../policy/tree.js';
import type { Statement } from '../policy/types.js';

/** The tree node of a statement (`Statement` may be one object or a list). */
export function statementNode(document: PolicyDocument, statement: Statement): ObjectNode | undefined {
  const root = document.root;
  if (root.type !== 'object') return undefined;
  const list = getMember(root, 'Statement')?.value;
  const node: ValueNode | undefined = !list ? undefined : list.type === 'array' ? list.elements[statement.index] : statement.index === 0 ? list : undefined;
  return node?.type === 'object' ? node : undefined;
}

/** The member `name` of a statement (`"NotAction": [...]`), for reports that point at the element's key. */
export function statementMember(document: PolicyDocument, statement: Statement, name: string): MemberNode | undefined {
  const node = statementNode(document, statement);
  return node ? getMember(node, name) : undefined;
}

/** The span of an element's key in a statement, falling back to the whole statement. */
export function keySpan(document: PolicyDocument, statement: Statement, name: string): Span {
  return statementMember(document, statement, name)?.key.span ?? statement.span;
}

/** The span of the first character of a node: where "the document" or "the statement" is reported. */
export function openingSpan(span: Span): Span {
  const start = span.start;
  return { start, end: { line: start.line, column: start.column + 1, offset: start.offset + 1 } };
}

/** `s3:GetObject` → `['s3', 'GetObject']`; undefined when the text is not `service:name`. */
export function splitAction(action: string): [string, string] | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1 || action.indexOf(':', colon + 1) >= 0) return undefined;
  return [action.slice(0, colon), action.slice(colon + 1)];
}

/** The Sid of a statement quoted for messages: `` `ReadAll` `` or `#2`. */
export function statementLabel(statement: Statement): string {
  return statement.sid && statement.sid.value !== '' ? `\`${statement.sid.value}\`` : statement.sidLabel;
}

/** True when every principal of a statement is an AWS account (12 digits or `arn:…:iam::<account>:root`). */
export function onlyAccountPrincipals(statement: Statement): boolean {
  const principals = statement.principals ?? [];
  if (principals.length === 0 || statement.notPrincipals) return false;
  // `${AWS::AccountId}` and `${AWS::Partition}` come from CloudFormation's `!Sub`: the stack's own account.
  return principals.every((p) => p.type === 'AWS' && (/^\d{12}$/.test(p.value) || /^arn:([a-z-]+|\$\{[^}]+\}):iam::(\d{12}|\$\{[^}]+\}):root$/.test(p.value)));
}

/**
 * `*`, or a role ARN pattern naming every role of every account (`arn:aws:iam::*:role/*`). `pass-role-wildcard` reports
 * PassRole on these and `passrole-without-passedtoservice` skips them, so both use this one test.
 */
export function isEveryRole(resource: string): boolean {
  if (resource === '*') return true;
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !['iam', '*'].includes(parts[2]) || parts[4] !== '*') return false;
  const rest = parts.slice(5).join(':');
  return rest === '*' || rest === 'role/*';
}

/** The kinds of policy in which a statement grants permissions (as opposed to SCPs/RCPs/boundaries, which cap them). */
export const GRANTING_KINDS = ['identity', 'resource', 'trust'] as const;
