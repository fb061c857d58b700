import { defineRule } from '../src/lint/rule.js';

/** The bound direction of an ordered numeric operator (after removing `ForAllValues:`/`ForAnyValue:` and `IfExists`). */
function direction(operator: string): 'upper' | 'lower' | undefined {
  const base = operator.replace(/^for(all|any)values:/i, '').replace(/ifexists$/i, '').toLowerCase();
  if (base === 'numericlessthan' || base === 'numericlessthanequals') return 'upper';
  if (base === 'numericgreaterthan' || base === 'numericgreaterthanequals') return 'lower';
  return undefined;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export default defineRule({
  name: 'redundant-numeric-values',
  meta: {
    type: 'suggestion',
    severity: 'info',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Report values of `NumericLessThan`/`NumericGreaterThan` conditions that another value of the same list makes redundant' },
    messages: {
      redundant: '`{{value}}` under `{{operator}}` on `{{key}}` is redundant: the values are alternatives, and `{{bound}}` already allows every number that `{{value}}` allows.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'REDUNDANT_CONDITION_VALUE_NUM' },
      { tool: 'iamcheck-catalog', id: 'redundant-numeric-values' },
    ],
  },
  create(context) {
    return {
      Condition(entry) {
        const dir = direction(entry.operator.value);
        if (!dir || entry.values.length < 2) return;
        // Values with policy variables or that are not numbers are left to other rules.
        if (entry.values.some((v) => !NUMBER.test(v.value.trim()))) return;
        const numbers = entry.values.map((v) => Number(v.value));
        const best = dir === 'upper' ? Math.max(...numbers) : Math.min(...numbers);
        // INVARIANT: the first value equal to the widest bound is kept; every other value is covered by it.
        const kept = numbers.indexOf(best);
        entry.values.forEach((value, i) => {
          if (i === kept) return;
          context.report({
            messageId: 'redundant',
            span: value.span,
            data: { value: value.value, operator: entry.operator.value, key: entry.key.value, bound: entry.values[kept].value },
            notes: ['Several values under one operator are ORed: the condition holds when any of them does, so only the widest bound counts.'],
            help: `Keep only \`${entry.values[kept].value}\`, or, if a range was meant, use two operators (NumericGreaterThan… and NumericLessThan…).`,
          });
        });
      },
    };
  },
});
