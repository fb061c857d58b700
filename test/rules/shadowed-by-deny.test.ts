import shadowedByDeny from '../../rules/shadowed-by-deny.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
ruleTester.run(shadowedByDeny, {
  valid: [
    {
      name: 'the Deny has a condition',
      code: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*"},
  {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}`,
    },
    {
      name: 'only part of the Allow is denied',
      code: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "arn:aws:s3:::logs/*"},
  {"Effect": "Deny", "Action": "s3:Put*", "Resource": "arn:aws:s3:::logs/*"}]}`,
    },
    {
      name: 'the Deny names other principals',
      code: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/a"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
  {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:role/c"}, "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}`,
    },
    {
      name: 'NotAction Deny that leaves the action out',
      code: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"},
  {"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}]}`,
    },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "WriteLogs", "Effect": "Allow", "Action": ["s3:PutObject", "s3:DeleteObject"], "Resource": "arn:aws:s3:::audit-logs/*"},
    {"Sid": "ProtectAudit", "Effect": "Deny", "Action": ["s3:Put*", "s3:Delete*"], "Resource": "arn:aws:s3:::audit-logs/*"}
  ]
}`,
      errors: [{ messageId: 'shadowed', line: 4, column: 36, endLine: 4, endColumn: 43, data: { sid: '`WriteLogs`', denies: 'statement `ProtectAudit`' } }],
    },
    {
      name: 'a NotAction Deny and a second Deny together',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["ec2:RunInstances", "iam:Get*"], "Resource": "*"},
    {"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*"},
    {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}
  ]
}`,
      errors: [{ messageId: 'shadowed', line: 4, column: 16, endLine: 4, endColumn: 23, data: { denies: 'statement #2 and statement #3' } }],
    },
  ],
});
