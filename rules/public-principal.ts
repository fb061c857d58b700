import { defineRule } from '../src/lint/rule.js';
import { keySpan, statementLabel } from '../src/lint/rule-helpers.js';
import { isWildcardPrincipal, meaninglessConditions, PERIMETER_KEYS, restrictingConditions } from '../src/lint/privesc.js';

export default defineRule({
  name: 'public-principal',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['resource'],
    docs: { description: 'Disallow resource policies that allow `"Principal": "*"` without a condition that narrows who can use the grant' },
    messages: {
      anyone: 'Statement {{sid}} allows anyone (`{{principal}}`) without a condition on the caller\'s account, organization, network or source.',
      anyService: 'Statement {{sid}} allows every AWS service (`{"Service": "*"}`) without a condition on the source account or resource.',
      meaningless: 'Statement {{sid}} allows anyone (`{{principal}}`): its condition on `{{key}}` only compares with wildcards.',
      notPrincipal: 'Statement {{sid}} allows everyone except the principals listed in `NotPrincipal`, including anonymous callers.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iamcheck-catalog', id: 'public-principal' },
      { tool: 'iamcheck-catalog', id: 'service-principal-wildcard' },
      { tool: 'iamcheck-catalog', id: 'kms-key-policy-wildcard' },
      { tool: 'iamcheck-catalog', id: 'meaningless-perimeter-condition' },
      { tool: 'iamcheck-catalog', id: 'allow-notprincipal' },
      { tool: 'access-analyzer', id: 'ALLOW_WITH_NOT_PRINCIPAL' },
      { tool: 'parliament', id: 'NOTPRINCIPAL_WITH_ALLOW' },
      { tool: 'cfn-nag', id: 'F6' },
      { tool: 'access-analyzer', id: 'CheckNoPublicAccess' },
      { tool: 'checkov', id: 'CKV_AWS_70' },
      { tool: 'checkov', id: 'CKV_AWS_283' },
      { tool: 'checkov', id: 'CKV_AWS_33' },
      { tool: 'checkov', id: 'CKV_AWS_32' },
      { tool: 'checkov', id: 'CKV_AWS_167' },
      { tool: 'checkov', id: 'CKV_AWS_168' },
      { tool: 'checkov', id: 'CKV_AWS_169' },
      { tool: 'checkov', id: 'CKV_AWS_387' },
      { tool: 'checkov', id: 'CKV_AWS_301' },
      { tool: 'kics', id: 'S3 Bucket With Any Principal' },
      { tool: 'kics', id: 'SQS Policy With Public Access' },
      { tool: 'kics', id: 'SNS Topic is Publicly Accessible' },
      { tool: 'kics', id: 'ECR Repository Has Public Access' },
      { tool: 'kics', id: 'KMS Key With Vulnerable Policy' },
      { tool: 'cfn-nag', id: 'F13' },
      { tool: 'cfn-nag', id: 'F16' },
      { tool: 'cfn-nag', id: 'F18' },
      { tool: 'cfn-nag', id: 'F21' },
      { tool: 'cfn-nag', id: 'F76' },
      { tool: 'cdk-nag', id: 'ECR1' },
      { tool: 'iam-policy-validator', id: 'principal_validation (service_principal_wildcard)' },
    ],
  },
  create(context) {
    return {
      Statement(statement) {
        if (statement.effect.value !== 'Allow' || !statement.notPrincipals) return;
        if (restrictingConditions(statement, PERIMETER_KEYS).length > 0) return;
        context.report({
          messageId: 'notPrincipal', span: keySpan(context.document, statement, 'NotPrincipal'), data: { sid: statementLabel(statement) },
          notes: ['`NotPrincipal` with `Allow` grants access to every principal not listed, in every account, and to anonymous users.'],
          help: 'Name the principals in `Principal` instead, or use `"Principal": "*"` with an `aws:PrincipalArn` or `aws:PrincipalOrgID` condition.',
        });
      },
      Principal(principal, statement, field) {
        if (field !== 'Principal' || statement.effect.value !== 'Allow' || !isWildcardPrincipal(principal)) return;
        if (restrictingConditions(statement, PERIMETER_KEYS).length > 0) return;
        const sid = statementLabel(statement);
        const shown = principal.type === '*' ? '"*"' : `{"${principal.type}": "*"}`;
        const help = 'Add a condition such as `aws:PrincipalOrgID`, `aws:SourceAccount`, `aws:SourceArn` or `aws:SourceVpce`, or name the principals instead of `*`.';
        const notes = ['A wildcard principal in a resource policy includes every AWS account and, for many services, anonymous callers.'];
        const noOp = meaninglessConditions(statement, PERIMETER_KEYS)[0];
        if (noOp) {
          context.report({ messageId: 'meaningless', span: noOp.key.span, data: { sid, principal: shown, key: noOp.key.value }, notes, help });
          return;
        }
        if (principal.type === 'Service') {
          context.report({ messageId: 'anyService', span: principal.span, data: { sid }, notes: ['Any AWS service, acting for any customer, can use this grant (a confused deputy).'], help: 'Name the service principal, and add `aws:SourceAccount` or `aws:SourceArn`.' });
          return;
        }
        context.report({ messageId: 'anyone', span: principal.span, data: { sid, principal: shown }, notes, help });
      },
    };
  },
});
