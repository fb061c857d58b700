import { defineRule } from '../src/lint/rule.js';
import { keySpan, statementLabel } from '../src/lint/rule-helpers.js';

export default defineRule({
  name: 'allow-with-not-resource',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity', 'resource'],
    docs: { description: 'Disallow `NotResource` in an Allow statement, which grants every other resource' },
    messages: {
      allowNotResource: 'Statement {{sid}} allows its actions on every resource except those listed in `NotResource`.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'parliament', id: 'NOTRESOURCE_WITH_ALLOW' },
      { tool: 'cloudsplaining', id: 'has_not_resource_with_allow' },
      { tool: 'cfn-nag', id: 'W21' },
      { tool: 'cfn-nag', id: 'W22' },
      { tool: 'cfn-nag', id: 'W23' },
      { tool: 'iam-policy-validator', id: 'not_resource_broad' },
      { tool: 'iamcheck-catalog', id: 'allow-notresource' },
    ],
  },
  create(context) {
    return {
      Statement(statement) {
        // NotAction + NotResource together is reported once, by allow-with-not-action.
        if (statement.effect.value !== 'Allow' || !statement.notResources || statement.notActions) return;
        context.report({
          messageId: 'allowNotResource',
          span: keySpan(context.document, statement, 'NotResource'),
          data: { sid: statementLabel(statement) },
          notes: ['It also covers resources created later, in every account the actions can reach.'],
          help: 'List the allowed resources in `Resource` instead; to exclude resources, add a separate Deny statement.',
        });
      },
    };
  },
});
