/**
 * `checkNoNewAccess`: does a policy change allow any request that the old policy did not? Decided offline by
 * cutting the request space into finitely many regions (see `model.ts`) and searching them exhaustively
 * (`search.ts`): PASS is a proof, FAIL comes with concrete requests re-checked with `authorize()`, UNKNOWN means a
 * budget ran out (never a PASS we cannot back). `checkAccessNotGranted` is the sibling check: can a policy ever
 * allow these actions on these resources?
 * Access Analyzer's checks, for comparison: https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoNewAccess.html
 */
import { getCatalog } from '../catalog/index.js';
import type { Span } from '../core/span.js';
import { authorize } from '../engine/authorize.js';
import { compilePolicySet, type CompiledPolicySet } from '../engine/compile.js';
import { evaluateCompiledCondition } from '../engine/conditions.js';
import { toArnSubject, splitArn } from '../engine/arn.js';
import type { ContextValue, DecisionValue, EvaluationError, Request, StatementRef } from '../engine/types.js';
import { parsePolicy } from '../policy/index.js';
import type { NormalizedPolicy, PolicyKind } from '../policy/types.js';
import { BudgetExceeded, buildModel, freshAccount, ModelDisagreement, type Approximation, type DiffModel, type DiffPolicyType, type Side, type StatementModel } from './model.js';
import { searchNewAccess, type SearchBudget } from './search.js';

export type { Approximation, DiffPolicyType } from './model.js';

export type DiffResultValue = 'PASS' | 'FAIL' | 'UNKNOWN';

/** Limits of one check; past any of them the answer is UNKNOWN. */
export interface DiffBudget {
  /** States of one dimension's region walk (default 200 000). */
  regionStates?: number;
  /** Nodes of the search, over all its runs (default 2 000 000). */
  searchNodes?: number;
  /** Wall-clock milliseconds (default 20 000). */
  ms?: number;
}

export interface NoNewAccessOptions {
  /** `resource` adds the caller as a dimension, matched against `Principal`. Default: from the new policy's kind. */
  policyType?: DiffPolicyType;
  /** At most this many witnesses, one per responsible statement (default 5). */
  maxWitnesses?: number;
  budget?: DiffBudget;
}

/** A new statement that grants new access, as Access Analyzer reports it, plus where it is. */
export interface DiffReason {
  statementIndex: number;
  statementId?: string;
  file: string;
  span: Span;
  description: string;
}

/** Why one statement does or does not apply to a witness request. */
export interface StatementVerdict {
  statementIndex: number;
  statementId?: string;
  effect: 'Allow' | 'Deny';
  span: Span;
  applies: boolean;
  because: string;
}

/** A decision on a witness request, from `authorize()`, with each statement's verdict. */
export interface WitnessDecision {
  decision: DecisionValue;
  determining: StatementRef[];
  errors: EvaluationError[];
  statements: StatementVerdict[];
}

/** A request that the new policy allows and the old one does not. */
export interface Witness {
  request: Request;
  /** Condition keys that the applicable statements test and this request leaves out (absence matters). */
  absentKeys: string[];
  newDecision: WitnessDecision;
  oldDecision: WitnessDecision;
  /** `authorize()` agrees: new allows, old does not. False only for witnesses of approximated regions. */
  confirmed: boolean;
  /** Index of the new statement that grants it. */
  grantedBy: number;
  /** What to keep in mind when reading the request (open-world action names, the `*` caller of identity policies). */
  notes: string[];
}

export interface NoNewAccessResult {
  result: DiffResultValue;
  /** False when an approximation was used: PASS is still a proof, FAIL means "possible new access". */
  exact: boolean;
  message: string;
  policyType: DiffPolicyType;
  reasons: DiffReason[];
  witnesses: Witness[];
  approximations: Approximation[];
  /** Statements the engine cannot evaluate and skips (as `authorize` does). */
  skipped: { side: Side; statement: StatementRef; message: string }[];
  stats: { dimensions: Record<string, number>; nodes: number; ms: number };
}

const DEFAULT_BUDGET: Required<DiffBudget> = { regionStates: 200_000, searchNodes: 2_000_000, ms: 20_000 };

const RESOURCE_KINDS = new Set<PolicyKind>(['resource', 'trust', 'rcp']);

/** `resource` for resource-based and trust policies, `identity` otherwise. */
export function defaultPolicyType(policy: NormalizedPolicy): DiffPolicyType {
  return RESOURCE_KINDS.has(policy.kind) && policy.kind !== 'rcp' ? 'resource' : 'identity';
}

const ALLOW_ALL_NAME = '(any identity policy)';
let allowAll: NormalizedPolicy | undefined;
/** The caller's identity side in resource-policy re-checks: allows everything, so the resource policy decides. */
function allowAllIdentity(): NormalizedPolicy {
  allowAll ??= parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', { kind: 'identity', name: ALLOW_ALL_NAME, path: ALLOW_ALL_NAME }).policy!;
  return allowAll;
}

/** An empty policy (no statements): what a file that did not exist before is compared against. */
export function emptyPolicy(kind: PolicyKind, name: string): NormalizedPolicy {
  return parsePolicy('{"Version":"2012-10-17","Statement":[]}', { kind, name, path: name }).policy!;
}

/**
 * Whether `newPolicy` allows any request that `oldPolicy` does not. PASS is a proof over every request (for
 * identity policies: every action, resource and request context; for resource policies also every caller);
 * FAIL comes with witnesses confirmed by `authorize()`; UNKNOWN when a budget ran out or the model could not be
 * checked against the engine.
 */
export function checkNoNewAccess(oldPolicy: NormalizedPolicy, newPolicy: NormalizedPolicy, options: NoNewAccessOptions = {}): NoNewAccessResult {
  const started = Date.now();
  const budget = { ...DEFAULT_BUDGET, ...options.budget };
  const policyType = options.policyType ?? defaultPolicyType(newPolicy);
  const maxWitnesses = options.maxWitnesses ?? 5;
  const base = { policyType, reasons: [] as DiffReason[], witnesses: [] as Witness[], approximations: [] as Approximation[], skipped: [] as NoNewAccessResult['skipped'] };
  const unknown = (why: string, model?: DiffModel, nodes = 0): NoNewAccessResult => ({
    ...base, result: 'UNKNOWN', exact: false, message: `Could not decide: ${why}`,
    ...(model ? { approximations: model.approximations, skipped: model.skipped } : {}),
    stats: { dimensions: model ? dimensionStats(model) : {}, nodes, ms: Date.now() - started },
  });

  let model: DiffModel;
  try {
    model = buildModel(oldPolicy, newPolicy, { policyType, maxRegionStates: budget.regionStates });
  } catch (error) {
    if (error instanceof BudgetExceeded) return unknown(`the patterns have too many overlapping regions (${error.what}); simplify the wildcards or raise the budget.`);
    if (error instanceof ModelDisagreement) return unknown(`internal disagreement between the region model and the engine (${error.message}); please report this.`);
    throw error;
  }
  const searchBudget: SearchBudget = { nodesLeft: budget.searchNodes, deadline: started + budget.ms, nodesVisited: 0 };
  const exact = model.approximations.length === 0;
  const finish = (result: Omit<NoNewAccessResult, 'stats' | 'approximations' | 'skipped' | 'policyType'>): NoNewAccessResult => ({
    ...result, policyType, approximations: model.approximations, skipped: model.skipped,
    stats: { dimensions: dimensionStats(model), nodes: searchBudget.nodesVisited, ms: Date.now() - started },
  });

  let first: number[] | null;
  try {
    first = searchNewAccess(model, searchBudget);
  } catch (error) {
    if (error instanceof BudgetExceeded) return unknown(`the search ran out of its budget (${error.what}).`, model, searchBudget.nodesVisited);
    throw error;
  }
  if (!first) {
    return finish({
      result: 'PASS', exact,
      message: exact ? 'The new policy grants no access that the old policy does not.' : 'The new policy grants no access that the old policy does not (proved over an approximation that only adds requests).',
      reasons: [], witnesses: [],
    });
  }

  const sets = { old: compileFor(oldPolicy, policyType), new: compileFor(newPolicy, policyType) };
  const reasons: DiffReason[] = [];
  const witnesses: Witness[] = [];
  let disagreement: string | undefined;
  const covered = new Set<number>();
  const consider = (choice: number[], grantedBy: number): void => {
    const s = model.statements[grantedBy];
    const witness = buildWitness(model, choice, grantedBy, sets, oldPolicy, newPolicy);
    if (!witness.confirmed && exact) {
      disagreement ??= `${witness.request.action} on ${witness.request.resource}: the search found new access, authorize() does not confirm it`;
      return;
    }
    covered.add(grantedBy);
    reasons.push(reasonFor(s, witness));
    addNarrowedDenies(model, witness, reasons);
    if (witnesses.length < maxWitnesses) witnesses.push(witness);
    // Every other new Allow that applies to this request grants it too: no need to search for it again.
    model.statements.forEach((other, j) => {
      if (covered.has(j) || other.side !== 'new' || !other.allow || other.never) return;
      if (!other.atoms.every((a) => a.table[choice[a.dim]] === 1)) return;
      covered.add(j);
      reasons.push(reasonFor(other, witness));
    });
  };
  let incomplete = false;
  model.statements.forEach((s, i) => {
    if (incomplete || covered.has(i) || s.side !== 'new' || !s.allow || s.never) return;
    try {
      const choice = searchNewAccess(model, searchBudget, i);
      if (choice) consider(choice, i);
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) throw error;
      incomplete = true;
    }
  });
  if (reasons.length === 0 && !disagreement) {
    // The budget ran out before any statement was pinned down: report the first hit on its own.
    const granting = model.statements.findIndex((s) => s.side === 'new' && s.allow && !s.never && s.atoms.every((a) => a.table[first![a.dim]] === 1));
    consider(first, granting);
  }
  reasons.sort((a, b) => a.statementIndex - b.statementIndex);
  if (disagreement && witnesses.length === 0) return unknown(`internal disagreement between the search and authorize() (${disagreement}); please report this.`, model, searchBudget.nodesVisited);
  const confirmed = witnesses.some((w) => w.confirmed);
  const message = exact || confirmed
    ? 'The new policy grants new access compared to the old policy.'
    : 'The new policy might grant new access compared to the old policy (found over an approximation; the witnesses are not confirmed).';
  return finish({ result: 'FAIL', exact, message: incomplete ? `${message} The list of responsible statements may be incomplete (budget).` : message, reasons, witnesses });
}

function dimensionStats(model: DiffModel): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of model.dims) out[d.kind === 'key' || d.kind === 'atom' ? `${d.kind}:${d.name}` : d.kind] = d.values.length;
  return out;
}

function compileFor(policy: NormalizedPolicy, policyType: DiffPolicyType): CompiledPolicySet {
  if (policyType === 'resource') return compilePolicySet({ identity: [allowAllIdentity()], resource: policy });
  // An SCP only limits: with an identity policy that allows everything, the SCP alone decides.
  if (policy.kind === 'scp') return compilePolicySet({ identity: [allowAllIdentity()], scps: [[policy]] });
  return compilePolicySet({ identity: [policy] });
}

/** The principal of identity-policy witnesses: any caller (no keys are derived from it; the context says it all). */
const ANY_PRINCIPAL = '*';

function buildWitness(model: DiffModel, choice: number[], grantedBy: number, sets: { old: CompiledPolicySet; new: CompiledPolicySet }, oldPolicy: NormalizedPolicy, newPolicy: NormalizedPolicy): Witness {
  const value = (kind: string): string | undefined => {
    const d = model.dims.findIndex((x) => x.kind === kind);
    return d < 0 ? undefined : model.dims[d].values[choice[d]];
  };
  const action = polishAction(model, choice, value('action') ?? 'example:Action');
  const resource = polishResource(model, choice, value('resource') ?? 'arn:aws:example:::resource', action);
  const context: Record<string, ContextValue> = {};
  model.dims.forEach((d, i) => {
    const v = d.values[choice[i]];
    if (d.kind === 'key' && v !== undefined) context[d.name] = v;
  });
  fillAtomKeys(model, choice, context);
  const request: Request = { principal: model.policyType === 'resource' ? (value('principal') ?? ANY_PRINCIPAL) : ANY_PRINCIPAL, action, resource, context };
  if (model.policyType === 'resource') {
    const text = `${JSON.stringify(oldPolicy.source?.text ?? '')}${JSON.stringify(newPolicy.source?.text ?? '')}${request.principal}`;
    request.resourceAccount = freshAccount(text);
  }
  const newDecision = authorize(request, sets.new);
  const oldDecision = authorize(request, sets.old);
  const applies = (s: StatementModel) => s.atoms.every((a) => a.what === 'condition' || a.table[choice[a.dim]] === 1);
  // Keys that the statements applying to this request test and the request leaves out, by first spelling.
  const present = new Set(Object.keys(context).map((k) => k.toLowerCase()));
  const absent = new Map<string, string>();
  for (const s of model.statements) {
    if (s.never || !applies(s)) continue;
    for (const c of s.compiled.conditions) if (!present.has(c.keyLower) && !absent.has(c.keyLower)) absent.set(c.keyLower, c.entry.key.value);
  }
  const verdicts = (side: Side) => model.statements.filter((s) => s.side === side).map((s) => verdictOf(model, s, choice, request));
  return {
    request,
    absentKeys: [...absent.values()],
    newDecision: { decision: newDecision.decision, determining: newDecision.determining.filter((r) => r.policy !== ALLOW_ALL_NAME), errors: newDecision.errors, statements: verdicts('new') },
    oldDecision: { decision: oldDecision.decision, determining: oldDecision.determining.filter((r) => r.policy !== ALLOW_ALL_NAME), errors: oldDecision.errors, statements: verdicts('old') },
    confirmed: newDecision.decision === 'allowed' && oldDecision.decision !== 'allowed',
    grantedBy: model.statements[grantedBy]?.compiled.statement.index ?? -1,
    notes: witnessNotes(model, request),
  };
}

function witnessNotes(model: DiffModel, request: Request): string[] {
  const notes: string[] = [];
  if (!getCatalog().action(request.action)) {
    notes.push(`\`${request.action}\` is not an AWS action today; the new pattern also matches actions AWS may add, and no existing action falls in this region.`);
  }
  if (model.policyType === 'identity') notes.push('The caller `*` stands for whoever the policy is attached to; what the conditions read about the caller is in the context.');
  return notes;
}

function list(values: string[]): string {
  return values.length === 1 ? `\`${values[0]}\`` : `[${values.map((v) => `\`${v}\``).join(', ')}]`;
}

function verdictOf(model: DiffModel, s: StatementModel, choice: number[], request: Request): StatementVerdict {
  const st = s.compiled.statement;
  const base = { statementIndex: st.index, ...(st.sid ? { statementId: st.sid.value } : {}), effect: st.effect.value, span: st.span };
  if (s.never) return { ...base, applies: false, because: `skipped: ${s.compiled.error}` };
  for (const atom of s.atoms) {
    if (atom.table[choice[atom.dim]] === 1) continue;
    const dim = model.dims[atom.dim];
    switch (atom.what) {
      case 'principal': {
        const values = (s.compiled.principals ?? []).map((p) => p.value);
        return { ...base, applies: false, because: s.compiled.notPrincipal ? `the caller \`${request.principal}\` is excluded by NotPrincipal ${list(values)}` : `the caller \`${request.principal}\` is not in Principal ${list(values)}` };
      }
      case 'action': {
        const values = (st.notActions ?? st.actions ?? []).map((a) => a.value);
        return { ...base, applies: false, because: s.compiled.notAction ? `\`${request.action}\` is listed in NotAction ${list(values)}` : `\`${request.action}\` does not match Action ${list(values)}` };
      }
      case 'resource': {
        const values = (st.notResources ?? st.resources ?? []).map((a) => a.value);
        if (dim.kind === 'atom') return { ...base, applies: false, because: `Resource ${list(values)} (with policy variables) is taken not to match` };
        return { ...base, applies: false, because: s.compiled.notResource ? `\`${request.resource}\` is listed in NotResource ${list(values)}` : `\`${request.resource}\` does not match Resource ${list(values)}` };
      }
      case 'condition': {
        const c = atom.condition!;
        const key = c.entry.key.value;
        const actual = dim.kind === 'atom' ? 'is taken to be false' : dim.values[choice[atom.dim]] === undefined ? `is false: \`${key}\` is absent` : `is false for \`${key}\` = \`${dim.values[choice[atom.dim]]}\``;
        return { ...base, applies: false, because: `condition \`${c.entry.operator.value}\` \`${key}\` ${list(c.rawValues)} ${actual}` };
      }
    }
  }
  return { ...base, applies: true, because: s.allow ? 'allows this request' : 'denies this request' };
}

function reasonFor(s: StatementModel, w: Witness): DiffReason {
  const st = s.compiled.statement;
  const who = st.sid ? `\`${st.sid.value}\` (index ${st.index})` : `with index ${st.index}`;
  return {
    statementIndex: st.index,
    ...(st.sid ? { statementId: st.sid.value } : {}),
    file: s.compiled.ref.file,
    span: st.span,
    description: `New access in the statement ${who}: it allows \`${w.request.action}\` on \`${w.request.resource}\`, which the old policy does not.`,
  };
}

const LEVEL_RANK: Record<string, number> = { Read: 0, List: 1, Write: 2, Tagging: 3, 'Permissions management': 4 };

/**
 * When the old policy denied the witness explicitly, the new Deny statement with the same Sid (or, without Sids, at
 * the same index) that no longer applies is responsible too: that is usually the line the change edited.
 */
function addNarrowedDenies(model: DiffModel, w: Witness, reasons: DiffReason[]): void {
  if (w.oldDecision.decision !== 'explicitDeny') return;
  for (const old of w.oldDecision.statements) {
    if (old.effect !== 'Deny' || !old.applies) continue;
    const newDenies = model.statements.filter((s) => s.side === 'new' && !s.allow);
    const counterpart = (old.statementId !== undefined ? newDenies.find((s) => s.compiled.statement.sid?.value === old.statementId) : undefined)
      ?? newDenies.find((s) => s.compiled.statement.index === old.statementIndex);
    if (!counterpart) continue;
    const st = counterpart.compiled.statement;
    if (reasons.some((r) => r.statementIndex === st.index)) continue;
    const verdict = w.newDecision.statements.find((v) => v.statementIndex === st.index);
    if (!verdict || verdict.applies) continue;
    const who = st.sid ? `\`${st.sid.value}\` (index ${st.index})` : `with index ${st.index}`;
    reasons.push({
      statementIndex: st.index, ...(st.sid ? { statementId: st.sid.value } : {}), file: counterpart.compiled.ref.file, span: st.span,
      description: `The Deny statement ${who} no longer denies \`${w.request.action}\` on \`${w.request.resource}\`: ${verdict.because}.`,
    });
  }
}

/** Swaps the action representative for a real AWS action of the same region, when one exists. */
function polishAction(model: DiffModel, choice: number[], rep: string): string {
  const dim = model.dims.findIndex((d) => d.kind === 'action');
  if (dim < 0) return rep;
  const atoms = model.statements.flatMap((s) => s.atoms.filter((a) => a.dim === dim).map((a) => ({ s, want: a.table[choice[dim]] === 1 })));
  const fits = (id: string): boolean => {
    const lower = id.toLowerCase();
    return atoms.every(({ s, want }) => {
      const m = s.compiled.actions.some((a) => a.matcher.test(lower));
      return (s.compiled.notAction ? !m : m) === want;
    });
  };
  const catalog = getCatalog();
  if (catalog.action(rep)) return catalog.action(rep)!.id;
  // A literal action of the policies, in the case it was written.
  for (const s of model.statements) for (const a of s.compiled.actions) if (a.matcher.literal && a.matcher.pattern === rep) return a.raw;
  const seen = new Set<string>();
  const patterns = model.statements.filter((s) => s.side === 'new').concat(model.statements.filter((s) => s.side === 'old')).flatMap((s) => s.compiled.actions.map((a) => a.raw));
  for (const p of patterns) {
    // Prefer read-only actions with short names: they make the plainest examples.
    const expanded = [...catalog.expandActionPattern(p)].sort((x, y) => LEVEL_RANK[x.accessLevel] - LEVEL_RANK[y.accessLevel] || x.name.length - y.name.length);
    for (const a of expanded) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      if (fits(a.id)) return a.id;
    }
  }
  // Then the other actions of the services the policies name, then one action of every service (NotAction regions).
  const named = new Set(patterns.map((p) => p.slice(0, Math.max(0, p.indexOf(':'))).toLowerCase()).filter((p) => p && !p.includes('*') && !p.includes('?')));
  for (const service of catalog.services()) {
    if (!named.has(service.toLowerCase())) continue;
    for (const a of catalog.actions(service)) if (!seen.has(a.id) && fits(a.id)) return a.id;
  }
  for (const service of catalog.services()) {
    const a = catalog.actions(service)[0];
    if (a && !seen.has(a.id) && fits(a.id)) return a.id;
  }
  return rep;
}

/** Makes the resource representative read like an ARN (partition, service, a name) when its region allows it. */
function polishResource(model: DiffModel, choice: number[], rep: string, action: string): string {
  const dim = model.dims.findIndex((d) => d.kind === 'resource');
  if (dim < 0) return rep;
  const atoms = model.statements.flatMap((s) => s.atoms.filter((a) => a.dim === dim).map((a) => ({ s, want: a.table[choice[dim]] === 1 })));
  const fits = (text: string): boolean => {
    const subject = toArnSubject(text);
    return atoms.every(({ s, want }) => {
      const m = s.compiled.resources!.some((r) => r.test(subject, { get: () => undefined }) === true);
      return (s.compiled.notResource ? !m : m) === want;
    });
  };
  let best = rep;
  const service = action.includes(':') ? action.slice(0, action.indexOf(':')).toLowerCase() : 'example';
  if (!splitArn(rep)) {
    // A region that also holds ARNs is better shown with one.
    const arn = [`arn:aws:${service}:::example`, `arn:aws:${service}:us-east-1:123456789012:example`].find(fits);
    if (!arn) return rep;
    best = arn;
  }
  const fills: Array<[number, string]> = [[1, 'aws'], [2, service], [5, 'example']];
  for (const [k, fill] of fills) {
    const p = splitArn(best)!;
    if (k === 5 && p[5].endsWith('/')) p[5] += fill;
    else if (p[k] !== '') continue;
    else p[k] = fill;
    const candidate = p.join(':');
    if (fits(candidate)) best = candidate;
  }
  return best;
}

/** For approximated conditions: tries a few values per key so that the request meets what the region assumed. */
function fillAtomKeys(model: DiffModel, choice: number[], context: Record<string, ContextValue>): void {
  const wants = new Map<string, Array<{ s: StatementModel; want: boolean; atom: StatementModel['atoms'][number] }>>();
  for (const s of model.statements) {
    for (const atom of s.atoms) {
      const dim = model.dims[atom.dim];
      if (dim.kind !== 'atom' || !atom.condition) continue;
      const key = atom.condition.entry.key.value;
      let list = wants.get(key);
      if (!list) wants.set(key, (list = []));
      list.push({ s, want: atom.table[choice[atom.dim]] === 1, atom });
    }
  }
  for (const [key, entries] of wants) {
    const relevant = entries.filter((e) => e.s.atoms.every((a) => a.what === 'condition' || a.table[choice[a.dim]] === 1));
    const trueValues = relevant.filter((e) => e.want).flatMap((e) => e.atom.condition!.rawValues);
    const candidates: Array<ContextValue | undefined> = [undefined, ...new Set(trueValues), trueValues, ...new Set(entries.flatMap((e) => e.atom.condition!.rawValues))];
    for (const candidate of candidates) {
      const lookup = { get: (k: string) => (k === key.toLowerCase() ? candidate : context[Object.keys(context).find((c) => c.toLowerCase() === k) ?? '']) };
      if (relevant.every((e) => evaluateCompiledCondition(e.atom.condition!, lookup) === e.want)) {
        if (candidate !== undefined) context[key] = candidate;
        break;
      }
    }
  }
}

export interface AccessToCheck {
  /** Actions (wildcards allowed); omitted = any action. */
  actions?: string[];
  /** Resource ARNs (wildcards allowed); omitted = any resource. */
  resources?: string[];
}

/**
 * Whether `policy` can ever allow one of `access.actions` on one of `access.resources` (PASS: it cannot; FAIL: a
 * witness shows a request it allows). Implemented as a diff against a policy that allows everything else.
 */
export function checkAccessNotGranted(policy: NormalizedPolicy, access: AccessToCheck, options: NoNewAccessOptions = {}): NoNewAccessResult {
  const actions = access.actions?.filter((a) => a !== '') ?? [];
  const resources = access.resources?.filter((r) => r !== '') ?? [];
  if (actions.length === 0 && resources.length === 0) throw new Error('checkAccessNotGranted needs at least one action or resource.');
  const policyType = options.policyType ?? defaultPolicyType(policy);
  const principal = policyType === 'resource' ? { Principal: '*' } : {};
  const statements: object[] = [];
  if (actions.length) statements.push({ Effect: 'Allow', ...principal, NotAction: actions, Resource: '*' });
  if (resources.length) statements.push({ Effect: 'Allow', ...principal, Action: '*', NotResource: resources });
  const name = '(everything except the listed access)';
  const kind: PolicyKind = policyType === 'resource' ? 'resource' : 'identity';
  const reference = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), { kind, name, path: name }).policy!;
  const result = checkNoNewAccess(reference, policy, { ...options, policyType });
  const what = [actions.length ? `actions ${actions.join(', ')}` : '', resources.length ? `resources ${resources.join(', ')}` : ''].filter(Boolean).join(' on ');
  if (result.result === 'PASS') result.message = `The policy does not grant access to the listed ${what}.`;
  else if (result.result === 'FAIL') {
    result.message = result.exact || result.witnesses.some((w) => w.confirmed) ? `The policy grants access to the listed ${what}.` : `The policy might grant access to the listed ${what} (found over an approximation).`;
    for (const r of result.reasons) r.description = r.description.replace(/, which the old policy does not\.$/, '.').replace(/^New access in/, 'Listed access granted by');
  }
  return result;
}
