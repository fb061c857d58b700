import { defineRule } from '../src/lint/rule.js';
import { keySpan, statementLabel } from '../src/lint/rule-helpers.js';

export default defineRule({
  name: 'deny-notprincipal-discouraged',
  meta: {
    type: 'suggestion',
    severity: 'info',
    recommended: true,
    appliesTo: ['resource'],
    docs: { description: 'Suggest `Principal: "*"` with an `aws:PrincipalArn` condition instead of `Deny` with `NotPrincipal`' },
    messages: {
      denyNotPrincipal: 'Statement {{sid}} denies everyone except the principals listed in `NotPrincipal`; AWS recommends `"Principal": "*"` with an `aws:PrincipalArn` condition instead.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iam-policy-validator', id: 'not_principal_validation' },
      { tool: 'iamcheck-catalog', id: 'deny-notprincipal-discouraged' },
    ],
  },
  create(context) {
    return {
      Statement(statement) {
        if (statement.effect.value !== 'Deny' || !statement.notPrincipals) return;
        context.report({
          messageId: 'denyNotPrincipal',
          span: keySpan(context.document, statement, 'NotPrincipal'),
          data: { sid: statementLabel(statement) },
          notes: [
            'A request from an assumed role is matched by its session ARN; unless `NotPrincipal` also lists the role and its account, the Deny applies to it.',
            'With a permissions boundary or session policy in play, the exemption can be lost the same way.',
          ],
          help: 'Use `"Principal": "*"` and `"Condition": {"ArnNotEquals": {"aws:PrincipalArn": [...]}}` listing the principals to exempt.',
        });
      },
    };
  },
});
