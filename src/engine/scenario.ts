import type { Finding } from '../core/finding.js';
import type { SourceFile } from '../core/source.js';
import type { Span } from '../core/span.js';
import { detectPolicyKind } from '../policy/normalize.js';
import { parseSource } from '../policy/read.js';
import { policyFromTree } from '../policy/index.js';
import { getMember, type ObjectNode, type ValueNode } from '../policy/tree.js';
import type { NormalizedPolicy, PolicyKind } from '../policy/types.js';
import { authorize } from './index.js';
import type { ContextValue, Decision, DecisionValue, PolicySet, Request } from './types.js';

/** What a scenario test expects: one of AWS's decisions, or `denied` for either kind of deny. */
export type Expectation = DecisionValue | 'denied';

export const EXPECTATIONS: readonly Expectation[] = ['allowed', 'explicitDeny', 'implicitDeny', 'denied'];

/** One test of a scenario file: a request, the policies it is asked against, and the expected decision. */
export interface ScenarioTest {
  /** 0-based index in `tests`. */
  index: number;
  name: string;
  request: Request;
  expect: Expectation;
  policySet: PolicySet;
  /** The test's entry in the scenario file. */
  span: Span;
}

/** A scenario file read into requests and policy sets. Policies written inline keep spans into the scenario file. */
export interface Scenario {
  file: string;
  tests: ScenarioTest[];
}

/**
 * Reads a policy file named by `{file: path}`; `path` is as written in the scenario file. The caller resolves it
 * relative to the scenario file and throws an `InputError` when it cannot be read.
 */
export type PolicyFileReader = (path: string) => Promise<SourceFile>;

/** The outcome of one scenario test. */
export interface ScenarioResult {
  file: string;
  name: string;
  expect: Expectation;
  decision: DecisionValue;
  pass: boolean;
  /** The engine's answer; with `explanation` when the test failed and explanations were asked for. */
  outcome: Decision;
  test: ScenarioTest;
}

/** Whether a decision meets an expectation (`denied` accepts either deny). */
export function meetsExpectation(expect: Expectation, decision: DecisionValue): boolean {
  return expect === 'denied' ? decision !== 'allowed' : expect === decision;
}

function scenarioError(source: SourceFile, span: Span, message: string, help: string): Finding {
  return { ruleId: 'scenario/invalid', severity: 'error', message, file: source.path, span, help };
}

/**
 * The text of a scalar as the user wrote it. YAML reads `111122223333` as a number and `true` as a boolean;
 * taking the source text keeps leading zeros and the exact spelling that AWS would receive as a string.
 */
function scalarText(node: ValueNode, source: SourceFile): string | undefined {
  if (node.type === 'string') return node.value as string;
  if (node.type === 'number' || node.type === 'boolean') {
    const raw = source.text.slice(node.span.start.offset, node.span.end.offset).trim();
    return raw === '' ? String(node.value) : raw;
  }
  return undefined;
}

type Slot = 'identity' | 'resource' | 'permissionBoundary' | 'session' | 'scps' | 'rcps';

const SLOT_KIND: Record<Slot, PolicyKind> = {
  identity: 'identity', resource: 'resource', permissionBoundary: 'boundary', session: 'session', scps: 'scp', rcps: 'rcp',
};

/** Reads the scenario's policy documents; each file named by `{file}` is read once per kind. */
class PolicyLoader {
  readonly findings: Finding[] = [];
  private readonly cache = new Map<string, Promise<NormalizedPolicy | undefined>>();

  constructor(
    private readonly source: SourceFile,
    private readonly readPolicyFile: PolicyFileReader,
  ) {}

  async document(node: ValueNode, slot: Slot, label: string): Promise<NormalizedPolicy | undefined> {
    if (node.type !== 'object') return undefined;
    const fileMember = getMember(node, 'file');
    if (fileMember) {
      if (fileMember.value.type !== 'string') return undefined;
      const path = fileMember.value.value as string;
      const key = `${slot}\u0000${path}`;
      let pending = this.cache.get(key);
      if (!pending) {
        pending = this.readFile(path, slot, fileMember.value.span);
        this.cache.set(key, pending);
      }
      return pending;
    }
    // Inline documents are parsed from the scenario's own tree, so spans point into the scenario file.
    const { policy, findings } = policyFromTree(node, this.source, { kind: kindFor(slot, node), name: label });
    this.findings.push(...findings);
    return policy;
  }

  private async readFile(path: string, slot: Slot, at: Span): Promise<NormalizedPolicy | undefined> {
    let file: SourceFile;
    try {
      file = await this.readPolicyFile(path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.findings.push(scenarioError(this.source, at, `Cannot read the policy file \`${path}\`: ${reason}`,
        'Paths are relative to the scenario file; check the path.'));
      return undefined;
    }
    const parsed = parseSource(file);
    this.findings.push(...parsed.findings);
    if (!parsed.root) return undefined;
    const { policy, findings } = policyFromTree(parsed.root, file, { kind: kindFor(slot, parsed.root), name: path });
    this.findings.push(...findings);
    return policy;
  }
}

/** The policy kind of a slot; under `resource`, a document granting `sts:AssumeRole*` is a role trust policy. */
function kindFor(slot: Slot, document: ValueNode): PolicyKind {
  if (slot === 'resource') return detectPolicyKind(document) === 'trust' ? 'trust' : 'resource';
  return SLOT_KIND[slot];
}

async function readPolicies(node: ObjectNode, prefix: string, loader: PolicyLoader): Promise<PolicySet> {
  const set: PolicySet = { identity: [] };
  const list = (slot: Slot) => {
    const value = getMember(node, slot)?.value;
    return value?.type === 'array' ? value.elements : [];
  };
  for (const [i, doc] of list('identity').entries()) {
    const policy = await loader.document(doc, 'identity', `${prefix}identity[${i}]`);
    if (policy) set.identity.push(policy);
  }
  for (const slot of ['resource', 'permissionBoundary', 'session'] as const) {
    const doc = getMember(node, slot)?.value;
    if (!doc) continue;
    const policy = await loader.document(doc, slot, `${prefix}${slot}`);
    if (policy) set[slot] = policy;
  }
  for (const slot of ['scps', 'rcps'] as const) {
    if (!getMember(node, slot)) continue;
    const levels: NormalizedPolicy[][] = [];
    for (const [level, levelNode] of list(slot).entries()) {
      const policies: NormalizedPolicy[] = [];
      const docs = levelNode.type === 'array' ? levelNode.elements : [];
      for (const [i, doc] of docs.entries()) {
        const policy = await loader.document(doc, slot, `${prefix}${slot}[${level}][${i}]`);
        if (policy) policies.push(policy);
      }
      levels.push(policies);
    }
    set[slot] = levels;
  }
  return set;
}

function readContext(node: ValueNode | undefined, source: SourceFile, findings: Finding[]): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  if (!node || node.type !== 'object') return context;
  const seen = new Map<string, string>();
  for (const member of node.members) {
    const key = member.key.value;
    const prior = seen.get(key.toLowerCase());
    if (prior !== undefined) {
      findings.push(scenarioError(source, member.key.span, `Context key \`${key}\` is given twice (also as \`${prior}\`).`,
        'Condition key names are case-insensitive in AWS; keep one of the two and list several values as a list.'));
      continue;
    }
    seen.set(key.toLowerCase(), key);
    const value = member.value;
    if (value.type === 'array') {
      const values = value.elements.map((e) => scalarText(e, source)).filter((v): v is string => v !== undefined);
      Object.defineProperty(context, key, { value: values, enumerable: true, writable: true, configurable: true });
    } else {
      const text = scalarText(value, source);
      if (text !== undefined) Object.defineProperty(context, key, { value: text, enumerable: true, writable: true, configurable: true });
    }
  }
  return context;
}

/**
 * Reads a scenario file's tree (already checked against `schemas/scenario.schema.json`) into tests. Problems the
 * schema cannot see — unreadable or invalid policy files, tests without policies — come back as error findings.
 */
export async function readScenario(root: ValueNode, source: SourceFile, readPolicyFile: PolicyFileReader): Promise<{ scenario: Scenario; findings: Finding[] }> {
  const loader = new PolicyLoader(source, readPolicyFile);
  const findings: Finding[] = [];
  const scenario: Scenario = { file: source.path, tests: [] };
  if (root.type !== 'object') return { scenario, findings };
  const shared = getMember(root, 'policies')?.value;
  const sharedSet = shared?.type === 'object' ? await readPolicies(shared, 'policies.', loader) : undefined;
  const testsNode = getMember(root, 'tests')?.value;
  const entries = testsNode?.type === 'array' ? testsNode.elements : [];
  for (const [index, entry] of entries.entries()) {
    if (entry.type !== 'object') continue;
    const text = (key: string) => {
      const value = getMember(entry, key)?.value;
      return value ? scalarText(value, source) : undefined;
    };
    const name = text('name') ?? `#${index + 1}`;
    const own = getMember(entry, 'policies')?.value;
    const policySet = own?.type === 'object' ? await readPolicies(own, `tests[${index}].policies.`, loader) : sharedSet;
    if (!policySet) {
      findings.push(scenarioError(source, entry.span, `Test \`${name}\` has no policies to evaluate.`,
        'Add a `policies` block at the top of the file, or one to this test.'));
      continue;
    }
    const request: Request = {
      principal: text('principal') ?? '',
      action: text('action') ?? '',
      resource: text('resource') ?? '',
      context: readContext(getMember(entry, 'context')?.value, source, findings),
    };
    const resourceAccount = text('resourceAccount');
    if (resourceAccount !== undefined) request.resourceAccount = resourceAccount;
    const expect = text('expect') as Expectation;
    scenario.tests.push({ index, name, request, expect, policySet, span: entry.span });
  }
  return { scenario, findings: [...findings, ...loader.findings] };
}

/**
 * Runs every test of a scenario. A failing test is evaluated again with explanations on when `explainFailures`
 * is set, so passing tests cost only the plain decision.
 */
export function runScenario(scenario: Scenario, options: { explainFailures?: boolean } = {}): ScenarioResult[] {
  return scenario.tests.map((test) => {
    let outcome = authorize(test.request, test.policySet, { explain: false });
    const pass = meetsExpectation(test.expect, outcome.decision);
    if (!pass && options.explainFailures) outcome = authorize(test.request, test.policySet, { explain: true });
    return { file: scenario.file, name: test.name, expect: test.expect, decision: outcome.decision, pass, outcome, test };
  });
}
