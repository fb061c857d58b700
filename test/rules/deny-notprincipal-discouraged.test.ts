import denyNotPrincipalDiscouraged from '../../rules/deny-notprincipal-discouraged.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
ruleTester.run(denyNotPrincipalDiscouraged, {
  valid: [
    {
      name: 'Principal * with aws:PrincipalArn',
      kind: 'resource',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": {"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/admin"}}}]}`,
    },
    { name: 'Allow with NotPrincipal is another rule', kind: 'resource', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}` },
  ],
  invalid: [
    {
      kind: 'resource',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "OnlyBackup", "Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:role/backup"]}, "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::backups/*"}
  ]
}`,
      errors: [{ messageId: 'denyNotPrincipal', line: 4, column: 45, endLine: 4, endColumn: 59, data: { sid: '`OnlyBackup`' } }],
    },
  ],
});
