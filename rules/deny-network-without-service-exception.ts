import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';
import { parseOperator } from '../src/lint/conditions.js';

/** Network keys a Deny typically tests with a negated operator ("deny unless from our network"). */
const NETWORK_KEYS = ['aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:vpcsourceip'];
/** In resource policies and RCPs, an organization perimeter breaks service-to-service calls the same way. */
const PERIMETER_KEYS = ['aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount'];
/** Keys that exempt calls AWS services make on the principal's behalf. */
const SERVICE_KEYS = ['aws:viaawsservice', 'aws:principalisawsservice', 'aws:calledvia', 'aws:calledviafirst', 'aws:calledvialast'];

export default defineRule({
  name: 'deny-network-without-service-exception',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity', 'resource', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Require an `aws:ViaAWSService` or `aws:PrincipalIsAWSService` exception in a Deny on the caller\'s IP address or VPC' },
    messages: {
      noServiceException: 'Statement {{sid}} denies requests not from `{{key}}` {{values}}, but has no exception for calls AWS services make on the caller\'s behalf.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iamcheck-catalog', id: 'sourceip-deny-breaks-aws-services' },
      { tool: 'iamcheck-catalog', id: 'rcp-best-practice' },
    ],
  },
  create(context) {
    return {
      Statement(statement) {
        if (statement.effect.value !== 'Deny') return;
        if (statement.conditions.some((c) => SERVICE_KEYS.includes(c.key.value.toLowerCase()))) return;
        const keys = context.kind === 'resource' || context.kind === 'rcp' ? [...NETWORK_KEYS, ...PERIMETER_KEYS] : NETWORK_KEYS;
        const network = statement.conditions.find((c) => {
          if (!keys.includes(c.key.value.toLowerCase())) return false;
          const op = parseOperator(c.operator.value);
          return op !== undefined && op.negated && op.family !== 'Null';
        });
        if (!network) return;
        const values = network.values.map((v) => `\`${v.value}\``).join(', ');
        context.report({
          messageId: 'noServiceException',
          span: network.key.span,
          data: { sid: statementLabel(statement), key: network.key.value, values },
          notes: [
            'When CloudFormation, Athena, Glue or KMS (through S3, EBS…) calls another service for the principal, the request comes from AWS\'s network, not yours: this Deny blocks it (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-ip.html).',
          ],
          help: 'Add `"Bool": {"aws:ViaAWSService": "false"}` to the Condition (or `"aws:PrincipalIsAWSService": "false"` in resource policies and RCPs).',
        });
      },
    };
  },
});
