import { defineRule } from '../src/lint/rule.js';
import { openingSpan } from '../src/lint/rule-helpers.js';

const VARIABLE = /\$\{[^}]*\}/;

export default defineRule({
  name: 'policy-version',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Require `"Version": "2012-10-17"`, without which policy variables are plain text' },
    messages: {
      missing: 'The policy has no `Version`, so AWS reads it as version 2008-10-17.',
      outdated: 'The policy uses the old version `2008-10-17`.',
      variableIgnored: '`{{variable}}` is read as literal text because the policy version is {{version}}.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'MISSING_VERSION' },
      { tool: 'access-analyzer', id: 'VARIABLE_UNSUPPORTED_IN_VERSION' },
      { tool: 'parliament', id: 'NO_VERSION' },
      { tool: 'parliament', id: 'OLD_VERSION' },
      { tool: 'cfn-lint', id: 'W2511' },
      { tool: 'iamcheck-catalog', id: 'missing-version' },
      { tool: 'iamcheck-catalog', id: 'outdated-version' },
      { tool: 'iamcheck-catalog', id: 'variable-requires-version' },
    ],
  },
  create(context) {
    const notes = ['Policy variables such as `${aws:username}` only work with version 2012-10-17; with an older version they match only the literal text.'];
    const help = 'Add `"Version": "2012-10-17"` at the top of the policy.';
    return {
      Policy(policy) {
        const version = policy.version?.value;
        if (version === '2012-10-17') return;
        if (version !== undefined && version !== '2008-10-17') return; // Any other value is a schema error.
        const label = version ?? '2008-10-17 (no Version)';
        // An RCP without Version is a schema error (schema/missing-version); only its variables are reported here.
        if (!policy.version && context.kind !== 'rcp') context.report({ messageId: 'missing', span: openingSpan(policy.span), notes, help });
        else if (policy.version) context.report({ messageId: 'outdated', span: policy.version.span, notes, help: 'Change the Version to `2012-10-17`.' });
        for (const statement of policy.statements) {
          const values = [...(statement.resources ?? []), ...(statement.notResources ?? []), ...statement.conditions.flatMap((c) => c.values)];
          for (const value of values) {
            const match = VARIABLE.exec(value.value);
            if (!match) continue;
            context.report({ messageId: 'variableIgnored', span: value.span, data: { variable: match[0], version: label }, help });
          }
        }
      },
    };
  },
});
