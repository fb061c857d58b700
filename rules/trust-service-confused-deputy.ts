import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';
import { restrictingConditions } from '../src/lint/privesc.js';
import type { Statement } from '../src/policy/types.js';

/** Keys that tie a service's request to the customer's account, organization or resource. */
const SOURCE_KEYS = ['aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOrgID', 'aws:SourceOrgPaths', 'aws:SourceOwner'];

/**
 * Services whose role trust policies accept `aws:SourceAccount`/`aws:SourceArn` (the research's deploy notes: ECS
 * task roles, EKS Fargate pod execution roles, EKS Pod Identity). Compute services such as `ec2.amazonaws.com` and
 * `lambda.amazonaws.com` do not send these keys when they assume a role, so they are not listed.
 */
const TRUST_SERVICES = ['ecs-tasks.amazonaws.com', 'eks-fargate-pods.amazonaws.com', 'pods.eks.amazonaws.com'];

function isScoped(statement: Statement): boolean {
  if (restrictingConditions(statement, SOURCE_KEYS).length > 0) return true;
  // KMS key policies scope a service through the encryption context it passes (CloudWatch Logs, for instance).
  return statement.conditions.some((c) => c.key.value.toLowerCase().startsWith('kms:encryptioncontext:') && !/not/i.test(c.operator.value));
}

export default defineRule({
  name: 'trust-service-confused-deputy',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['resource', 'trust'],
    docs: { description: 'Require `aws:SourceArn` or `aws:SourceAccount` when an AWS service principal is granted access (confused deputy)' },
    messages: {
      resource: 'Statement {{sid}} allows the service `{{service}}` without `aws:SourceArn` or `aws:SourceAccount`: it may act for any AWS customer.',
      trust: 'Statement {{sid}} lets `{{service}}` assume this role without `aws:SourceArn` or `aws:SourceAccount`.',
    },
    schema: [
      {
        type: 'object',
        properties: { trustServices: { type: 'array', items: { type: 'string' }, uniqueItems: true } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ trustServices: [] as string[] }],
    sources: [
      { tool: 'iamcheck-catalog', id: 'service-principal-confused-deputy' },
      { tool: 'iamcheck-catalog', id: 'ecs-task-role-trust-preflight' },
      { tool: 'iamcheck-catalog', id: 'service-principal-recommended-key' },
      { tool: 'access-analyzer', id: 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL' },
      { tool: 'checkov', id: 'CKV_AWS_364' },
      { tool: 'cfn-lint', id: 'W3663' },
      { tool: 'iam-policy-validator', id: 'trust_policy_validation (confused_deputy_risk)' },
    ],
  },
  create(context, [{ trustServices }]) {
    const trusted = new Set([...TRUST_SERVICES, ...trustServices].map((s) => s.toLowerCase()));
    return {
      Principal(principal, statement, field) {
        if (field !== 'Principal' || principal.type !== 'Service' || principal.value === '*' || statement.effect.value !== 'Allow') return;
        if (context.kind === 'trust' && !trusted.has(principal.value.toLowerCase())) return;
        if (isScoped(statement)) return;
        context.report({
          messageId: context.kind === 'trust' ? 'trust' : 'resource',
          span: principal.span,
          data: { sid: statementLabel(statement), service: principal.value },
          notes: ['A service principal is shared by every AWS customer; without a source condition, another customer can make the service act on this grant for them (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).'],
          help: 'Add `"StringEquals": {"aws:SourceAccount": "<your account>"}` or `"ArnLike": {"aws:SourceArn": "<the resource that calls>"}`.',
        });
      },
    };
  },
});
