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

const ACCOUNT_ID = /^\d{12}$/;

/** A request ARN prepared once per request; its parts are located and split on first use. */
export class ArnSubject {
  private split: string[] | null | undefined;
  private colons: Int32Array | null | undefined;
  constructor(readonly arn: string) {}
  /** The six parts, or null when the text is not an ARN. */
  get parts(): string[] | null {
    if (this.split === undefined) this.split = splitArn(this.arn);
    return this.split;
  }
  /** Offsets of the five separating colons, or null when the text is not an ARN (no substrings are made). */
  get bounds(): Int32Array | null {
    if (this.colons !== undefined) return this.colons;
    const arn = this.arn;
    if (!arn.startsWith('arn:')) return (this.colons = null);
    const at = new Int32Array(5);
    let from = 0;
    for (let k = 0; k < 5; k++) {
      const colon = arn.indexOf(':', from);
      if (colon < 0) return (this.colons = null);
      at[k] = colon;
      from = colon + 1;
    }
    return (this.colons = at);
  }
  /** The account part when it is a 12-digit account id. */
  get account(): string | undefined {
    const b = this.bounds;
    if (!b || b[4] - b[3] !== 13) return undefined;
    const account = this.arn.slice(b[3] + 1, b[4]);
    return ACCOUNT_ID.test(account) ? account : undefined;
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
  if (raw === '*') return { raw, hasVariables: false, test: () => true };
  const rawParts = splitPatternRaw(raw);
  const templates = variables ? (rawParts ?? [raw]).map(parseTemplate) : null;
  const withVariables = templates !== null && templates.some((t) => t.hasVariables);
  if (withVariables) {
    return { raw, hasVariables: true, test: (subject, context) => testWithVariables(templates!, rawParts !== null, subject, context) };
  }
  const whole = compileWildcard(raw, false);
  if (!rawParts && raw.startsWith('arn:')) {
    // An ARN pattern with fewer than six parts matches no well-formed ARN (a wildcard does not stand for a colon).
    return { raw, hasVariables: false, test: (subject) => (subject.bounds ? false : whole.test(subject.arn)) };
  }
  // When the first five parts are literal, whole-string matching is the same as part-by-part matching.
  if (!rawParts || !rawParts.slice(0, 5).some(hasWildcard)) {
    return { raw, hasVariables: false, test: (subject) => whole.test(subject.arn) };
  }
  // Each part is `*` (anything), literal (compared in place), or a wildcard (matched on its substring).
  const kinds = rawParts.map((p) => (p === '*' ? 0 : hasWildcard(p) ? 2 : 1));
  const segments: WildcardMatcher[] = rawParts.map((p) => compileWildcard(p, false));
  return {
    raw,
    hasVariables: false,
    test(subject) {
      const b = subject.bounds;
      if (!b) return whole.test(subject.arn);
      const arn = subject.arn;
      for (let k = 0; k < 6; k++) {
        const kind = kinds[k];
        if (kind === 0) continue;
        const start = k === 0 ? 0 : b[k - 1] + 1;
        const end = k === 5 ? arn.length : b[k];
        if (kind === 1) {
          const literal = rawParts[k];
          if (end - start !== literal.length || !arn.startsWith(literal, start)) return false;
        } else if (!segments[k].test(arn.slice(start, end))) return false;
      }
      return true;
    },
  };
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
