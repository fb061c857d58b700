import allowWithNotResource from '../../rules/allow-with-not-resource.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
ruleTester.run(allowWithNotResource, {
  valid: [
    { code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}` },
    { code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]}]}` },
    {
      name: 'NotAction with NotResource is reported by allow-with-not-action',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::audit/*"}]}`,
    },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllButPayroll",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "NotResource": "arn:aws:s3:::payroll/*"
    }
  ]
}`,
      errors: [{ messageId: 'allowNotResource', line: 8, column: 7, endLine: 8, endColumn: 20, data: { sid: '`AllButPayroll`' } }],
    },
  ],
});
