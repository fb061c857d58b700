/**
 * Regions of one string dimension (an action, a resource ARN, a string-like condition key): every realisable
 * combination of "which patterns match" and a shortest string for each. Characters that no pattern names literally
 * behave alike under `*` and `?`, so the search runs over the patterns' literal characters plus one fresh
 * character (and `:`, which ARN matching treats specially); a breadth-first walk over the product of the patterns'
 * automata then reaches every realisable acceptance vector. The walk is budgeted: past the budget the caller gets
 * `undefined` and must answer UNKNOWN, never PASS.
 *
 * These automata only *find* representatives. Whether a representative matches a statement is always decided by the
 * engine's own matchers (see `model.ts`), and a disagreement between the two is reported as an internal error.
 */
import { splitPatternRaw } from '../engine/arn.js';

/** One token of a pattern: a set of characters, `?` (one character) or `*` (any run). */
export type Token =
  | { kind: 'chars'; chars: string }
  | { kind: 'one'; colon: boolean }
  | { kind: 'star'; colon: boolean };

/** A pattern as a sequence of tokens; `colon: false` on `?`/`*` means the wildcard cannot stand for `:`. */
export type Glob = Token[];

/**
 * One pattern of a dimension. A text that is a well-formed ARN (`arn:` and five more colons) is matched by `arn`,
 * any other text by `plain`; `null` matches nothing, `'all'` everything.
 */
export interface RegionPattern {
  arn: Glob | null | 'all';
  plain: Glob | null | 'all';
}

/** The automaton that accepts exactly the well-formed ARNs, as the engine's `splitArn` reads them. */
const ARN_SHAPE: Glob = [
  ...lit('arn:'),
  { kind: 'star', colon: false }, ...lit(':'),
  { kind: 'star', colon: false }, ...lit(':'),
  { kind: 'star', colon: false }, ...lit(':'),
  { kind: 'star', colon: false }, ...lit(':'),
  { kind: 'star', colon: true },
];

/** Tokens for literal text (no wildcards). */
export function lit(text: string, ignoreCase = false): Glob {
  return [...text].map((c) => ({ kind: 'chars', chars: ignoreCase ? uniq(c.toLowerCase() + c.toUpperCase()) : c }));
}

function uniq(s: string): string {
  return [...new Set(s)].join('');
}

/** Tokens for an IAM wildcard pattern (`*`, `?`); `colon: false` keeps the wildcards inside one ARN part. */
export function wildcardGlob(pattern: string, colon = true): Glob {
  const out: Glob = [];
  for (const c of pattern) {
    if (c === '*') {
      // Consecutive stars are one star.
      if (out.length === 0 || out[out.length - 1].kind !== 'star') out.push({ kind: 'star', colon });
    } else if (c === '?') out.push({ kind: 'one', colon });
    else out.push({ kind: 'chars', chars: c });
  }
  return out;
}

/** The engine's own ARN-pattern split, so diff and simulate can never split a pattern differently. */
export const splitArnPattern = splitPatternRaw;

/** The region pattern of an ARN pattern as `Resource`, `NotResource` and the `Arn*` operators read it. */
export function arnRegionPattern(raw: string): RegionPattern {
  if (raw === '*') return { arn: 'all', plain: 'all' };
  const whole = wildcardGlob(raw, true);
  const parts = splitArnPattern(raw);
  if (!parts) return raw.startsWith('arn:') ? { arn: null, plain: whole } : { arn: whole, plain: whole };
  if (!parts.slice(0, 5).some((p) => p.includes('*') || p.includes('?'))) return { arn: whole, plain: whole };
  const perPart: Glob = [];
  parts.forEach((p, k) => {
    if (k > 0) perPart.push({ kind: 'chars', chars: ':' });
    perPart.push(...wildcardGlob(p, k === 5));
  });
  return { arn: perPart, plain: whole };
}

/** A string pattern read the same way whatever the text (actions, `String*` and `Bool` operators). */
export function plainRegionPattern(glob: Glob | 'all'): RegionPattern {
  return { arn: glob, plain: glob };
}

export interface RegionOptions {
  /** Only texts that are well-formed ARNs. */
  requireArn?: boolean;
  /** Maximum number of product states to visit. */
  maxStates: number;
}

/** One region: which patterns match (by index), and its representative text. */
export interface Region {
  text: string;
  vector: boolean[];
}

type StateSet = number[];

function closure(glob: Glob, positions: StateSet): StateSet {
  const out = new Set<number>();
  const stack = [...positions];
  while (stack.length) {
    const p = stack.pop()!;
    if (out.has(p)) continue;
    out.add(p);
    if (p < glob.length && glob[p].kind === 'star') stack.push(p + 1);
  }
  return [...out].sort((a, b) => a - b);
}

function step(glob: Glob, positions: StateSet, c: string): StateSet {
  const next: number[] = [];
  for (const p of positions) {
    if (p >= glob.length) continue;
    const t = glob[p];
    if (t.kind === 'chars') {
      if (t.chars.includes(c)) next.push(p + 1);
    } else if (t.kind === 'one') {
      if (t.colon || c !== ':') next.push(p + 1);
    } else if (t.colon || c !== ':') next.push(p);
  }
  return next.length ? closure(glob, next) : next;
}

/** Stands for every character that a pattern does not name (and is not `:`). */
const OTHER = '\u0000';

/**
 * One pattern's automaton, determinized lazily over the pattern's own characters plus `:` and "any other": state 0
 * is the dead (empty) set; transitions are computed once per (state, character class) and kept, so that the same
 * pattern in later diffs costs nothing to walk again.
 */
class LazyDfa {
  private readonly sets: StateSet[] = [[]];
  private readonly ids = new Map<string, number>([['', 0]]);
  private readonly next: Int32Array[] = [];
  readonly accepting: boolean[] = [false];
  readonly start: number;
  /** The pattern's character classes: its literal characters, `:`, and OTHER last. */
  readonly classes: string[];
  private readonly classOf: Map<string, number>;

  constructor(private readonly glob: Glob) {
    const chars = new Set<string>([':']);
    for (const t of glob) if (t.kind === 'chars') for (const c of t.chars) chars.add(c);
    this.classes = [...chars, OTHER];
    this.classOf = new Map(this.classes.map((c, i) => [c, i]));
    this.next.push(new Int32Array(this.classes.length));
    this.start = this.idOf(closure(glob, [0]));
  }

  /** The class index of a character. */
  classIndex(c: string): number {
    return this.classOf.get(c) ?? this.classes.length - 1;
  }

  private idOf(set: StateSet): number {
    const key = set.join(',');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(set);
      this.ids.set(key, id);
      this.accepting.push(set.length > 0 && set[set.length - 1] === this.glob.length);
      this.next.push(new Int32Array(this.classes.length).fill(-1));
    }
    return id;
  }

  step(state: number, cls: number): number {
    const row = this.next[state];
    let to = row[cls];
    if (to < 0) {
      to = this.idOf(step(this.glob, this.sets[state], this.classes[cls]));
      row[cls] = to;
    }
    return to;
  }
}

const dfaCache = new Map<string, LazyDfa>();

function dfaFor(glob: Glob): LazyDfa {
  const key = JSON.stringify(glob);
  let dfa = dfaCache.get(key);
  if (!dfa) {
    if (dfaCache.size > 20_000) dfaCache.clear();
    dfa = new LazyDfa(glob);
    dfaCache.set(key, dfa);
  }
  return dfa;
}

/** A pattern side compiled for the walk: index of its automaton, or a constant. */
type Side = number | boolean;

/**
 * Every realisable acceptance vector of `patterns` over all texts, each with a shortest text (preferring a
 * well-formed ARN when one reaches the same vector). `undefined` when the walk exceeds `maxStates`.
 */
export function computeRegions(patterns: RegionPattern[], options: RegionOptions): Region[] | undefined {
  // The ARN-shape automaton is needed only when some pattern reads ARNs differently, or only ARNs count.
  const needShape = options.requireArn === true || patterns.some((p) => p.arn !== p.plain);
  const globs: Glob[] = needShape ? [ARN_SHAPE] : [];
  const byGlob = new Map<Glob, number>();
  const side = (g: Glob | null | 'all'): Side => {
    if (g === null) return false;
    if (g === 'all') return true;
    let i = byGlob.get(g);
    if (i === undefined) {
      globs.push(g);
      i = globs.length - 1;
      byGlob.set(g, i);
    }
    return i;
  };
  const sides: Array<[Side, Side]> = patterns.map((p) => [side(p.arn), side(p.plain)]);
  const literal = new Set<string>(':arn');
  for (const g of globs) for (const t of g) if (t.kind === 'chars') for (const c of t.chars) literal.add(c);
  const fresh = [...'x0_-Q~#'].find((c) => !literal.has(c)) ?? String.fromCharCode(0x2603);
  const alphabet = [...[...literal].sort(), fresh];
  const dfas = globs.map(dfaFor);
  // classes[g][c]: the class of alphabet character c in automaton g.
  const classes = dfas.map((d) => Int32Array.from(alphabet, (ch) => d.classIndex(ch)));

  // A product state lists only its live automata, as [automaton, state, automaton, state, …] in automaton order.
  const accepted = new Uint8Array(globs.length);
  const vectorOf = (state: number[]): { valid: boolean; vector: string } => {
    accepted.fill(0);
    for (let i = 0; i < state.length; i += 2) if (dfas[state[i]].accepting[state[i + 1]]) accepted[state[i]] = 1;
    const valid = needShape && accepted[0] === 1;
    let vector = '';
    for (const [a, p] of sides) {
      const s = valid ? a : p;
      vector += (typeof s === 'boolean' ? s : accepted[s] === 1) ? '1' : '0';
    }
    return { valid: valid || (!needShape && !options.requireArn), vector };
  };

  const found = new Map<string, { arn?: string; any: string }>();
  const start: number[] = [];
  dfas.forEach((d, g) => start.push(g, d.start));
  const seen = new Set<string>([start.join(',')]);
  let frontier: Array<{ state: number[]; text: string }> = [{ state: start, text: '' }];
  let visited = 0;
  while (frontier.length) {
    const nextFrontier: typeof frontier = [];
    for (const { state, text } of frontier) {
      if (++visited > options.maxStates) return undefined;
      const { valid, vector } = vectorOf(state);
      if (valid || !options.requireArn) {
        const entry = found.get(vector);
        if (!entry) found.set(vector, valid ? { arn: text, any: text } : { any: text });
        else if (valid && entry.arn === undefined) entry.arn = text;
      }
      for (let c = 0; c < alphabet.length; c++) {
        const moved: number[] = [];
        for (let i = 0; i < state.length; i += 2) {
          const g = state[i];
          const to = dfas[g].step(state[i + 1], classes[g][c]);
          if (to !== 0) moved.push(g, to);
        }
        const key = moved.join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        nextFrontier.push({ state: moved, text: text + alphabet[c] });
      }
    }
    frontier = nextFrontier;
  }
  return [...found.entries()].map(([key, e]) => ({ text: e.arn ?? e.any, vector: [...key].map((b) => b === '1') }));
}
