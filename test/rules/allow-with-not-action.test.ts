import allowWithNotAction from '../../rules/allow-with-not-action.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
ruleTester.run(allowWithNotAction, {
  valid: [
    { code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}` },
    {
      name: 'Deny with NotAction is the documented way to require MFA',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}`,
    },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllButIam",
      "Effect": "Allow",
      "NotAction": "iam:*",
      "Resource": "*"
    }
  ]
}`,
      errors: [{ messageId: 'allowNotAction', line: 7, column: 7, endLine: 7, endColumn: 18, data: { sid: '`AllButIam`' } }],
    },
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "NotAction": ["iam:*", "organizations:*"],
    "NotResource": "arn:aws:s3:::audit-logs/*"
  }
}`,
      errors: [{ messageId: 'allowNotActionNotResource', line: 5, column: 5, endLine: 5, endColumn: 16, data: { sid: '#1' } }],
    },
  ],
});
