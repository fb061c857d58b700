import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';
import { documentAccounts, PERIMETER_KEYS, principalAccount, restrictingConditions } from '../src/lint/privesc.js';

/** Keys that make a cross-account role assumption deliberate: the external ID of a third party, or MFA. */
const TRUST_KEYS = ['sts:ExternalId', 'aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge', ...PERIMETER_KEYS];

export default defineRule({
  name: 'cross-account-principal',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['resource', 'trust'],
    docs: { description: 'Report principals of other accounts that are trusted without a condition (external ID, MFA, organization)' },
    messages: {
      resource: 'Statement {{sid}} allows account {{account}} (`{{principal}}`), which is not one of the trusted accounts, without a condition.',
      trust: 'Statement {{sid}} lets account {{account}} (`{{principal}}`) assume this role without `sts:ExternalId`, MFA or an organization condition; it is not one of the trusted accounts.',
    },
    schema: [
      {
        type: 'object',
        properties: { trustedAccounts: { type: 'array', items: { type: 'string', pattern: '^\\d{12}$' }, uniqueItems: true } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ trustedAccounts: [] as string[] }],
    sources: [
      { tool: 'iamcheck-catalog', id: 'trust-cross-account' },
      { tool: 'iamcheck-catalog', id: 'trust-cross-account-no-externalid-mfa' },
      { tool: 'iamcheck-catalog', id: 'foreign-account-resource' },
      { tool: 'cloudsplaining', id: 'AssumableByCrossAccountPrincipal' },
      { tool: 'checkov', id: 'CKV_AWS_61' },
      { tool: 'checkov', id: 'CKV_AWS_385' },
      { tool: 'kics', id: 'Cross-Account IAM Assume Role Policy Without ExternalId or MFA' },
      { tool: 'access-analyzer', id: 'EXTERNAL_PRINCIPAL' },
    ],
  },
  create(context, [{ trustedAccounts }]) {
    // INVARIANT: an account is "other" only against a known own account; with none known the rule stays silent.
    const own = new Set([...trustedAccounts, ...documentAccounts(context.policy)]);
    const keys = context.kind === 'trust' ? TRUST_KEYS : PERIMETER_KEYS;
    return {
      Principal(principal, statement, field) {
        if (own.size === 0 || field !== 'Principal' || statement.effect.value !== 'Allow' || principal.type !== 'AWS') return;
        const account = principalAccount(principal.value);
        if (!account || own.has(account)) return;
        if (restrictingConditions(statement, keys).length > 0) return;
        context.report({
          messageId: context.kind === 'trust' ? 'trust' : 'resource',
          span: principal.span,
          data: { sid: statementLabel(statement), account, principal: principal.value },
          notes: [`Trusted accounts here: ${[...own].sort().join(', ')} (the \`trustedAccounts\` option and the accounts named in the document's own ARNs).`],
          help: context.kind === 'trust'
            ? 'If a third party assumes this role, require `sts:ExternalId`; for people, require MFA; or add the account to `trustedAccounts`.'
            : 'Add a condition such as `aws:PrincipalOrgID`, or add the account to `trustedAccounts` if it is yours.',
        });
      },
    };
  },
});
