import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';
import { grantingElement } from '../src/lint/privesc.js';

/** Services that need more than `sts:AssumeRole` in the trust policy, and what they also need. */
const COMPANION_ACTIONS: Record<string, readonly string[]> = {
  // https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html
  'rolesanywhere.amazonaws.com': ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
  // https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
  'pods.eks.amazonaws.com': ['sts:AssumeRole', 'sts:TagSession'],
};

export default defineRule({
  name: 'trust-assume-action',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['trust'],
    docs: { description: 'Require the session actions that IAM Roles Anywhere and EKS Pod Identity need next to `sts:AssumeRole` in a trust policy' },
    messages: {
      missingCompanion: 'Statement {{sid}} trusts `{{service}}` without {{missing}}: the service cannot assume this role.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iamcheck-catalog', id: 'roles-anywhere-missing-actions' },
      { tool: 'iamcheck-catalog', id: 'eks-pod-identity-trust-preflight' },
      { tool: 'access-analyzer', id: 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY' },
    ],
  },
  create(context) {
    return {
      Principal(principal, statement, field) {
        if (field !== 'Principal' || statement.effect.value !== 'Allow') return;
        const sid = statementLabel(statement);
        const companions = principal.type === 'Service' ? COMPANION_ACTIONS[principal.value.toLowerCase()] : undefined;
        if (!companions) return;
        const missing = companions.filter((a) => !grantingElement(context.document, statement, a));
        if (missing.length === 0) return;
        context.report({
          messageId: 'missingCompanion', span: principal.span,
          data: { sid, service: principal.value, missing: missing.map((a) => `\`${a}\``).join(' and ') },
          help: `Add ${missing.map((a) => `\`${a}\``).join(' and ')} to the statement's \`Action\`.`,
        });
      },
    };
  },
});
