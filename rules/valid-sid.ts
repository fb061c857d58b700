import { defineRule } from '../src/lint/rule.js';

/** Policy kinds stored by IAM or Organizations, where a Sid is limited to ASCII letters and digits. */
const IAM_KINDS: readonly string[] = ['identity', 'trust', 'boundary', 'session', 'scp', 'rcp'];

export default defineRule({
  name: 'valid-sid',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Require a `Sid` of ASCII letters and digits (in IAM and Organizations policies), and not empty' },
    messages: {
      empty: 'The `Sid` is empty.',
      invalidCharacters: 'The `Sid` `{{sid}}` contains `{{character}}`; IAM accepts only ASCII letters and digits.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'UNSUPPORTED_SID' },
      { tool: 'access-analyzer', id: 'EMPTY_SID_VALUE' },
      { tool: 'parliament', id: 'INVALID_SID' },
      { tool: 'cfn-lint', id: 'E3510' },
      { tool: 'iamcheck-catalog', id: 'invalid-sid' },
      { tool: 'iamcheck-catalog', id: 'empty-sid' },
    ],
  },
  create(context) {
    return {
      Statement(statement) {
        const sid = statement.sid;
        if (!sid) return;
        if (sid.value === '') {
          context.report({ messageId: 'empty', span: sid.span, help: 'Remove the `Sid`, or name the statement after what it grants (e.g. `ReadReports`).' });
          return;
        }
        if (!IAM_KINDS.includes(context.kind)) return;
        const bad = /[^A-Za-z0-9]/.exec(sid.value);
        if (!bad) return;
        context.report({
          messageId: 'invalidCharacters',
          span: sid.span,
          data: { sid: sid.value, character: bad[0] === ' ' ? 'a space' : bad[0] },
          notes: ['IAM rejects the policy when it is created or updated.'],
          help: `Use only letters and digits, e.g. \`${sid.value.replace(/[^A-Za-z0-9]/g, '')}\`.`,
        });
      },
    };
  },
});
