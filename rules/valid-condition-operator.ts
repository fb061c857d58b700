import { parseOperator } from '../src/lint/conditions.js';
import { defineRule } from '../src/lint/rule.js';

const SET_QUALIFIERS = ['ForAllValues', 'ForAnyValue'];

export default defineRule({
  name: 'valid-condition-operator',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Require condition operators that AWS knows, composed correctly' },
    messages: {
      unknownOperator: '`{{operator}}` is not a condition operator.',
      unknownQualifier: '`{{qualifier}}` is not a set operator: use `ForAllValues` or `ForAnyValue`.',
      nullIfExists: '`NullIfExists` is not a condition operator.',
      nullWithQualifier: '`{{operator}}` combines `Null` with a set operator, which makes no sense: `Null` tests whether the key is present.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'INVALID_CONDITION_OPERATOR' },
      { tool: 'access-analyzer', id: 'NULL_WITH_IF_EXISTS' },
      { tool: 'access-analyzer', id: 'NULL_WITH_QUALIFIER' },
      { tool: 'parliament', id: 'UNKNOWN_OPERATOR' },
      { tool: 'iam-policy-validator', id: 'invalid_operator' },
      { tool: 'iamcheck-catalog', id: 'condition-invalid-operator' },
      { tool: 'iamcheck-catalog', id: 'null-with-ifexists' },
      { tool: 'iamcheck-catalog', id: 'null-with-set-qualifier' },
    ],
  },
  create(context) {
    const reported = new Set<number>();
    return {
      Condition(entry) {
        const operator = entry.operator;
        // One report per operator, not per key under it.
        if (reported.has(operator.span.start.offset)) return;
        if (parseOperator(operator.value)) return;
        reported.add(operator.span.start.offset);
        const text = operator.value;
        const colon = text.indexOf(':');
        const qualifier = colon >= 0 ? text.slice(0, colon) : undefined;
        const base = colon >= 0 ? text.slice(colon + 1) : text;
        const help = 'See the condition operators in the IAM User Guide (StringEquals, StringLike, ArnLike, NumericLessThan, DateGreaterThan, Bool, IpAddress, Null, …).';
        if (qualifier !== undefined && !SET_QUALIFIERS.some((q) => q.toLowerCase() === qualifier.toLowerCase())) {
          context.report({ messageId: 'unknownQualifier', span: operator.span, data: { qualifier }, help });
        } else if (/^nullifexists$/i.test(base)) {
          context.report({ messageId: 'nullIfExists', span: operator.span, help: 'Use `Null` alone: it already handles an absent key.' });
        } else if (qualifier !== undefined && /^null$/i.test(base)) {
          context.report({ messageId: 'nullWithQualifier', span: operator.span, data: { operator: text }, help: 'Use `Null` without `ForAllValues:`/`ForAnyValue:`.' });
        } else {
          context.report({ messageId: 'unknownOperator', span: operator.span, data: { operator: text }, notes: ['AWS rejects the policy.'], help });
        }
      },
    };
  },
});
