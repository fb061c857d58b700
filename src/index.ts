/**
 * iamcheck's library API: the same operations as the CLI, as functions. Everything here is pure except the
 * `*Files`/`read*` wrappers, which read the file system, and the live AWS helpers, which call AWS only when used.
 *
 * @packageDocumentation
 */

// ── Core shapes ────────────────────────────────────────────────────────────────────────────────────────────────
/** Positions, source files, findings and the errors the CLI turns into exit code 2. */
export type { Position, Span, Located } from './core/span.js';
export type { SourceFile } from './core/source.js';
export type { Finding, Severity, Fix } from './core/finding.js';
/** Build a SourceFile from text (keeps the line index used for line:column). */
export { createSourceFile, positionAt } from './core/source.js';
/** Thrown for input the user must fix (`InputError`: file, line, column, help) and for wrong arguments (`UsageError`). */
export { IamcheckError, InputError, UsageError } from './core/errors.js';

// ── Policies ───────────────────────────────────────────────────────────────────────────────────────────────────
/** Parse one policy document (JSON or YAML) with positions, validate it against its kind's schema, normalize it. */
export { parsePolicy, policyFromTree, detectPolicyKind, normalizePolicy, validatePolicy, readSource } from './policy/index.js';
export type { NormalizedPolicy, Statement, ConditionEntry, PrincipalValue, PolicyKind, Effect, ParsedPolicy, ParsePolicyOptions, ValueNode } from './policy/index.js';
/** Every policy in a file: standalone, or inside CloudFormation, a Terraform plan or an authorization-details dump. */
export { documentsInFile, type PolicyDocument, type DocumentsResult, type ContainerType } from './policy/documents.js';

// ── AWS catalog ────────────────────────────────────────────────────────────────────────────────────────────────
/** Actions, resource types, condition keys and AWS managed policies, loaded lazily per service. */
export { getCatalog, type Catalog, type ActionInfo, type ResourceTypeInfo, type ConditionKeyInfo, type ManagedPolicyInfo } from './catalog/index.js';
/** The dates of the bundled AWS data. */
export { catalogDataDate } from './catalog/version.js';

// ── Engine ─────────────────────────────────────────────────────────────────────────────────────────────────────
/**
 * `authorize(request, policySet, {explain})` decides allowed / explicitDeny / implicitDeny as AWS does, with the
 * determining statements and, on request, an explanation with the closest statements and the smallest fix.
 * `compilePolicySet` prepares a set once for many requests.
 */
export { authorize, compilePolicySet, matchAction, matchArn, matchWildcard, evaluateCondition } from './engine/index.js';
export type { Request, PolicySet, Decision, DecisionValue, StatementRef, EvaluationError, PolicyType, AuthorizeOptions, CompiledPolicySet } from './engine/index.js';
/** Policy unit tests (the `iamcheck test` format): read a scenario tree, run it. */
export { readScenario, runScenario, meetsExpectation, type Scenario, type ScenarioResult, type Expectation } from './engine/scenario.js';

// ── Linter ─────────────────────────────────────────────────────────────────────────────────────────────────────
/** Run every enabled rule on one document; `lintFiles` is the file-system wrapper the CLI uses. */
export { lintDocument } from './lint/runner.js';
export { lintSource, lintFiles, type LintResult, type LintSourceOptions } from './lint/lint-files.js';
export { loadConfig, emptyConfig, settingsForFile, applyIgnores, type LintConfig } from './lint/config.js';
export { defineRule, type Rule, type RuleContext, type RuleMeta } from './lint/rule.js';
/** Every rule, with its meta (id, severity, kinds, sources). */
export { allRules } from '../rules/index.js';

// ── Output ─────────────────────────────────────────────────────────────────────────────────────────────────────
/** Pure formatters: stylish, codeframe, json (the stable contract), sarif, github. */
export { formatReport, formatDiagnostic, summarize, exitCodeFor, FORMAT_NAMES } from './format/index.js';
export type { LintReport, FileReport, RuleDescriptor, FormatName, JsonReport } from './format/index.js';

// ── Accounts and "why was this denied?" ────────────────────────────────────────────────────────────────────────
/** Load `get-account-authorization-details` dumps (JSON or URL-encoded documents), org SCP/RCP files, resource policies. */
export { loadAccount, loadOrg, loadResourcePolicies } from './account/load.js';
export { readAccountFiles, readOrgFile, readResourcePoliciesFile } from './account/read.js';
export { findPrincipal, listPrincipals, policySetFor } from './account/model.js';
/** Parse an AWS AccessDenied message as pasted; answer it against an account. */
export { parseDeniedMessage } from './account/message.js';
export { explainDenial, type WhyAnswer } from './account/why.js';
/** Who can do an action on a resource; what a principal can do. */
export { whoCan, effectivePermissions } from './account/analysis.js';

// ── Deploy preflight ───────────────────────────────────────────────────────────────────────────────────────────
/**
 * Before `eksctl create cluster`, an ECS deploy or a push to ECR: the requirements derived from the configs, each
 * checked with the engine, and the smallest fix per principal and place.
 */
export { runPreflight, loadPreflightFile, readConfig, reportToJson, reportToText, OPERATIONS } from './preflight/index.js';
export type { PreflightInput, PreflightReport, Requirement, Check, PreflightFix, Facts, Operation } from './preflight/index.js';

// ── No new access ──────────────────────────────────────────────────────────────────────────────────────────────
/**
 * `checkNoNewAccess(old, new)`: PASS (a proof), FAIL with witness requests re-checked by `authorize`, or UNKNOWN when
 * the budget runs out (never a false PASS). `checkAccessNotGranted(policy, {actions, resources})`: can it ever allow them?
 */
export { checkNoNewAccess, checkAccessNotGranted } from './diff/index.js';
export type { NoNewAccessResult, NoNewAccessOptions, Witness, DiffReason, DiffResultValue, AccessToCheck } from './diff/index.js';
