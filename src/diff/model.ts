/**
 * The request space of a diff, cut into finitely many regions per dimension (principal, action, resource, each
 * condition key, each approximated condition), and every statement of both policies as a conjunction of atoms, each
 * reading one dimension. The truth of every atom on every representative is computed by the engine's own matchers
 * and condition evaluators, so the diff and `authorize` share one semantic model.
 */
import { getCatalog } from '../catalog/index.js';
import type { Span } from '../core/span.js';
import { prepareRequest, principalMatches } from '../engine/authorize.js';
import { compilePolicySet, type CompiledStatement } from '../engine/compile.js';
import { evaluateCompiledCondition, parseIp, type CompiledCondition, type OperatorFamily } from '../engine/conditions.js';
import { toArnSubject } from '../engine/arn.js';
import { DERIVED_KEY_NAMES, parsePrincipal } from '../engine/principal.js';
import type { ContextValue, StatementRef } from '../engine/types.js';
import type { ContextLookup } from '../engine/variables.js';
import type { NormalizedPolicy } from '../policy/types.js';
import { arnRegionPattern, computeRegions, lit, plainRegionPattern, wildcardGlob, type RegionPattern } from './regions.js';

/** Which policy a statement belongs to. */
export type Side = 'old' | 'new';

/** `identity`: no Principal dimension; `resource`: the caller is a dimension, matched against `Principal`. */
export type DiffPolicyType = 'identity' | 'resource';

export type DimensionKind = 'principal' | 'action' | 'resource' | 'key' | 'atom';

/** One dimension of the request space and its representatives. */
export interface Dimension {
  kind: DimensionKind;
  /** `action`, `resource`, `principal`, a condition key as first written, or an approximated atom's text. */
  name: string;
  keyLower?: string;
  /** Representatives; `undefined` = the key is absent. Atoms: `true`/`false`. */
  values: (string | undefined)[];
  /** For atoms: the condition entry or resource list it stands for. */
  atomOf?: { key?: string; values: string[] };
}

/** What an atom of a statement tests. */
export type AtomWhat = 'principal' | 'action' | 'resource' | 'condition';

export interface Atom {
  dim: number;
  what: AtomWhat;
  /** Truth per representative of `dim` (1 = true). */
  table: Uint8Array;
  condition?: CompiledCondition;
}

export interface StatementModel {
  side: Side;
  allow: boolean;
  compiled: CompiledStatement;
  atoms: Atom[];
  /** The engine skips this statement (it cannot be evaluated): it never applies. */
  never: boolean;
}

/** A place where the model over-approximates the request space (PASS stays a proof; FAIL means "possible"). */
export interface Approximation {
  kind: 'set-operator' | 'multivalued-key' | 'date' | 'binary' | 'mixed-operators' | 'policy-variable' | 'principal-key';
  statement: StatementRef;
  side: Side;
  note: string;
}

export interface DiffModel {
  policyType: DiffPolicyType;
  dims: Dimension[];
  statements: StatementModel[];
  approximations: Approximation[];
  /** Statements the engine skips, with why. */
  skipped: { side: Side; statement: StatementRef; message: string }[];
}

/** Thrown when a budget runs out; the caller answers UNKNOWN. */
export class BudgetExceeded extends Error {
  constructor(readonly what: string) {
    super(`budget exceeded: ${what}`);
  }
}

/** Thrown when the region automata and the engine disagree: an internal error, answered UNKNOWN. */
export class ModelDisagreement extends Error {}

export interface ModelOptions {
  policyType: DiffPolicyType;
  maxRegionStates: number;
}

const EMPTY_LOOKUP: ContextLookup = { get: () => undefined };

function lookupOf(keyLower: string, value: ContextValue | undefined): ContextLookup {
  return { get: (k) => (k === keyLower ? value : undefined) };
}

/** Compiles both policies with the engine and cuts the request space into regions. */
export function buildModel(oldPolicy: NormalizedPolicy, newPolicy: NormalizedPolicy, options: ModelOptions): DiffModel {
  // SCPs keep their own rules (Resource may be left out); everything else identity-like compiles as identity.
  const compile = (p: NormalizedPolicy) =>
    options.policyType === 'resource' ? compilePolicySet({ identity: [], resource: p }).resource!.statements
      : p.kind === 'scp' ? compilePolicySet({ identity: [], scps: [[p]] }).scps[0].statements
        : compilePolicySet({ identity: [p] }).identity.statements;
  const statements: StatementModel[] = [
    ...compile(oldPolicy).map((c) => ({ side: 'old' as const, allow: c.allow, compiled: c, atoms: [], never: c.error !== undefined })),
    ...compile(newPolicy).map((c) => ({ side: 'new' as const, allow: c.allow, compiled: c, atoms: [], never: c.error !== undefined })),
  ];
  const model: DiffModel = { policyType: options.policyType, dims: [], statements, approximations: [], skipped: [] };
  for (const s of statements) if (s.never) model.skipped.push({ side: s.side, statement: s.compiled.ref, message: s.compiled.error! });
  const live = statements.filter((s) => !s.never);

  if (options.policyType === 'resource') addPrincipalDimension(model, live);
  addActionDimension(model, live, options);
  addResourceDimension(model, live, options);
  addConditionDimensions(model, live, options);
  return model;
}

function addDimension(model: DiffModel, dim: Dimension): number {
  model.dims.push(dim);
  return model.dims.length - 1;
}

const atomDims = new WeakMap<DiffModel, Map<string, number>>();

/** A free Boolean dimension shared by syntax: identical text in both policies gets the same atom. */
function atomDimension(model: DiffModel, canonical: string, name: string, atomOf: Dimension['atomOf']): number {
  let byText = atomDims.get(model);
  if (!byText) atomDims.set(model, (byText = new Map()));
  const found = byText.get(canonical);
  if (found !== undefined) return found;
  const dim = addDimension(model, { kind: 'atom', name, values: ['true', 'false'], ...(atomOf ? { atomOf } : {}) });
  byText.set(canonical, dim);
  return dim;
}

const ATOM_TABLE = Uint8Array.from([1, 0]);

// ---------------------------------------------------------------------------------------------------------------
// Principal (resource-based policies)

/** Account ids and principals named anywhere, and fresh ones that no policy names. */
function principalCandidates(live: StatementModel[]): string[] {
  const accounts = new Set<string>();
  const partitions = new Set<string>(['aws']);
  const out = new Set<string>();
  const services = new Set<string>();
  const texts: string[] = [];
  for (const s of live) {
    for (const p of s.compiled.principals ?? []) {
      texts.push(p.value);
      if (p.type === 'Service') services.add(p.value);
      else if (p.type === 'AWS' && /^\d{12}$/.test(p.value)) accounts.add(p.value);
      else if (p.type !== '*' && p.value !== '*') {
        const info = parsePrincipal(p.value);
        if (info.account) accounts.add(info.account);
        if (info.partition) partitions.add(info.partition);
        if (info.kind === 'role' && info.name) out.add(`arn:${info.partition}:sts::${info.account}:assumed-role/${info.name}/session`);
        if (info.kind !== 'unknown' && info.kind !== 'federated-user') out.add(p.value);
      }
    }
  }
  const all = texts.join(' ');
  accounts.add(freshAccount(all));
  for (const partition of partitions) {
    for (const account of accounts) {
      out.add(`arn:${partition}:iam::${account}:root`);
      out.add(`arn:${partition}:iam::${account}:user/example-user`);
      out.add(`arn:${partition}:iam::${account}:role/example-role`);
      out.add(`arn:${partition}:sts::${account}:assumed-role/example-role/session`);
    }
  }
  for (const service of services) out.add(service);
  out.add('example.amazonaws.com');
  return [...out];
}

/** A 12-digit account id that does not occur in `text`. */
export function freshAccount(text: string): string {
  for (let n = 0; ; n++) {
    const id = String(123456789012 + n * 1111).padStart(12, '0');
    if (!text.includes(id)) return id;
  }
}

function addPrincipalDimension(model: DiffModel, live: StatementModel[]): void {
  const candidates = principalCandidates(live);
  const withPrincipal = live.filter((s) => s.compiled.principals !== null);
  const byVector = new Map<string, string>();
  const tables: number[][] = withPrincipal.map(() => []);
  for (const candidate of candidates) {
    const req = prepareRequest({ principal: candidate, action: '', resource: '' });
    const vector = withPrincipal.map((s) => (principalMatches(s.compiled, req) !== undefined ? 1 : 0));
    const key = vector.join('');
    if (byVector.has(key)) continue;
    byVector.set(key, candidate);
    vector.forEach((v, i) => tables[i].push(v));
  }
  const dim = addDimension(model, { kind: 'principal', name: 'principal', values: [...byVector.values()] });
  withPrincipal.forEach((s, i) => s.atoms.push({ dim, what: 'principal', table: Uint8Array.from(tables[i]) }));
}

// ---------------------------------------------------------------------------------------------------------------
// Action and resource

function addActionDimension(model: DiffModel, live: StatementModel[], options: ModelOptions): void {
  const patterns = new Map<string, number>();
  for (const s of live) for (const a of s.compiled.actions) if (!patterns.has(a.matcher.pattern)) patterns.set(a.matcher.pattern, patterns.size);
  const regionPatterns: RegionPattern[] = [...patterns.keys()].map((p) => plainRegionPattern(wildcardGlob(p, true)));
  const regions = computeRegions(regionPatterns, { maxStates: options.maxRegionStates });
  if (!regions) throw new BudgetExceeded('action regions');
  const reps = regions.map((r) => r.text);
  // INVARIANT: the automata and the engine agree on every representative; otherwise we cannot prove anything.
  for (const s of live) {
    for (const a of s.compiled.actions) {
      const j = patterns.get(a.matcher.pattern)!;
      regions.forEach((r) => {
        if (a.matcher.test(r.text) !== r.vector[j]) throw new ModelDisagreement(`action pattern ${a.raw} on ${JSON.stringify(r.text)}`);
      });
    }
  }
  const dim = addDimension(model, { kind: 'action', name: 'action', values: reps });
  for (const s of live) {
    const table = Uint8Array.from(reps.map((text) => {
      const m = s.compiled.actions.some((a) => a.matcher.test(text));
      return (s.compiled.notAction ? !m : m) ? 1 : 0;
    }));
    s.atoms.push({ dim, what: 'action', table });
  }
}

function addResourceDimension(model: DiffModel, live: StatementModel[], options: ModelOptions): void {
  const exact = live.filter((s) => s.compiled.resources !== null && !s.compiled.resources.some((r) => r.hasVariables));
  const patterns = new Map<string, number>();
  for (const s of exact) for (const r of s.compiled.resources!) if (!patterns.has(r.raw)) patterns.set(r.raw, patterns.size);
  const regions = computeRegions([...patterns.keys()].map(arnRegionPattern), { maxStates: options.maxRegionStates });
  if (!regions) throw new BudgetExceeded('resource regions');
  for (const s of exact) {
    for (const r of s.compiled.resources!) {
      const j = patterns.get(r.raw)!;
      for (const region of regions) {
        if ((r.test(toArnSubject(region.text), EMPTY_LOOKUP) === true) !== region.vector[j]) throw new ModelDisagreement(`resource pattern ${r.raw} on ${JSON.stringify(region.text)}`);
      }
    }
  }
  const reps = regions.map((r) => r.text);
  const dim = addDimension(model, { kind: 'resource', name: 'resource', values: reps });
  for (const s of exact) {
    const table = Uint8Array.from(reps.map((text) => {
      const subject = toArnSubject(text);
      const m = s.compiled.resources!.some((r) => r.test(subject, EMPTY_LOOKUP) === true);
      return (s.compiled.notResource ? !m : m) ? 1 : 0;
    }));
    s.atoms.push({ dim, what: 'resource', table });
  }
  for (const s of live) {
    if (s.compiled.resources === null || exact.includes(s)) continue;
    const raws = s.compiled.resources.map((r) => r.raw);
    const name = `${s.compiled.notResource ? 'NotResource' : 'Resource'} ${raws.join(', ')}`;
    const atom = atomDimension(model, JSON.stringify(['resource', s.compiled.notResource, [...raws].sort()]), name, { values: raws });
    s.atoms.push({ dim: atom, what: 'resource', table: ATOM_TABLE });
    model.approximations.push({ kind: 'policy-variable', statement: s.compiled.ref, side: s.side, note: `${name} uses policy variables; its match is treated as an independent yes/no.` });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Condition keys

type ValueFamily = 'string' | 'number' | 'ip' | 'null';

function valueFamily(f: OperatorFamily): ValueFamily | 'approx' {
  switch (f) {
    case 'String':
    case 'Arn':
    case 'Bool':
      return 'string';
    case 'Numeric':
      return 'number';
    case 'IpAddress':
      return 'ip';
    case 'Null':
      return 'null';
    default:
      return 'approx';
  }
}

interface KeyUse {
  statement: StatementModel;
  condition: CompiledCondition;
}

function isMultivaluedKey(key: string): boolean {
  try {
    return getCatalog().conditionKey(key)?.type.startsWith('ArrayOf') === true;
  } catch {
    return false;
  }
}

function addConditionDimensions(model: DiffModel, live: StatementModel[], options: ModelOptions): void {
  const byKey = new Map<string, KeyUse[]>();
  for (const s of live) {
    for (const c of s.compiled.conditions) {
      let uses = byKey.get(c.keyLower);
      if (!uses) byKey.set(c.keyLower, (uses = []));
      uses.push({ statement: s, condition: c });
    }
  }
  for (const [keyLower, uses] of byKey) {
    const keyName = uses[0].condition.entry.key.value;
    let reason: Approximation['kind'] | undefined;
    let note = '';
    const families = new Set<ValueFamily>();
    for (const { condition } of uses) {
      const op = condition.op!;
      const family = valueFamily(op.family);
      if (op.set) {
        reason = 'set-operator';
        note = `\`${keyName}\` is tested with ${op.set}; each of its conditions is treated as an independent yes/no.`;
      } else if (family === 'approx') {
        reason ??= op.family === 'Date' ? 'date' : 'binary';
        note ||= `${op.family} conditions on \`${keyName}\` are treated as independent yes/no values.`;
      } else if (family !== 'null') families.add(family);
    }
    if (!reason && isMultivaluedKey(keyName)) {
      reason = 'multivalued-key';
      note = `\`${keyName}\` can carry several values; each of its conditions is treated as an independent yes/no.`;
    }
    if (!reason && families.size > 1) {
      reason = 'mixed-operators';
      note = `\`${keyName}\` is compared as ${[...families].join(' and ')}; each of its conditions is treated as an independent yes/no.`;
    }
    const exactUses: KeyUse[] = [];
    for (const use of uses) {
      if (reason || use.condition.templates) {
        const c = use.condition;
        const canonical = JSON.stringify([c.entry.operator.value.toLowerCase(), keyLower, c.rawValues]);
        const dim = atomDimension(model, canonical, `${c.entry.operator.value} ${keyName} ${JSON.stringify(c.rawValues)}`, { key: keyName, values: c.rawValues });
        use.statement.atoms.push({ dim, what: 'condition', table: ATOM_TABLE, condition: c });
        const kind = reason ?? 'policy-variable';
        const why = reason ? note : `\`${c.entry.operator.value}\` on \`${keyName}\` uses policy variables; it is treated as an independent yes/no.`;
        model.approximations.push({ kind, statement: use.statement.compiled.ref, side: use.statement.side, note: why });
      } else exactUses.push(use);
    }
    if (model.policyType === 'resource' && keyLower in DERIVED_KEY_NAMES && exactUses.length) {
      for (const use of exactUses) {
        model.approximations.push({
          kind: 'principal-key', statement: use.statement.compiled.ref, side: use.statement.side,
          note: `\`${keyName}\` is derived from the caller; the diff treats it as independent of Principal, so a witness may pair values no real caller has.`,
        });
      }
    }
    if (exactUses.length === 0) continue;
    const family = [...families][0] ?? 'null';
    const candidates = candidateValues(family, exactUses, options);
    const byVector = new Map<string, string | undefined>();
    const tables: number[][] = exactUses.map(() => []);
    for (const value of [undefined, ...candidates]) {
      const lookup = lookupOf(keyLower, value);
      const vector = exactUses.map((u) => (evaluateCompiledCondition(u.condition, lookup) ? 1 : 0));
      const key = vector.join('');
      if (byVector.has(key)) continue;
      byVector.set(key, value);
      vector.forEach((v, i) => tables[i].push(v));
    }
    const dim = addDimension(model, { kind: 'key', name: keyName, keyLower, values: [...byVector.values()] });
    exactUses.forEach((u, i) => u.statement.atoms.push({ dim, what: 'condition', table: Uint8Array.from(tables[i]), condition: u.condition }));
  }
}

function candidateValues(family: ValueFamily, uses: KeyUse[], options: ModelOptions): string[] {
  switch (family) {
    case 'null':
      return ['example'];
    case 'string':
      return stringCandidates(uses, options);
    case 'number':
      return numberCandidates(uses);
    case 'ip':
      return ipCandidates(uses);
  }
}

function stringCandidates(uses: KeyUse[], options: ModelOptions): string[] {
  const patterns: RegionPattern[] = [];
  for (const { condition } of uses) {
    const op = condition.op!;
    for (const v of condition.rawValues) {
      if (op.family === 'Arn') patterns.push(arnRegionPattern(v));
      else if (op.family === 'Bool' || op.ignoreCase) patterns.push(plainRegionPattern(lit(v, true)));
      else if (op.like) patterns.push(plainRegionPattern(wildcardGlob(v, true)));
      else if (op.family === 'String') patterns.push(plainRegionPattern(lit(v)));
    }
  }
  const regions = computeRegions(patterns, { maxStates: options.maxRegionStates });
  if (!regions) throw new BudgetExceeded('condition-value regions');
  return regions.map((r) => r.text);
}

function numberCandidates(uses: KeyUse[]): string[] {
  const nums = [...new Set(uses.flatMap((u) => u.condition.rawValues.map((v) => Number(v.trim()))))].filter(Number.isFinite).sort((a, b) => a - b);
  const out = new Set<string>(['not-a-number']);
  if (nums.length === 0) out.add('0');
  else {
    out.add(String(nums[0] - 1));
    out.add(String(nums[nums.length - 1] + 1));
  }
  nums.forEach((n, i) => {
    out.add(String(n));
    if (i + 1 < nums.length) out.add(String((n + nums[i + 1]) / 2));
  });
  return [...out];
}

function ipText(bytes: number[], v6: boolean): string {
  if (!v6) return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups.join(':');
}

/** Adds `delta` (±1) to a big-endian byte array; undefined on overflow. */
function addOne(bytes: number[], delta: 1 | -1): number[] | undefined {
  const out = [...bytes];
  for (let i = out.length - 1; i >= 0; i--) {
    const v = out[i] + delta;
    if (v >= 0 && v <= 255) {
      out[i] = v;
      return out;
    }
    out[i] = delta === 1 ? 0 : 255;
  }
  return undefined;
}

function ipCandidates(uses: KeyUse[]): string[] {
  const out = new Set<string>(['not-an-ip', '0.0.0.0', '0:0:0:0:0:0:0:0']);
  for (const { condition } of uses) {
    for (const v of condition.rawValues) {
      const slash = v.indexOf('/');
      const ip = parseIp(slash < 0 ? v : v.slice(0, slash));
      if (!ip) continue;
      const max = ip.v6 ? 128 : 32;
      const bits = slash < 0 ? max : Math.min(max, Number(v.slice(slash + 1)));
      const start = ip.bytes.map((b, i) => {
        const keep = Math.max(0, Math.min(8, bits - i * 8));
        return b & ((0xff << (8 - keep)) & 0xff);
      });
      const end = start.map((b, i) => {
        const keep = Math.max(0, Math.min(8, bits - i * 8));
        return b | (0xff >> keep);
      });
      for (const bytes of [start, end, addOne(start, -1), addOne(end, 1)]) if (bytes) out.add(ipText(bytes, ip.v6));
    }
  }
  return [...out];
}

/** The statement's span, for messages. */
export function statementSpan(s: StatementModel): Span {
  return s.compiled.ref.span;
}
