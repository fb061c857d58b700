import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';
import { compileWildcard } from '../src/core/wildcard.js';
import { isMultiValued, lookupKey, parseDate, parseNumber, parseOperator, type OperatorInfo } from '../src/lint/conditions.js';
import type { ConditionEntry } from '../src/policy/types.js';

interface Bound {
  value: number;
  strict: boolean;
  entry: ConditionEntry;
}

/** Why the entries on one key can never all be true together, or undefined when they can (or we cannot tell). */
function conflict(entries: { entry: ConditionEntry; op: OperatorInfo }[]): { reason: string; entry: ConditionEntry } | undefined {
  const values = (e: ConditionEntry) => e.values.map((v) => v.value);
  const isNullTrue = ({ entry, op }: { entry: ConditionEntry; op: OperatorInfo }) => op.family === 'Null' && values(entry).every((v) => v.toLowerCase() === 'true');
  const absent = entries.find(isNullTrue);
  const tested = entries.find((e) => e.op.family !== 'Null' && !e.op.negated);
  if (absent && tested) {
    const last = absent.entry.span.start.offset > tested.entry.span.start.offset ? absent.entry : tested.entry;
    return { reason: `\`Null\` requires the key to be absent, but \`${tested.op.name}\` needs it present`, entry: last };
  }
  const ordered = entries.filter((e) => e.op.family === 'Numeric' || e.op.family === 'Date');
  if (ordered.length >= 2) {
    const parse = (e: { op: OperatorInfo }, v: string) => (e.op.family === 'Date' ? parseDate(v) : parseNumber(v));
    let lower: Bound | undefined;
    let upper: Bound | undefined;
    let allowed: { values: number[]; entry: ConditionEntry } | undefined;
    for (const e of ordered) {
      const numbers = values(e.entry).map((v) => parse(e, v));
      if (numbers.some((n) => n === undefined) || e.op.negated) continue;
      const ns = numbers as number[];
      const strict = e.op.comparison === 'lt' || e.op.comparison === 'gt';
      if (e.op.comparison === 'eq') allowed = { values: allowed ? allowed.values.filter((n) => ns.includes(n)) : ns, entry: e.entry };
      else if (e.op.comparison === 'lt' || e.op.comparison === 'lte') {
        const value = Math.max(...ns);
        if (!upper || value < upper.value || (value === upper.value && strict)) upper = { value, strict, entry: e.entry };
      } else {
        const value = Math.min(...ns);
        if (!lower || value > lower.value || (value === lower.value && strict)) lower = { value, strict, entry: e.entry };
      }
    }
    if (lower && upper && (lower.value > upper.value || (lower.value === upper.value && (lower.strict || upper.strict)))) {
      const last = lower.entry.span.start.offset > upper.entry.span.start.offset ? lower.entry : upper.entry;
      return { reason: `\`${lower.entry.operator.value}\` and \`${upper.entry.operator.value}\` leave no value between them`, entry: last };
    }
    if (allowed) {
      const fits = allowed.values.filter((n) => (!lower || n > lower.value || (n === lower.value && !lower.strict)) && (!upper || n < upper.value || (n === upper.value && !upper.strict)));
      if (fits.length === 0) return { reason: 'no listed value is inside the range the other operators allow', entry: allowed.entry };
    }
  }
  const strings = entries.filter((e) => e.op.family === 'String' || e.op.family === 'Bool');
  const exact = strings.find((e) => !e.op.negated && !e.op.like && values(e.entry).every((v) => !v.includes('${')));
  if (exact && strings.length >= 2) {
    const fold = (e: { op: OperatorInfo }, v: string) => (e.op.ignoreCase || e.op.family === 'Bool' ? v.toLowerCase() : v);
    const candidates = values(exact.entry).filter((candidate) =>
      strings.every((e) => {
        if (e === exact) return true;
        const vs = values(e.entry);
        if (vs.some((v) => v.includes('${'))) return true;
        const hit = e.op.like ? vs.some((v) => likeMatches(v, candidate)) : vs.some((v) => fold(e, v) === fold(e, candidate));
        return e.op.negated ? !hit : hit;
      }),
    );
    if (candidates.length === 0) {
      const other = strings.filter((e) => e !== exact).reduce((a, b) => (b.entry.span.start.offset > a.entry.span.start.offset ? b : a));
      const last = other.entry.span.start.offset > exact.entry.span.start.offset ? other.entry : exact.entry;
      return { reason: `no value of \`${exact.op.name}\` also satisfies \`${other.op.name}\``, entry: last };
    }
  }
  return undefined;
}

/** `StringLike` matching: `*` and `?` are wildcards, case-sensitive. */
function likeMatches(pattern: string, value: string): boolean {
  return compileWildcard(pattern).matches(value);
}

export default defineRule({
  name: 'unsatisfiable-condition',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Disallow conditions that can never be true: `Null` and a value test on one key, disjoint numeric or date ranges, disjoint string tests' },
    messages: {
      never: 'The conditions on `{{key}}` in statement {{sid}} can never all be true: {{reason}}. The statement {{effect}}.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iamcheck-catalog', id: 'unsatisfiable-condition' },
    ],
  },
  create(context) {
    return {
      Statement(statement) {
        const byKey = new Map<string, { entry: ConditionEntry; op: OperatorInfo }[]>();
        for (const entry of statement.conditions) {
          const op = parseOperator(entry.operator.value);
          // IfExists and set operators are true when the key is absent or multi-valued: they cannot conflict this way.
          if (!op || op.ifExists || op.set || entry.values.length === 0) continue;
          const key = entry.key.value.toLowerCase();
          const info = lookupKey(context.catalog, entry.key.value);
          if (info && isMultiValued(info.type)) continue;
          const list = byKey.get(key) ?? [];
          list.push({ entry, op });
          byKey.set(key, list);
        }
        for (const entries of byKey.values()) {
          if (entries.length < 2) continue;
          const found = conflict(entries);
          if (!found) continue;
          context.report({
            messageId: 'never',
            span: found.entry.key.span,
            data: { sid: statementLabel(statement), key: found.entry.key.value, reason: found.reason, effect: statement.effect.value === 'Allow' ? 'allows nothing' : 'denies nothing' },
            notes: ['All operators of a Condition block must be true together (AND); the values listed under one operator are alternatives (OR).'],
            help: 'Fix the values, or split the alternatives into separate statements.',
          });
        }
      },
    };
  },
});
