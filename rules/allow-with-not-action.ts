import { defineRule } from '../src/lint/rule.js';
import { keySpan, statementLabel } from '../src/lint/rule-helpers.js';

export default defineRule({
  name: 'allow-with-not-action',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    // Boundaries and session policies cap permissions; `NotAction` there widens no grant by itself.
    appliesTo: ['identity', 'resource', 'trust'],
    docs: { description: 'Disallow `NotAction` in an Allow statement, which grants every other action' },
    messages: {
      allowNotAction: 'Statement {{sid}} allows every action except those listed in `NotAction`.',
      allowNotActionNotResource: 'Statement {{sid}} allows every action except those listed, on every resource except those listed.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'cloudsplaining', id: 'contains_statement_using_not_action' },
      { tool: 'cfn-nag', id: 'W14' },
      { tool: 'cfn-nag', id: 'W15' },
      { tool: 'cfn-nag', id: 'W16' },
      { tool: 'cfn-nag', id: 'W17' },
      { tool: 'kics', id: 'SNS Topic Publicity Has Allow and NotAction Simultaneously' },
      { tool: 'iam-policy-validator', id: 'not_action_allow' },
      { tool: 'iam-policy-validator', id: 'combined_not_action_not_resource' },
      { tool: 'iamcheck-catalog', id: 'allow-notaction' },
      { tool: 'iamcheck-catalog', id: 'notaction-with-notresource' },
    ],
  },
  create(context) {
    return {
      Statement(statement) {
        if (statement.effect.value !== 'Allow' || !statement.notActions) return;
        const both = Boolean(statement.notResources);
        context.report({
          messageId: both ? 'allowNotActionNotResource' : 'allowNotAction',
          span: keySpan(context.document, statement, 'NotAction'),
          data: { sid: statementLabel(statement) },
          notes: ['It also grants every action AWS adds in the future, in every service.'],
          help: 'List the allowed actions in `Action` instead; to exclude actions, add a separate Deny statement.',
        });
      },
    };
  },
});
