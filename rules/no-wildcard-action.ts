import { defineRule } from '../src/lint/rule.js';
import { onlyAccountPrincipals, splitAction, statementLabel } from '../src/lint/rule-helpers.js';

export default defineRule({
  name: 'no-wildcard-action',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    // Boundaries, session policies and SCPs cap permissions: a wildcard there grants nothing by itself.
    appliesTo: ['identity', 'resource'],
    docs: { description: 'Disallow `*` and `service:*` as the action of an Allow statement' },
    messages: {
      wildcardAction: 'Statement {{sid}} allows every action of every service with `{{action}}`.',
      serviceWildcard: 'Statement {{sid}} allows every `{{service}}` action with `{{action}}`.',
    },
    schema: [
      {
        type: 'object',
        properties: { allowServices: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9-]+$' }, uniqueItems: true } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowServices: [] as string[] }],
    sources: [
      { tool: 'checkov', id: 'CKV_AWS_49' },
      { tool: 'checkov', id: 'CKV_AWS_63' },
      { tool: 'checkov', id: 'CKV_AWS_1' },
      { tool: 'checkov', id: 'CKV_AWS_62' },
      { tool: 'checkov', id: 'CKV2_AWS_40' },
      { tool: 'cloudsplaining', id: 'ServiceWildcard' },
      { tool: 'kics', id: 'IAM Policy Allows All (\'*\') In Policy Statement' },
      { tool: 'cdk-nag', id: 'IAM5' },
      { tool: 'cfn-nag', id: 'F2' },
      { tool: 'trivy', id: 'AWS-0345' },
      { tool: 'iamcheck-catalog', id: 'wildcard-action' },
      { tool: 'iamcheck-catalog', id: 'service-wildcard' },
      { tool: 'iamcheck-catalog', id: 'full-admin' },
    ],
  },
  create(context, [{ allowServices }]) {
    const allowed = new Set(allowServices.map((s) => s.toLowerCase()));
    return {
      Action(action, statement, field) {
        if (field !== 'Action' || statement.effect.value !== 'Allow') return;
        const sid = statementLabel(statement);
        if (action.value === '*' || action.value === '*:*') {
          context.report({
            messageId: 'wildcardAction', span: action.span, data: { sid, action: action.value },
            notes: ['A wildcard also grants every action AWS adds later, including ones that manage permissions.'],
            help: 'List only the actions this principal needs.',
          });
          return;
        }
        const parts = splitAction(action.value);
        if (!parts || parts[1] !== '*' || allowed.has(parts[0].toLowerCase())) return;
        // A key policy's `kms:*` for the account root delegates to IAM: it is AWS's default, not a grant to a person.
        if (context.kind === 'resource' && onlyAccountPrincipals(statement)) return;
        context.report({
          messageId: 'serviceWildcard', span: action.span, data: { sid, service: parts[0], action: action.value },
          notes: [`\`${action.value}\` includes the service's permissions-management and delete actions, and every action AWS adds to it later.`],
          help: `List the \`${parts[0]}\` actions this principal needs (for example with an access-level prefix such as \`${parts[0]}:Get*\`).`,
        });
      },
    };
  },
});
