import { compileWildcard, hasWildcard } from '../src/core/wildcard.js';
import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';

export default defineRule({
  name: 'redundant-resource',
  meta: {
    type: 'suggestion',
    severity: 'info',
    recommended: true,
    appliesTo: ['identity', 'resource', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Report resources that another entry of the same statement already covers' },
    messages: {
      duplicate: '`{{resource}}` is listed twice in statement {{sid}} (also on line {{line}}).',
      covered: '`{{resource}}` is already covered by `{{coveredBy}}` in statement {{sid}}.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'REDUNDANT_RESOURCE' },
      { tool: 'iamcheck-catalog', id: 'redundant-resource' },
    ],
  },
  create(context) {
    return {
      Statement(statement) {
        for (const [field, list] of [['Resource', statement.resources], ['NotResource', statement.notResources]] as const) {
          if (!list || list.length < 2) continue;
          // ARNs are case-sensitive; patterns are compared as text (`arn:aws:s3:::b/*` matches the text `arn:aws:s3:::b/x*`).
          const matchers = list.map((r) => compileWildcard(r.value));
          const sid = statementLabel(statement);
          list.forEach((resource, i) => {
            for (let j = 0; j < list.length; j++) {
              if (j === i) continue;
              const other = list[j];
              // INVARIANT: of two equal entries, only the later one is reported.
              if (other.value === resource.value) {
                if (j < i) {
                  context.report({ messageId: 'duplicate', span: resource.span, data: { resource: resource.value, sid, line: other.span.start.line }, help: `Remove this entry from \`${field}\`.` });
                  return;
                }
                continue;
              }
              if (!hasWildcard(other.value) || other.value.includes('${') || !matchers[j].matches(resource.value)) continue;
              context.report({ messageId: 'covered', span: resource.span, data: { resource: resource.value, coveredBy: other.value, sid },
                help: `Remove \`${resource.value}\` from \`${field}\`.` });
              return;
            }
          });
        }
      },
    };
  },
});
