/**
 * Condition operators, by family, bound once to their operator at compile time.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
 */
import type { ConditionEntry } from '../policy/types.js';
import { compileArnPattern, toArnSubject, type ArnPattern } from './arn.js';
import type { ContextValue } from './types.js';
import { parseTemplate, piecesText, resolveTemplate, type ContextLookup, type Template } from './variables.js';
import { compilePieces, compileWildcard, type WildcardMatcher } from '../core/wildcard.js';

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';
type Comparison = 'eq' | 'lt' | 'lte' | 'gt' | 'gte';

/** An operator taken apart: `ForAnyValue:StringNotLikeIfExists` → String, like, negated, ifExists, ForAnyValue. */
export interface OperatorInfo {
  name: string;
  family: OperatorFamily;
  negated: boolean;
  comparison: Comparison;
  ignoreCase: boolean;
  like: boolean;
  ifExists: boolean;
  set: 'ForAllValues' | 'ForAnyValue' | null;
  /** Whether policy variables are substituted in this operator's values. */
  variables: boolean;
}

// A Map, not an object: operator names come from the policy, and `constructor` or `__proto__` must be unknown
// operators, not Object.prototype members.
const BASE_OPERATORS = new Map<string, Omit<OperatorInfo, 'name' | 'ifExists' | 'set'>>();
function define(name: string, family: OperatorFamily, negated: boolean, comparison: Comparison, extra: Partial<OperatorInfo> = {}) {
  BASE_OPERATORS.set(name.toLowerCase(), {
    family,
    negated,
    comparison,
    ignoreCase: false,
    like: false,
    variables: family === 'String' || family === 'Arn' || family === 'Bool',
    ...extra,
  });
}
define('StringEquals', 'String', false, 'eq');
define('StringNotEquals', 'String', true, 'eq');
define('StringEqualsIgnoreCase', 'String', false, 'eq', { ignoreCase: true });
define('StringNotEqualsIgnoreCase', 'String', true, 'eq', { ignoreCase: true });
define('StringLike', 'String', false, 'eq', { like: true });
define('StringNotLike', 'String', true, 'eq', { like: true });
for (const [family, prefix] of [['Numeric', 'Numeric'], ['Date', 'Date']] as const) {
  define(`${prefix}Equals`, family, false, 'eq');
  define(`${prefix}NotEquals`, family, true, 'eq');
  define(`${prefix}LessThan`, family, false, 'lt');
  define(`${prefix}LessThanEquals`, family, false, 'lte');
  define(`${prefix}GreaterThan`, family, false, 'gt');
  define(`${prefix}GreaterThanEquals`, family, false, 'gte');
}
define('Bool', 'Bool', false, 'eq');
define('BinaryEquals', 'Binary', false, 'eq');
define('IpAddress', 'IpAddress', false, 'eq');
define('NotIpAddress', 'IpAddress', true, 'eq');
define('ArnEquals', 'Arn', false, 'eq', { like: true });
define('ArnLike', 'Arn', false, 'eq', { like: true });
define('ArnNotEquals', 'Arn', true, 'eq', { like: true });
define('ArnNotLike', 'Arn', true, 'eq', { like: true });
define('Null', 'Null', false, 'eq', { variables: false });

/** Parses an operator name; undefined when it is not one AWS knows. Names are matched case-insensitively. */
export function parseOperator(name: string): OperatorInfo | undefined {
  let rest = name;
  let set: OperatorInfo['set'] = null;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const qualifier = rest.slice(0, colon).toLowerCase();
    if (qualifier === 'forallvalues') set = 'ForAllValues';
    else if (qualifier === 'foranyvalue') set = 'ForAnyValue';
    else return undefined;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith('ifexists') && rest.length > 8) {
    ifExists = true;
    rest = rest.slice(0, -8);
  }
  const base = BASE_OPERATORS.get(rest.toLowerCase());
  if (!base) return undefined;
  if (base.family === 'Null' && (ifExists || set)) return undefined;
  return { name, ...base, ifExists, set };
}

/** What a condition entry evaluated to, with the values compared (for explanations). */
export interface ConditionResult {
  result: boolean;
  operator: string;
  key: string;
  /** The request's values for the key; null when the key is absent. */
  contextValues: string[] | null;
  /** The policy's values after variable substitution (`null` entries: a variable with no value). */
  policyValues: (string | null)[];
  /** Set when the entry could not be evaluated (the statement is then skipped). */
  error?: string;
}

type ValueTest = (contextValue: string, context: ContextLookup) => boolean;

/** A condition entry compiled against its operator. */
export interface CompiledCondition {
  entry: ConditionEntry;
  op: OperatorInfo | undefined;
  keyLower: string;
  /** Why the entry cannot be evaluated (unknown operator, bad value); the statement is skipped and reported. */
  error?: string;
  /** Whether any policy value matches one context value (the positive form of the operator). */
  anyValueMatches: ValueTest;
  /** Policy values as written, for explanations. */
  rawValues: string[];
  templates: Template[] | null;
}

const NEVER: ValueTest = () => false;

/** Compiles a condition entry; `variables` says whether the policy's Version enables policy variables. */
export function compileCondition(entry: ConditionEntry, variables: boolean): CompiledCondition {
  const rawValues = entry.values.map((v) => v.value);
  const op = parseOperator(entry.operator.value);
  const base = { entry, op, keyLower: entry.key.value.toLowerCase(), rawValues, templates: null as Template[] | null };
  if (!op) return { ...base, error: `Unknown condition operator \`${entry.operator.value}\`.`, anyValueMatches: NEVER };
  if (rawValues.length === 0) return { ...base, error: `Condition \`${entry.operator.value}\` on \`${entry.key.value}\` has no values.`, anyValueMatches: NEVER };
  try {
    const templates = op.variables && variables ? rawValues.map(parseTemplate) : null;
    const withVariables = templates !== null && templates.some((t) => t.hasVariables);
    return { ...base, templates: withVariables ? templates : null, anyValueMatches: buildTest(op, rawValues, withVariables ? templates : null) };
  } catch (error) {
    return { ...base, error: (error as Error).message, anyValueMatches: NEVER };
  }
}

function buildTest(op: OperatorInfo, values: string[], templates: Template[] | null): ValueTest {
  switch (op.family) {
    case 'String':
    case 'Bool': {
      const ignoreCase = op.ignoreCase || op.family === 'Bool';
      if (op.family === 'Bool') for (const v of values) if (!templates && !/^(true|false)$/i.test(v)) throw new Error(`\`${v}\` is not a boolean; Bool takes "true" or "false".`);
      if (templates) {
        return (c, ctx) => {
          const cv = ignoreCase ? c.toLowerCase() : c;
          for (const t of templates) {
            const pieces = resolveTemplate(t, ctx);
            if (!pieces) continue;
            if (op.like ? compilePieces(pieces, ignoreCase).test(cv) : (ignoreCase ? piecesText(pieces).toLowerCase() : piecesText(pieces)) === cv) return true;
          }
          return false;
        };
      }
      if (op.like) {
        const matchers: WildcardMatcher[] = values.map((v) => compileWildcard(v, false));
        return (c) => {
          for (const m of matchers) if (m.test(c)) return true;
          return false;
        };
      }
      if (ignoreCase) {
        const set = new Set(values.map((v) => v.toLowerCase()));
        return (c) => set.has(c.toLowerCase());
      }
      if (values.length === 1) {
        const only = values[0];
        return (c) => c === only;
      }
      const set = new Set(values);
      return (c) => set.has(c);
    }
    case 'Numeric': {
      const nums = values.map((v) => {
        const n = parseNumber(v);
        if (n === undefined) throw new Error(`\`${v}\` is not a number.`);
        return n;
      });
      return (c) => {
        const n = contextNumber(c);
        return n !== undefined && nums.some((p) => compare(n, p, op.comparison));
      };
    }
    case 'Date': {
      const dates = values.map((v) => {
        const d = parseDate(v);
        if (d === undefined) throw new Error(`\`${v}\` is not a date (ISO 8601, e.g. 2026-01-31T00:00:00Z, or epoch seconds).`);
        return d;
      });
      return (c) => {
        const d = contextDate(c);
        return d !== undefined && dates.some((p) => compare(d, p, op.comparison));
      };
    }
    case 'Binary': {
      const bins = values.map((v) => {
        if (!isBase64(v)) throw new Error(`\`${v}\` is not base64.`);
        return Buffer.from(v, 'base64').toString('base64');
      });
      return (c) => bins.includes(isBase64(c) ? Buffer.from(c, 'base64').toString('base64') : c);
    }
    case 'IpAddress': {
      const cidrs = values.map((v) => {
        const cidr = parseCidr(v);
        if (!cidr) throw new Error(`\`${v}\` is not an IPv4 or IPv6 address or CIDR block.`);
        return cidr;
      });
      return (c) => {
        const ip = contextIp(c);
        return ip !== undefined && cidrs.some((cidr) => inCidr(ip, cidr));
      };
    }
    case 'Arn': {
      if (templates) {
        // Compiled once; the variables are substituted at match time.
        const withVariables: ArnPattern[] = templates.map((t) => compileArnPattern(t.raw, true));
        return (c, ctx) => {
          const subject = toArnSubject(c);
          for (const p of withVariables) if (p.test(subject, ctx) === true) return true;
          return false;
        };
      }
      const patterns: ArnPattern[] = values.map((v) => compileArnPattern(v, false));
      return (c) => {
        const subject = toArnSubject(c);
        for (const p of patterns) if (p.test(subject) === true) return true;
        return false;
      };
    }
    case 'Null': {
      for (const v of values) if (!/^(true|false)$/i.test(v)) throw new Error(`\`${v}\` is not a boolean; Null takes "true" (key absent) or "false" (key present).`);
      return NEVER;
    }
  }
}

function compare(a: number, b: number, c: Comparison): boolean {
  switch (c) {
    case 'eq':
      return a === b;
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
  }
}

/** One-entry memo: the same context value is usually compared by several statements of one request. */
function memo<T>(parse: (text: string) => T): (text: string) => T {
  let lastText: string | undefined;
  let lastValue: T;
  return (text) => {
    if (text !== lastText) {
      lastValue = parse(text);
      lastText = text;
    }
    return lastValue;
  };
}
const contextNumber = memo(parseNumber);
const contextDate = memo(parseDate);
const contextIp = memo(parseIp);

function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/** A date as an instant in ms: ISO 8601 (with or without time / zone) or epoch seconds. */
export function parseDate(text: string): number | undefined {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t) && !/^\d{4}$/.test(t)) return Number(t) * 1000;
  if (!/^\d{4}-\d{2}(-\d{2})?([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?([Zz]|[+-]\d{2}:?\d{2})?$/.test(t) && !/^\d{4}$/.test(t)) return undefined;
  // ISO 8601 without a zone is read as UTC, as AWS does.
  const withZone = /[Tt ]\d{2}:\d{2}/.test(t) && !/([Zz]|[+-]\d{2}:?\d{2})$/.test(t) ? `${t}Z` : t;
  const ms = Date.parse(withZone.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? undefined : ms;
}

function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

interface Ip {
  v6: boolean;
  bytes: number[];
}
interface Cidr extends Ip {
  bits: number;
}

export function parseIp(text: string): Ip | undefined {
  const t = text.trim();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(t)) {
    const bytes = t.split('.').map(Number);
    return bytes.every((b) => b <= 255) ? { v6: false, bytes } : undefined;
  }
  if (!t.includes(':') || !/^[0-9a-fA-F:.]+$/.test(t)) return undefined;
  const halves = t.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (g.includes('.')) {
        const v4 = parseIp(g);
        if (!v4 || v4.v6) return undefined;
        out.push((v4.bytes[0] << 8) | v4.bytes[1], (v4.bytes[2] << 8) | v4.bytes[3]);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
        out.push(parseInt(g, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0 || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return { v6: true, bytes: all.flatMap((g) => [g >> 8, g & 255]) };
}

function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!ip) return undefined;
  const max = ip.v6 ? 128 : 32;
  if (slash < 0) return { ...ip, bits: max };
  const bitsText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  return bits <= max ? { ...ip, bits } : undefined;
}

function inCidr(ip: Ip, cidr: Cidr): boolean {
  if (ip.v6 !== cidr.v6) return false;
  let bits = cidr.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 255 : (255 << (8 - bits)) & 255;
    if ((ip.bytes[i] & mask) !== (cidr.bytes[i] & mask)) return false;
  }
  return true;
}

function asList(value: ContextValue | undefined): string[] | null {
  if (value === undefined) return null;
  return typeof value === 'string' ? [value] : value;
}

/**
 * Evaluates a compiled condition against the request context. Missing keys: positive operators are false, negated
 * ones true; `…IfExists` is true; `ForAllValues` is true and `ForAnyValue` false for a missing or empty key; `Null`
 * tests presence. Several policy values are ORed (NORed for negated operators).
 */
export function evaluateCompiledCondition(c: CompiledCondition, context: ContextLookup): boolean {
  const op = c.op!;
  const value = context.get(c.keyLower);
  if (op.family === 'Null') {
    const absent = value === undefined;
    return c.rawValues.some((v) => (v.toLowerCase() === 'true') === absent);
  }
  if (value === undefined) {
    if (op.ifExists) return true;
    if (op.set === 'ForAllValues') return true;
    if (op.set === 'ForAnyValue') return false;
    return op.negated;
  }
  if (typeof value === 'string') {
    const m = c.anyValueMatches(value, context);
    return op.negated ? !m : m;
  }
  if (op.set === 'ForAllValues') {
    for (const v of value) if (c.anyValueMatches(v, context) === op.negated) return false;
    return true;
  }
  if (op.set === 'ForAnyValue') {
    for (const v of value) if (c.anyValueMatches(v, context) !== op.negated) return true;
    return false;
  }
  // A single-valued operator over a list: true when any value matches (negated: when none does).
  if (value.length === 0) return op.ifExists || op.negated;
  let any = false;
  for (const v of value) {
    if (c.anyValueMatches(v, context)) {
      any = true;
      break;
    }
  }
  return op.negated ? !any : any;
}

/** Policy values after substitution, for explanations. */
function resolvedValues(c: CompiledCondition, context: ContextLookup): (string | null)[] {
  if (!c.templates) return c.rawValues;
  return c.templates.map((t) => {
    const pieces = resolveTemplate(t, context);
    return pieces ? piecesText(pieces) : null;
  });
}

/** A context lookup over a plain record (keys compared case-insensitively). */
export function contextLookup(context: Record<string, ContextValue> | undefined): ContextLookup {
  const map = new Map<string, ContextValue>();
  for (const [k, v] of Object.entries(context ?? {})) map.set(k.toLowerCase(), v);
  return { get: (k) => map.get(k) };
}

/**
 * Evaluates one condition entry on its own (used by explanations, diff and lint). `variables` says whether the
 * policy's Version enables policy variables (default: yes).
 */
export function evaluateCondition(entry: ConditionEntry, context: Record<string, ContextValue> | ContextLookup, variables = true): ConditionResult {
  const lookup = typeof (context as ContextLookup).get === 'function' && !Array.isArray(context) ? (context as ContextLookup) : contextLookup(context as Record<string, ContextValue>);
  return explainCondition(compileCondition(entry, variables), lookup);
}

/** The result of a compiled condition with the values compared. */
export function explainCondition(c: CompiledCondition, context: ContextLookup): ConditionResult {
  const contextValues = asList(context.get(c.keyLower));
  if (c.error) return { result: false, operator: c.entry.operator.value, key: c.entry.key.value, contextValues, policyValues: c.rawValues, error: c.error };
  return { result: evaluateCompiledCondition(c, context), operator: c.entry.operator.value, key: c.entry.key.value, contextValues, policyValues: resolvedValues(c, context) };
}
