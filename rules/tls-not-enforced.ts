import { defineRule } from '../src/lint/rule.js';
import { openingSpan } from '../src/lint/rule-helpers.js';
import { getMember } from '../src/policy/tree.js';
import type { Statement } from '../src/policy/types.js';

/** What messages call each resource type's policy. */
const RESOURCE_NAMES: Record<string, string> = {
  'AWS::S3::Bucket': 'bucket',
  'AWS::SNS::Topic': 'topic',
  'AWS::SQS::Queue': 'queue',
};

/**
 * A Deny statement that refuses requests sent without TLS: a `Bool` (or `BoolIfExists`) test of
 * `aws:SecureTransport` against `false`. Which actions and principals it names is not checked: a narrower Deny
 * still shows the author meant to enforce TLS, and guessing its intent would only add false alarms.
 */
function deniesPlainHttp(statement: Statement): boolean {
  if (statement.effect.value !== 'Deny') return false;
  return statement.conditions.some((c) => {
    const operator = c.operator.value.toLowerCase();
    return (operator === 'bool' || operator === 'boolifexists') && c.key.value.toLowerCase() === 'aws:securetransport' && c.values.some((v) => v.value.toLowerCase() === 'false');
  });
}

export default defineRule({
  name: 'tls-not-enforced',
  meta: {
    type: 'suggestion',
    // Hardening, not a grant problem: AWS accepts HTTP requests to these services unless a policy denies them.
    severity: 'info',
    recommended: true,
    appliesTo: ['resource'],
    resourceTypes: Object.keys(RESOURCE_NAMES),
    docs: { description: 'Suggest a Deny on `aws:SecureTransport` `false` in S3 bucket, SNS topic and SQS queue policies' },
    messages: {
      missingDeny: 'This {{resource}} policy does not deny requests sent without TLS (no Deny statement with `"Bool": {"aws:SecureTransport": "false"}`).',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'checkov', id: 'CKV_AWS_379' },
      { tool: 'kics', id: 'S3 Bucket Policy Accepts HTTP Requests' },
      { tool: 'cdk-nag', id: 'S10' },
      { tool: 'cdk-nag', id: 'SNS3' },
      { tool: 'cdk-nag', id: 'SQS4' },
      { tool: 'iamcheck-catalog', id: 'tls-not-enforced' },
    ],
  },
  create(context) {
    return {
      'Policy:exit'(policy) {
        if (policy.statements.some(deniesPlainHttp)) return;
        const root = context.document.root;
        const statementKey = root.type === 'object' ? getMember(root, 'Statement')?.key.span : undefined;
        context.report({
          messageId: 'missingDeny',
          span: statementKey ?? openingSpan(policy.span),
          data: { resource: RESOURCE_NAMES[context.resourceType ?? ''] ?? 'resource' },
          notes: ['The service accepts plain HTTP requests unless a policy denies them; requests and their data then travel unencrypted.'],
          help: 'Add a statement `{"Effect": "Deny", "Principal": "*", "Action": "<service>:*", "Resource": [...], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}`.',
        });
      },
    };
  },
});
