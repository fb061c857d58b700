/**
 * ARN matching for `Resource`/`NotResource` and the `Arn*` condition operators: the six colon-separated parts
 * (`arn:partition:service:region:account:resource`) are matched one by one, case-sensitively; a wildcard does not
 * cross from one part into another, but inside the resource part `*` crosses `/` and `:`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
import { parseTemplate, resolveTemplate, type ContextLookup, type Template } from './variables.js';
import { compilePieces, compileWildcard, hasWildcard, type PatternPiece, type WildcardMatcher } from '../core/wildcard.js';

/** The six parts of an ARN (the resource part keeps its colons), or null when the text is not an ARN. */
export function splitArn(arn: string): string[] | null {
  if (!arn.startsWith('arn:')) return null;
  const parts: string[] = [];
  let from = 0;
  for (let k = 0; k < 5; k++) {
    const colon = arn.indexOf(':', from);
    if (colon < 0) return null;
    parts.push(arn.slice(from, colon));
    from = colon + 1;
  }
  parts.push(arn.slice(from));
  return parts;
}

/** Splits a pattern at its first five colons that are outside `${…}`; null when there are fewer (also used by diff). */
export function splitPatternRaw(raw: string): string[] | null {
  if (!raw.startsWith('arn:')) return null;
  const parts: string[] = [];
  let from = 0;
  let depth = 0;
  for (let i = 0; i < raw.length && parts.length < 5; i++) {
    const c = raw[i];
    if (c === '$' && raw[i + 1] === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if (c === ':' && depth === 0) {
      parts.push(raw.slice(from, i));
      from = i + 1;
    }
  }
  if (parts.length < 5) return null;
  parts.push(raw.slice(from));
  return parts;
}

/** A request ARN prepared once per request; its parts are located and split on first use. */
export class ArnSubject {
  private split: string[] | null | undefined;
  // Offsets of the five separating colons, as plain fields (a typed array per request costs more than the search).
  // `c0 === -2`: not located yet; `c0 === -1`: the text is not an ARN.
  private c0 = -2;
  private c1 = 0;
  private c2 = 0;
  private c3 = 0;
  private c4 = 0;
  constructor(readonly arn: string) {}
  /** The six parts, or null when the text is not an ARN. */
  get parts(): string[] | null {
    if (this.split === undefined) this.split = splitArn(this.arn);
    return this.split;
  }
  /** Whether the text is an ARN (has `arn:` and five separating colons); locates the colons on first use. */
  isArn(): boolean {
    if (this.c0 === -2) this.locate();
    return this.c0 >= 0;
  }
  private locate(): void {
    const arn = this.arn;
    // INVARIANT: `arn:` prefix means the first colon is at offset 3.
    if (!arn.startsWith('arn:')) {
      this.c0 = -1;
      return;
    }
    const c1 = arn.indexOf(':', 4);
    const c2 = c1 < 0 ? -1 : arn.indexOf(':', c1 + 1);
    const c3 = c2 < 0 ? -1 : arn.indexOf(':', c2 + 1);
    const c4 = c3 < 0 ? -1 : arn.indexOf(':', c3 + 1);
    if (c4 < 0) {
      this.c0 = -1;
      return;
    }
    this.c1 = c1;
    this.c2 = c2;
    this.c3 = c3;
    this.c4 = c4;
    this.c0 = 3;
  }
  /** Offset of separating colon `k` (0–4); only after `isArn()` returned true. */
  colon(k: number): number {
    switch (k) {
      case 0:
        return this.c0;
      case 1:
        return this.c1;
      case 2:
        return this.c2;
      case 3:
        return this.c3;
      default:
        return this.c4;
    }
  }
  /** Offsets of the five separating colons, or null when the text is not an ARN. */
  get bounds(): Int32Array | null {
    if (!this.isArn()) return null;
    return Int32Array.of(this.c0, this.c1, this.c2, this.c3, this.c4);
  }
  /**
   * Whether the account part is `account` (a 12-digit id), or is not an account id at all (then `undefined`): the
   * same answer as comparing `this.account`, without copying the part.
   */
  accountIs(account: string): boolean | undefined {
    if (!this.isArn() || this.c4 - this.c3 !== 13) return undefined;
    // (String equality compares in bulk; startsWith goes character by character.)
    if (this.arn.slice(this.c3 + 1, this.c4) === account) return true;
    return this.account === undefined ? undefined : false;
  }
  /** The account part when it is a 12-digit account id. */
  get account(): string | undefined {
    if (!this.isArn() || this.c4 - this.c3 !== 13) return undefined;
    const arn = this.arn;
    for (let i = this.c3 + 1; i < this.c4; i++) {
      const c = arn.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
    }
    return arn.slice(this.c3 + 1, this.c4);
  }
}

export function toArnSubject(arn: string): ArnSubject {
  return new ArnSubject(arn);
}

/** A compiled ARN pattern. `test` returns undefined when a policy variable in it has no value. */
export interface ArnPattern {
  readonly raw: string;
  readonly hasVariables: boolean;
  test(subject: ArnSubject, context?: ContextLookup): boolean | undefined;
}

function matchPieces(pieces: PatternPiece[], subject: ArnSubject): boolean {
  // Per-part matching needs the pattern's own part boundaries; a substituted value's colons are literal text.
  return compilePieces(pieces, false).test(subject.arn);
}

/**
 * Compiles an ARN pattern. With `variables`, `${…}` is substituted from the request context at match time.
 */
export function compileArnPattern(raw: string, variables: boolean): ArnPattern {
  if (raw === '*') return new AnyArnPattern(raw);
  const rawParts = splitPatternRaw(raw);
  const templates = variables ? (rawParts ?? [raw]).map(parseTemplate) : null;
  const withVariables = templates !== null && templates.some((t) => t.hasVariables);
  if (withVariables) {
    return { raw, hasVariables: true, test: (subject, context) => testWithVariables(templates!, rawParts !== null, subject, context) };
  }
  const whole = compileWildcard(raw, false);
  if (!rawParts && raw.startsWith('arn:')) {
    // An ARN pattern with fewer than six parts matches no well-formed ARN (a wildcard does not stand for a colon).
    return new WholeArnPattern(raw, whole, true);
  }
  // A `${a:b}` kept as literal text (variables off) puts a colon inside a part: whole-string matching then, as before.
  if (!rawParts || (!rawParts.slice(0, 5).some(hasWildcard) && rawParts.slice(0, 5).some((p) => p.includes(':')))) {
    return new WholeArnPattern(raw, whole, false);
  }
  // Part by part: each part is `*` (anything), literal, `prefix*suffix`, or another wildcard, compared in place. The
  // parts are checked most selective first (service, resource, region, account, partition; a literal `arn` is
  // already checked by `isArn()`): every part must match, so the order does not change the answer. A mismatch is
  // usually found by comparing lengths alone.
  const parts = rawParts.map(compilePart);
  const checks = [2, 5, 3, 4, 1, 0].filter((k) => parts[k].kind !== PART_ANY && !(k === 0 && parts[k].kind === PART_LITERAL && parts[k].prefix === 'arn')).map((k) => parts[k]);
  return new PartsArnPattern(raw, whole, checks);
}

// The patterns are class instances, not closures: a call site testing many patterns then sees a few shapes and one
// method per shape, which the JIT inlines, instead of hundreds of distinct closures.

/** `*`: matches anything. */
class AnyArnPattern implements ArnPattern {
  readonly hasVariables = false;
  constructor(readonly raw: string) {}
  test(): boolean {
    return true;
  }
}

/** Matched as one wildcard over the whole text (`arnNever`: a short `arn:` pattern that no well-formed ARN matches). */
class WholeArnPattern implements ArnPattern {
  readonly hasVariables = false;
  constructor(
    readonly raw: string,
    private readonly whole: WildcardMatcher,
    private readonly arnNever: boolean,
  ) {}
  test(subject: ArnSubject): boolean {
    if (this.arnNever && subject.isArn()) return false;
    return this.whole.test(subject.arn);
  }
}

/** Matched part by part (text that is not an ARN: as one wildcard). */
class PartsArnPattern implements ArnPattern {
  readonly hasVariables = false;
  constructor(
    readonly raw: string,
    private readonly whole: WildcardMatcher,
    private readonly checks: PatternPart[],
  ) {}
  test(subject: ArnSubject): boolean {
    if (!subject.isArn()) return this.whole.test(subject.arn);
    const arn = subject.arn;
    const checks = this.checks;
    for (let i = 0; i < checks.length; i++) {
      const part = checks[i];
      const k = part.index;
      const start = k === 0 ? 0 : subject.colon(k - 1) + 1;
      const end = k === 5 ? arn.length : subject.colon(k);
      if (!testPart(part, arn, start, end)) return false;
    }
    return true;
  }
}

const PART_ANY = 0;
const PART_LITERAL = 1;
const PART_AFFIX = 2;
const PART_WILDCARD = 3;

/** One part of an ARN pattern, compiled for matching in place. */
interface PatternPart {
  /** Which part (0–5). */
  index: number;
  kind: number;
  /** The literal text (PART_LITERAL) or the text before the only `*` (PART_AFFIX). */
  prefix: string;
  /** The text after the only `*` (PART_AFFIX). */
  suffix: string;
  matcher: WildcardMatcher | null;
}

function compilePart(p: string, index: number): PatternPart {
  if (p === '*') return { index, kind: PART_ANY, prefix: '', suffix: '', matcher: null };
  if (!hasWildcard(p)) return { index, kind: PART_LITERAL, prefix: p, suffix: '', matcher: null };
  const star = p.indexOf('*');
  if (!p.includes('?') && star === p.lastIndexOf('*')) return { index, kind: PART_AFFIX, prefix: p.slice(0, star), suffix: p.slice(star + 1), matcher: null };
  return { index, kind: PART_WILDCARD, prefix: '', suffix: '', matcher: compileWildcard(p, false) };
}

/** Whether `arn[start, end)` matches the part (case-sensitively), without copying the substring when it can. */
function testPart(part: PatternPart, arn: string, start: number, end: number): boolean {
  switch (part.kind) {
    case PART_LITERAL:
      return end - start === part.prefix.length && hasAt(arn, start, part.prefix);
    case PART_AFFIX:
      return end - start >= part.prefix.length + part.suffix.length && hasAt(arn, start, part.prefix) && hasAt(arn, end - part.suffix.length, part.suffix);
    case PART_WILDCARD:
      return part.matcher!.test(arn.slice(start, end));
    default:
      return true;
  }
}

/** Whether `text` has `literal` at `start` (the caller has checked that it fits). */
function hasAt(text: string, start: number, literal: string): boolean {
  const n = literal.length;
  if (n === 0) return true;
  // V8's startsWith compares character by character; string equality compares a short copy in bulk.
  return n <= 4 ? text.startsWith(literal, start) : text.slice(start, start + n) === literal;
}

function testWithVariables(templates: Template[], perPart: boolean, subject: ArnSubject, context: ContextLookup | undefined): boolean | undefined {
  if (!context) return undefined;
  const resolved: PatternPiece[][] = [];
  for (const t of templates) {
    const pieces = resolveTemplate(t, context);
    if (!pieces) return undefined;
    resolved.push(pieces);
  }
  const parts = subject.parts;
  if (!perPart || !parts) {
    const all: PatternPiece[] = [];
    resolved.forEach((pieces, k) => {
      if (k > 0) all.push({ text: ':', wild: false });
      all.push(...pieces);
    });
    return matchPieces(all, subject);
  }
  for (let k = 0; k < 6; k++) if (!compilePieces(resolved[k], false).test(parts[k])) return false;
  return true;
}

/** Whether `arn` matches the ARN pattern (part by part; `*` alone matches anything). No policy variables. */
export function matchArn(pattern: string, arn: string): boolean {
  return compileArnPattern(pattern, false).test(toArnSubject(arn)) === true;
}
