import { defineRule } from '../src/lint/rule.js';
import { openingSpan, statementLabel } from '../src/lint/rule-helpers.js';
import { statementSignature } from '../src/lint/privesc.js';

export default defineRule({
  name: 'duplicate-statement',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Disallow statements that repeat another statement of the same document (apart from the Sid and the order of lists)' },
    messages: {
      duplicate: 'Statement {{sid}} repeats statement {{other}}.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iamcheck-catalog', id: 'redundant-statement' },
      { tool: 'access-analyzer', id: 'REDUNDANT_STATEMENT' },
    ],
  },
  create(context) {
    return {
      'Policy:exit'(policy) {
        const seen = new Map<string, (typeof policy.statements)[number]>();
        for (const statement of policy.statements) {
          const signature = statementSignature(statement);
          const first = seen.get(signature);
          if (!first) {
            seen.set(signature, statement);
            continue;
          }
          context.report({
            messageId: 'duplicate',
            span: openingSpan(statement.span),
            data: { sid: statementLabel(statement), other: statementLabel(first) },
            notes: ['A copy adds nothing; it is often a change made to the wrong statement, and it counts against the policy size quota.'],
            help: 'Delete this statement, or make the change it was meant for.',
          });
        }
      },
    };
  },
});
