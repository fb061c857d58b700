import mfaConditionAntipattern from '../../rules/mfa-condition-antipattern.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
const statement = (effect: string, condition: string): string =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "${effect}", "Action": "ec2:TerminateInstances", "Resource": "*", "Condition": ${condition}}]}`;

ruleTester.run(mfaConditionAntipattern, {
  valid: [
    { name: 'Deny with BoolIfExists false', code: statement('Deny', `{"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}`) },
    { name: 'Allow with Bool true', code: statement('Allow', `{"Bool": {"aws:MultiFactorAuthPresent": true}}`) },
    { name: 'Deny with Bool true (not an MFA requirement)', code: statement('Deny', `{"Bool": {"aws:MultiFactorAuthPresent": "true"}}`) },
    { name: 'other Bool keys', code: statement('Deny', `{"Bool": {"aws:SecureTransport": "false"}}`) },
    { name: 'Deny with Null true denies access-key requests', code: statement('Deny', `{"Null": {"aws:MultiFactorAuthPresent": "true"}}`) },
  ],
  invalid: [
    {
      name: 'Deny with Bool false, key in any case',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyWithoutMfa",
      "Effect": "Deny",
      "NotAction": "iam:ChangePassword",
      "Resource": "*",
      "Condition": {"Bool": {"AWS:MultiFactorAuthPresent": "false"}}
    }
  ]
}`,
      errors: [{ messageId: 'denyWithoutIfExists', line: 9, column: 21, endLine: 9, endColumn: 27, data: { sid: '`DenyWithoutMfa`', operator: 'Bool' } }],
    },
    {
      name: 'Allow with BoolIfExists true',
      code: statement('Allow', `{"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}`),
      errors: [{ messageId: 'allowWithIfExists', line: 1, column: 128, endLine: 1, endColumn: 142, data: { sid: '#1', operator: 'BoolIfExists' } }],
    },
  ],
});
