import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';
import { isWildcardPrincipal, meaninglessConditions, PERIMETER_KEYS, restrictingConditions } from '../src/lint/privesc.js';

export default defineRule({
  name: 'trust-wildcard-principal',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['trust'],
    docs: { description: 'Disallow role trust policies that let any principal assume the role without a narrowing condition' },
    messages: {
      anyone: 'Statement {{sid}} lets any principal (`{{principal}}`) assume this role, with no condition on the caller\'s account, organization or network.',
      meaningless: 'Statement {{sid}} lets any principal (`{{principal}}`) assume this role: its condition on `{{key}}` only compares with wildcards.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iamcheck-catalog', id: 'trust-any-principal' },
      { tool: 'access-analyzer', id: 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL' },
      { tool: 'cloudsplaining', id: 'AssumableByAnyPrincipal' },
      { tool: 'checkov', id: 'CKV_AWS_60' },
      { tool: 'kics', id: 'IAM Role Allows All Principals To Assume' },
    ],
  },
  create(context) {
    return {
      Principal(principal, statement, field) {
        if (field !== 'Principal' || statement.effect.value !== 'Allow' || !isWildcardPrincipal(principal)) return;
        // sts:ExternalId is a shared string, not an identity: with `*` it does not narrow who can assume the role.
        if (restrictingConditions(statement, PERIMETER_KEYS).length > 0) return;
        const sid = statementLabel(statement);
        const shown = principal.type === '*' ? '"*"' : `{"${principal.type}": "*"}`;
        const notes = ['Every AWS account (and every role or user in it that may call `sts:AssumeRole`) can then get this role\'s credentials.'];
        const help = 'Name the accounts or roles that may assume this role, or add `aws:PrincipalOrgID` / `aws:PrincipalArn` conditions.';
        const noOp = meaninglessConditions(statement, PERIMETER_KEYS)[0];
        if (noOp) context.report({ messageId: 'meaningless', span: noOp.key.span, data: { sid, principal: shown, key: noOp.key.value }, notes, help });
        else context.report({ messageId: 'anyone', span: principal.span, data: { sid, principal: shown }, notes, help });
      },
    };
  },
});
