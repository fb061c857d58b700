/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${s3:prefix, 'default'}`, `${*}` `${?}` `${$}`).
 * They are substituted in `Resource`/`NotResource` and in the values of String, ARN and Bool conditions — but only
 * under `Version: 2012-10-17`; under `2008-10-17` or with no `Version` the text is literal.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
import type { PatternPiece } from '../core/wildcard.js';
import type { ContextValue } from './types.js';

/** One piece of a value with variables: literal text (wildcards keep their meaning) or a variable. */
export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; key: string; keyLower: string; default?: string; raw: string };

/** A policy value split into text and variables. */
export interface Template {
  raw: string;
  parts: TemplatePart[];
  hasVariables: boolean;
}

/** The request's context keys, looked up case-insensitively. */
export interface ContextLookup {
  get(keyLower: string): ContextValue | undefined;
}

// A Map, not an object: `${toString}` is a key named `toString`, not a special character.
const SPECIAL = new Map([['*', '*'], ['?', '?'], ['$', '$']]);

/** Parses `${key}` / `${key, 'default'}` in a value; malformed `${` stays literal text. */
export function parseTemplate(raw: string): Template {
  const parts: TemplatePart[] = [];
  let text = '';
  let hasVariables = false;
  let i = 0;
  while (i < raw.length) {
    const start = raw.indexOf('${', i);
    if (start < 0) break;
    const end = raw.indexOf('}', start + 2);
    if (end < 0) break;
    const body = raw.slice(start + 2, end);
    const parsed = parseVariableBody(body);
    if (!parsed) {
      text += raw.slice(i, start + 2);
      i = start + 2;
      continue;
    }
    text += raw.slice(i, start);
    if (parsed.special !== undefined) {
      // `${*}` is a literal star: keep it as a variable-like part so wildcard matching sees it as literal text.
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'variable', key: '', keyLower: '', default: parsed.special, raw: raw.slice(start, end + 1) });
    } else {
      if (text) parts.push({ kind: 'text', text });
      text = '';
      const part: TemplatePart = { kind: 'variable', key: parsed.key, keyLower: parsed.key.toLowerCase(), raw: raw.slice(start, end + 1) };
      if (parsed.default !== undefined) part.default = parsed.default;
      parts.push(part);
    }
    hasVariables = true;
    i = end + 1;
  }
  text += raw.slice(i);
  if (text) parts.push({ kind: 'text', text });
  return { raw, parts, hasVariables };
}

function parseVariableBody(body: string): { key: string; default?: string; special?: string } | undefined {
  const trimmed = body.trim();
  const special = SPECIAL.get(trimmed);
  if (special !== undefined) return { key: '', special };
  const comma = trimmed.indexOf(',');
  if (comma < 0) return /^[^\s'{}$]+$/.test(trimmed) ? { key: trimmed } : undefined;
  const key = trimmed.slice(0, comma).trim();
  const rest = trimmed.slice(comma + 1).trim();
  if (!/^[^\s'{}$]+$/.test(key)) return undefined;
  // The default is single-quoted; '' inside it is one quote.
  if (rest.length < 2 || rest[0] !== "'" || rest[rest.length - 1] !== "'") return undefined;
  const inner = rest.slice(1, -1);
  if (inner.replace(/''/g, '').includes("'")) return undefined;
  return { key, default: inner.replace(/''/g, "'") };
}

/**
 * Substitutes variables: returns pattern pieces (text keeps its wildcards, substituted values are literal), or
 * `undefined` when a variable has no single value and no default — such a value matches nothing.
 */
export function resolveTemplate(template: Template, context: ContextLookup): PatternPiece[] | undefined {
  const out: PatternPiece[] = [];
  for (const part of template.parts) {
    if (part.kind === 'text') {
      out.push({ text: part.text, wild: true });
      continue;
    }
    if (part.key === '') {
      out.push({ text: part.default ?? '', wild: false });
      continue;
    }
    const value = context.get(part.keyLower);
    // INVARIANT: a multivalued key cannot be a variable; it counts as no value.
    const single = typeof value === 'string' ? value : Array.isArray(value) && value.length === 1 ? value[0] : undefined;
    if (single !== undefined) out.push({ text: single, wild: false });
    else if (part.default !== undefined) out.push({ text: part.default, wild: false });
    else return undefined;
  }
  return out;
}

/** The text of resolved pieces. */
export function piecesText(pieces: PatternPiece[]): string {
  return pieces.length === 1 ? pieces[0].text : pieces.map((p) => p.text).join('');
}

/** Whether a policy version enables variables (only `2012-10-17`). */
export function variablesEnabled(version: string | undefined): boolean {
  return version === '2012-10-17';
}
