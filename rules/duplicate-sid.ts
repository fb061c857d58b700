import { defineRule } from '../src/lint/rule.js';
import type { Statement } from '../src/policy/types.js';

export default defineRule({
  name: 'duplicate-sid',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Disallow two statements with the same `Sid` in one policy' },
    messages: {
      duplicate: 'The `Sid` `{{sid}}` is already used by the statement on line {{line}}.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'UNIQUE_SIDS_REQUIRED' },
      { tool: 'access-analyzer', id: 'UNIQUE_SIDS_RECOMMENDED' },
      { tool: 'parliament', id: 'DUPLICATE_SID' },
      { tool: 'cfn-lint', id: 'E3510' },
      { tool: 'iamcheck-catalog', id: 'duplicate-sid' },
    ],
  },
  create(context) {
    const seen = new Map<string, Statement>();
    return {
      Statement(statement) {
        const sid = statement.sid;
        if (!sid || sid.value === '') return;
        const first = seen.get(sid.value);
        if (!first) {
          seen.set(sid.value, statement);
          return;
        }
        context.report({
          messageId: 'duplicate',
          span: sid.span,
          data: { sid: sid.value, line: first.sid!.span.start.line },
          notes: ['IAM and most services reject a policy with repeated Sids; where accepted, findings and logs cannot tell the statements apart.'],
          help: 'Give each statement its own Sid, or merge the two statements.',
        });
      },
    };
  },
});
