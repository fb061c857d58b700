import { isMultiValued, parseOperator } from '../src/lint/conditions.js';
import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';

export default defineRule({
  name: 'set-operator-misuse',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Require `ForAllValues`/`ForAnyValue` exactly on multivalued keys, and a `Null` guard with `ForAllValues` in an Allow' },
    messages: {
      singleValuedKey: '`{{qualifier}}` is used with `{{key}}`, which holds a single value.',
      missingQualifier: '`{{key}}` can hold several values, but `{{operator}}` has no `ForAllValues:` or `ForAnyValue:`.',
      forAllValuesWithoutNull: '`ForAllValues` on `{{key}}` is also true when the request has no `{{key}}`; statement {{sid}} has no `Null` check for it.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY' },
      { tool: 'access-analyzer', id: 'MISSING_QUALIFIER' },
      { tool: 'access-analyzer', id: 'EMPTY_ARRAY_CONDITION_FORALLVALUES' },
      { tool: 'parliament', id: 'SINGLE_VALUE_CONDITION_TOO_PERMISSIVE' },
      { tool: 'iam-policy-validator', id: 'set_operator_on_single_valued_key' },
      { tool: 'iam-policy-validator', id: 'forallvalues_allow_without_null_check' },
      { tool: 'iamcheck-catalog', id: 'set-qualifier-on-single-valued-key' },
      { tool: 'iamcheck-catalog', id: 'missing-set-qualifier' },
      { tool: 'iamcheck-catalog', id: 'set-operator-absent-key' },
    ],
  },
  create(context) {
    const docs = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html';
    return {
      Condition(entry, statement) {
        const operator = parseOperator(entry.operator.value);
        if (!operator || operator.family === 'Null') return;
        const info = context.catalog.conditionKey(entry.key.value);
        if (!info) return;
        const key = entry.key.value;
        const multi = isMultiValued(info.type);
        if (operator.set && !multi) {
          context.report({
            messageId: 'singleValuedKey', span: entry.operator.span, data: { qualifier: operator.set, key },
            notes: [operator.set === 'ForAllValues'
              ? '`ForAllValues` is true when the key is absent, so the condition lets through requests that do not carry it.'
              : 'Set operators compare sets of values; on a single-valued key they are easy to misread and may match more than intended.'],
            help: `Drop \`${operator.set}:\` and use \`${entry.operator.value.slice(operator.set.length + 1)}\`. See ${docs}.`,
          });
          return;
        }
        if (!operator.set && multi) {
          context.report({
            messageId: 'missingQualifier', span: entry.operator.span, data: { key, operator: entry.operator.value },
            notes: ['Without a set operator, AWS compares the whole set of request values with the policy values, which is rarely what is meant.'],
            help: `Use \`ForAllValues:${entry.operator.value}\` (every value must be listed) or \`ForAnyValue:${entry.operator.value}\` (one is enough). See ${docs}.`,
          });
          return;
        }
        if (operator.set !== 'ForAllValues' || statement.effect.value !== 'Allow' || operator.negated) return;
        const guarded = statement.conditions.some((c) => /^null$/i.test(c.operator.value) && c.key.value.toLowerCase() === key.toLowerCase() && c.values.some((v) => v.value.toLowerCase() === 'false'));
        if (guarded) return;
        context.report({
          messageId: 'forAllValuesWithoutNull', span: entry.operator.span, data: { key, sid: statementLabel(statement) },
          notes: ['A request without the key (or with an empty list) satisfies `ForAllValues` vacuously, so the Allow applies to it.'],
          help: `Add \`"Null": {"${key}": "false"}\` to the statement's Condition.`,
        });
      },
    };
  },
});
