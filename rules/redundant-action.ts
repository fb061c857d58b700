import { compileWildcard, hasWildcard } from '../src/core/wildcard.js';
import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';
import type { Located } from '../src/core/span.js';

export default defineRule({
  name: 'redundant-action',
  meta: {
    type: 'suggestion',
    severity: 'info',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Report actions that another entry of the same statement already covers' },
    messages: {
      duplicate: '`{{action}}` is listed twice in statement {{sid}} (also on line {{line}}).',
      covered: '`{{action}}` is already covered by `{{coveredBy}}` in statement {{sid}}.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'REDUNDANT_ACTION' },
      { tool: 'iamcheck-catalog', id: 'redundant-action' },
    ],
  },
  create(context) {
    return {
      Statement(statement) {
        for (const [field, list] of [['Action', statement.actions], ['NotAction', statement.notActions]] as const) {
          if (!list || list.length < 2) continue;
          // Patterns are compared as text: `s3:*` matches the text `s3:Get*`, so it covers every action `s3:Get*` covers.
          const matchers = list.map((a) => compileWildcard(a.value, true));
          list.forEach((action: Located<string>, i) => {
            const sid = statementLabel(statement);
            for (let j = 0; j < list.length; j++) {
              if (j === i) continue;
              const other = list[j];
              const same = other.value.toLowerCase() === action.value.toLowerCase();
              // INVARIANT: of two equal entries, only the later one is reported.
              if (same && j < i) {
                context.report({ messageId: 'duplicate', span: action.span, data: { action: action.value, sid, line: other.span.start.line },
                  help: `Remove this entry from \`${field}\`.` });
                return;
              }
              if (same || !hasWildcard(other.value) || !matchers[j].matches(action.value)) continue;
              context.report({ messageId: 'covered', span: action.span, data: { action: action.value, coveredBy: other.value, sid },
                help: `Remove \`${action.value}\` from \`${field}\`, or replace \`${other.value}\` with the specific actions you need.` });
              return;
            }
          });
        }
      },
    };
  },
});
