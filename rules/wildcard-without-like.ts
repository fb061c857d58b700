import { isProviderKey, parseOperator } from '../src/lint/conditions.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  name: 'wildcard-without-like',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Disallow `*` and `?` in the values of `StringEquals`-type operators, which compare them literally' },
    messages: {
      literalWildcard: '`{{operator}}` compares `{{value}}` literally: its `{{wildcard}}` matches only the character `{{wildcard}}`.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'WILDCARD_WITHOUT_LIKE_OPERATOR' },
      { tool: 'iamcheck-catalog', id: 'wildcard-without-like' },
    ],
  },
  create(context) {
    return {
      Condition(entry) {
        const operator = parseOperator(entry.operator.value);
        // ArnEquals matches wildcards like ArnLike; only the String equality family compares literally.
        if (!operator || operator.family !== 'String' || operator.like) return;
        // In a trust policy an OIDC claim (`<provider>:sub`) is `trust-oidc-missing-conditions`'s to report, with the
        // deploy failure it causes; one finding per mistake.
        if (context.kind === 'trust' && isProviderKey(entry.key.value) && /:sub$/i.test(entry.key.value)) return;
        for (const value of entry.values) {
          // `${*}` and `${?}` are the documented way to write a literal wildcard.
          const text = value.value.replace(/\$\{[^}]*\}/g, '');
          const wildcard = /[*?]/.exec(text)?.[0];
          if (!wildcard) continue;
          const like = entry.operator.value.replace(/Equals(IgnoreCase)?/, 'Like');
          context.report({
            messageId: 'literalWildcard', span: value.span, data: { operator: entry.operator.value, value: value.value, wildcard },
            help: `Use \`${like}\` to match a pattern, or write \`\${${wildcard}}\` if you mean the character itself.`,
          });
        }
      },
    };
  },
});
