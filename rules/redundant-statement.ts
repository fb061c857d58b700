import { matchArn } from '../src/engine/index.js';
import { defineRule } from '../src/lint/rule.js';
import { openingSpan, statementLabel } from '../src/lint/rule-helpers.js';
import { memoizeArnMatcher, statementCovers, statementSignature } from '../src/lint/privesc.js';

export default defineRule({
  name: 'redundant-statement',
  meta: {
    type: 'suggestion',
    severity: 'info',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Report statements wholly contained in another statement of the same effect (same or broader actions, resources and principals, fewer conditions)' },
    messages: {
      covered: 'Statement {{sid}} is contained in statement {{other}}: everything it {{verb}} is already {{verbPast}} there.',
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
        const match = memoizeArnMatcher(matchArn);
        const statements = policy.statements;
        const signatures = statements.map(statementSignature);
        for (const [i, narrow] of statements.entries()) {
          const wide = statements.find((other, j) => {
            if (j === i || other.effect.value !== narrow.effect.value || signatures[j] === signatures[i]) return false;
            if (!statementCovers(other, narrow, match)) return false;
            // Two statements that contain each other: keep the first, report the later one.
            return !(j > i && statementCovers(narrow, other, match));
          });
          if (!wide) continue;
          const deny = narrow.effect.value === 'Deny';
          context.report({
            messageId: 'covered',
            span: openingSpan(narrow.span),
            data: { sid: statementLabel(narrow), other: statementLabel(wide), verb: deny ? 'denies' : 'allows', verbPast: deny ? 'denied' : 'allowed' },
            notes: ['Removing it does not change what the policy allows or denies.'],
            help: 'Delete this statement, or narrow the other one if this one was meant to be the limit.',
          });
        }
      },
    };
  },
});
