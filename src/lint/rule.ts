import type { Fix, Severity } from '../core/finding.js';
import type { Located, Span } from '../core/span.js';
import type { Catalog } from '../catalog/index.js';
import type { PolicyDocument } from '../policy/documents.js';
import type { ConditionEntry, NormalizedPolicy, PolicyKind, PrincipalValue, Statement } from '../policy/types.js';

export type { Catalog };

/** `problem`: the policy does not do what its author meant, or is unsafe; `suggestion`: it works but could be better. */
export type RuleType = 'problem' | 'suggestion';

/** Where a rule's check comes from, e.g. `{tool: "access-analyzer", id: "MISSING_VERSION"}`. */
export interface RuleSource {
  tool: string;
  id: string;
}

/** Declarative facts about a rule; the README table, `iamcheck rules` and SARIF all read them. */
export interface RuleMeta<MessageIds extends string = string, Options extends readonly unknown[] = readonly unknown[]> {
  type: RuleType;
  /** Default severity when the rule is on. */
  severity: Severity;
  /** On without configuration. */
  recommended: boolean;
  /** Policy kinds the rule understands; it never runs on others. */
  appliesTo: readonly PolicyKind[];
  /** For resource policies: the CloudFormation resource types the rule is limited to (all when absent). */
  resourceTypes?: readonly string[];
  docs: { description: string };
  /** Message templates with `{{placeholders}}` filled from a report's `data`. */
  messages: Record<MessageIds, string>;
  /** JSON Schemas of the positional options (ESLint style); `[]` for a rule without options. */
  schema: readonly object[];
  defaultOptions: Options;
  /** The checks of other tools this rule covers (ids of `lint-checks.json` go under tool `iamcheck-catalog`). */
  sources: readonly RuleSource[];
}

/** One problem a rule found. `span` is required: every finding points at the text to change. */
export interface ReportDescriptor<MessageIds extends string = string> {
  messageId: MessageIds;
  span: Span;
  data?: Record<string, string | number>;
  /** Why it matters. */
  notes?: string[];
  /** What to do. */
  help?: string;
  fix?: Fix;
}

/** What a rule sees of the document being linted. */
export interface RuleContext<MessageIds extends string = string> {
  report(descriptor: ReportDescriptor<MessageIds>): void;
  policy: NormalizedPolicy;
  document: PolicyDocument;
  catalog: Catalog;
  kind: PolicyKind;
  resourceType?: string;
  /** The whole text of the file the document was read from. */
  sourceText: string;
}

/** Which list a visited element came from. */
export type ActionField = 'Action' | 'NotAction';
export type ResourceField = 'Resource' | 'NotResource';
export type PrincipalField = 'Principal' | 'NotPrincipal';

/**
 * Callbacks the runner calls while walking a document, in document order: `Policy`, then for each statement
 * `Statement`, its actions, resources, principals and conditions, and finally `Policy:exit`.
 */
export interface RuleVisitors {
  Policy?(policy: NormalizedPolicy): void;
  Statement?(statement: Statement): void;
  Action?(action: Located<string>, statement: Statement, field: ActionField): void;
  Resource?(resource: Located<string>, statement: Statement, field: ResourceField): void;
  Principal?(principal: PrincipalValue, statement: Statement, field: PrincipalField): void;
  Condition?(entry: ConditionEntry, statement: Statement): void;
  'Policy:exit'?(policy: NormalizedPolicy): void;
}

/** A lint rule: `name` is its id, the file name under `rules/` and the doc's name. */
export interface Rule<MessageIds extends string = string, Options extends readonly unknown[] = readonly unknown[]> {
  name: string;
  meta: RuleMeta<MessageIds, Options>;
  create(context: RuleContext<MessageIds>, options: Options): RuleVisitors;
}

/** A rule with its types erased, as lists of rules hold it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<string, any>;

/** Declares a rule; the identity function, there for the types (messageIds and options checked at compile time). */
export function defineRule<MessageIds extends string, Options extends readonly unknown[]>(rule: Rule<MessageIds, Options>): Rule<MessageIds, Options> {
  return rule;
}

/** Severity as configured: a Severity, or `off`. */
export type RuleSeverity = Severity | 'off';

/** One rule's effective settings after config, overrides and CLI flags. */
export interface RuleSetting {
  severity: RuleSeverity;
  /** User options, merged over `meta.defaultOptions` by the runner. */
  options?: readonly unknown[];
}

/** Settings per rule id; a rule missing here runs with its defaults (on at `meta.severity` when recommended). */
export type ResolvedRuleSettings = Record<string, RuleSetting>;
