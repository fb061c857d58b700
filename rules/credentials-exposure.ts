import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';
import { CREDENTIALS_EXPOSURE_ACTIONS, groupScopableGrants, listForMessage, unconstrainedGrants } from '../src/lint/privesc.js';

export default defineRule({
  name: 'credentials-exposure',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity'],
    docs: { description: 'Disallow actions that return credentials or tokens on every resource without a condition' },
    messages: {
      exposes: 'Statement {{sid}} allows {{actions}} (through `{{via}}`) on every resource without a condition: {{they}} credentials.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iamcheck-catalog', id: 'credentials-exposure' },
      { tool: 'iamcheck-catalog', id: 'assume-role-any-resource' },
      { tool: 'iamcheck-catalog', id: 'unrestrictable-action-awareness' },
      { tool: 'cloudsplaining', id: 'CredentialsExposure' },
      { tool: 'parliament', id: 'CREDENTIALS_EXPOSURE' },
      { tool: 'checkov', id: 'CKV_AWS_107' },
      { tool: 'checkov', id: 'CKV_AWS_287' },
      { tool: 'kics', id: "IAM Policy Grants 'AssumeRole' Permission Across All Services" },
      { tool: 'iam-policy-validator', id: 'sensitive_action (credential_exposure)' },
    ],
  },
  create(context) {
    return {
      'Policy:exit'(policy) {
        const grants = unconstrainedGrants(context.document, policy, CREDENTIALS_EXPOSURE_ACTIONS);
        for (const { grant, actions } of groupScopableGrants(grants, CREDENTIALS_EXPOSURE_ACTIONS, (id) => context.catalog.supportsResourceLevelPermissions(id))) {
          context.report({
            messageId: 'exposes',
            span: grant.span,
            data: { sid: statementLabel(grant.statement), actions: listForMessage(actions), via: grant.via, they: actions.length > 1 ? 'they return' : 'it returns' },
            notes: [
              'Whoever holds these permissions can mint access keys, passwords or session tokens for other identities (or assume any role that trusts the account) and act as them.',
              'Actions that cannot be scoped to a resource, such as `ecr:GetAuthorizationToken`, are not reported.',
            ],
            help: 'List the ARNs of the users, roles or resources concerned (for example `arn:aws:iam::111122223333:user/${aws:username}`), or add a Condition.',
          });
        }
      },
    };
  },
});
