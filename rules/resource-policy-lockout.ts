import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';
import { grantingElement, isWildcardPrincipal } from '../src/lint/privesc.js';

/**
 * The actions that replace or delete a resource's own policy, by service. A Deny of them to everyone, without a
 * condition, leaves nobody able to fix the policy (for S3 only the account root can; for a KMS key, nobody).
 */
const POLICY_WRITE_ACTIONS = [
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  'kms:PutKeyPolicy',
  'sqs:SetQueueAttributes',
  'sns:SetTopicAttributes',
  'ecr:SetRepositoryPolicy',
  'ecr:DeleteRepositoryPolicy',
  'secretsmanager:PutResourcePolicy',
  'secretsmanager:DeleteResourcePolicy',
  'lambda:AddPermission',
  'lambda:RemovePermission',
];

export default defineRule({
  name: 'resource-policy-lockout',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['resource'],
    docs: { description: 'Disallow resource policies that deny everyone, without a condition, the right to change the policy itself' },
    messages: {
      lockout: 'Statement {{sid}} denies `{{action}}` (through `{{via}}`) to everyone without a condition: nobody could change this policy again{{who}}.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iamcheck-catalog', id: 'bucket-policy-lockout' },
      { tool: 'checkov', id: 'CKV_AWS_93' },
    ],
  },
  create(context) {
    return {
      Statement(statement) {
        if (statement.effect.value !== 'Deny' || statement.conditions.length > 0 || statement.notPrincipals) return;
        if (!(statement.principals ?? []).some((p) => isWildcardPrincipal(p) && p.type !== 'Service')) return;
        for (const action of POLICY_WRITE_ACTIONS) {
          const grant = grantingElement(context.document, statement, action);
          if (!grant) continue;
          const kms = action.startsWith('kms:');
          context.report({
            messageId: 'lockout',
            span: grant.span,
            data: { sid: statementLabel(statement), action, via: grant.via, who: kms ? ', not even the account root' : ' except the account root user' },
            notes: [kms ? 'A KMS key policy is the only way into the key: a key nobody can manage must be recovered through AWS Support.' : 'Undoing this needs the root user of the account.'],
            help: 'Add a condition that exempts your administrators, such as `"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/admin"}`, or name the principals to deny.',
          });
          return;
        }
      },
    };
  },
});
