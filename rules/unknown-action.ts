import { expandActions } from '../src/lint/arn-formats.js';
import { defineRule } from '../src/lint/rule.js';
import { splitAction } from '../src/lint/rule-helpers.js';

export default defineRule({
  name: 'unknown-action',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Disallow actions (and action patterns) that match no action of their service' },
    messages: {
      unknownAction: '`{{action}}` is not an action of {{serviceName}}.',
      noMatch: 'The pattern `{{action}}` matches no action of {{serviceName}}.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'INVALID_ACTION' },
      { tool: 'parliament', id: 'UNKNOWN_ACTION' },
      { tool: 'cfn-lint', id: 'W3037' },
      { tool: 'iam-policy-validator', id: 'invalid_action' },
      { tool: 'iamcheck-catalog', id: 'unknown-action' },
    ],
  },
  create(context) {
    const { catalog } = context;
    return {
      Action(action) {
        const parts = splitAction(action.value);
        // Malformed actions and unknown services are reported by unknown-service.
        if (!parts || /[*?]/.test(parts[0]) || /\s|[^\x20-\x7E]/.test(action.value) || !catalog.hasService(parts[0])) return;
        const serviceName = catalog.serviceName(parts[0]) ?? `\`${parts[0]}\``;
        const wildcard = /[*?]/.test(parts[1]);
        if (wildcard ? expandActions(catalog, action.value).length > 0 : catalog.action(action.value) !== undefined) return;
        const suggestions = wildcard ? [] : catalog.suggestActions(action.value);
        context.report({
          messageId: wildcard ? 'noMatch' : 'unknownAction',
          span: action.span,
          data: { action: action.value, serviceName },
          notes: ['The statement grants or denies nothing for this entry. The action may also be newer than the bundled AWS data (see `iamcheck --version`).'],
          help: suggestions.length ? `Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?` : `Look up the actions of \`${parts[0]}\` in the Service Authorization Reference.`,
        });
      },
    };
  },
});
