import { familiesFor, parseOperator } from '../src/lint/conditions.js';
import { defineRule } from '../src/lint/rule.js';

const FAMILY_OPERATORS: Record<string, string> = {
  String: '`StringEquals`/`StringLike`',
  Arn: '`ArnEquals`/`ArnLike`',
  Numeric: '`NumericEquals`/`NumericLessThan`/…',
  Date: '`DateGreaterThan`/`DateLessThan`/…',
  Bool: '`Bool`',
  IpAddress: '`IpAddress`/`NotIpAddress`',
  Binary: '`BinaryEquals`',
};

export default defineRule({
  name: 'condition-operator-type-mismatch',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Require condition operators that suit the type of their key (no `DateGreaterThan` on a String key)' },
    messages: {
      mismatch: '`{{operator}}` compares {{family}} values, but `{{key}}` is of type {{type}}.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'TYPE_MISMATCH' },
      { tool: 'parliament', id: 'MISMATCHED_TYPE' },
      { tool: 'iam-policy-validator', id: 'type_mismatch' },
      { tool: 'iamcheck-catalog', id: 'condition-operator-type-mismatch' },
    ],
  },
  create(context) {
    return {
      Condition(entry) {
        const operator = parseOperator(entry.operator.value);
        if (!operator || operator.family === 'Null') return;
        const info = context.catalog.conditionKey(entry.key.value);
        if (!info) return;
        const families = familiesFor(info.type);
        if (!families || families.includes(operator.family)) return;
        context.report({
          messageId: 'mismatch',
          span: entry.operator.span,
          data: { operator: entry.operator.value, family: operator.family, key: entry.key.value, type: info.type },
          notes: ['AWS compares the values as the operator\'s type; a value of another type never matches, so the condition is always false (or always true for negated operators).'],
          help: `Use ${FAMILY_OPERATORS[families[0]] ?? 'an operator of the key\'s type'} with \`${entry.key.value}\`.`,
        });
      },
    };
  },
});
