import redundantStatement from '../../rules/redundant-statement.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

ruleTester.run(redundantStatement, {
  valid: [
    {
      name: 'the narrower statement has fewer conditions',
      code: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::reports/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/q3/*"}]}`,
    },
    {
      name: 'a wildcard in the region part does not cross into the account part',
      code: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:*:111122223333:orders"},
  {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:*:orders"}]}`,
    },
    {
      name: 'a ? wildcard is compared only to the same pattern',
      code: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObjec?", "Resource": "*"},
  {"Effect": "Allow", "Action": "s3:GetObject*", "Resource": "*"}]}`,
    },
    {
      name: 'exact duplicates belong to duplicate-statement',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`,
    },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ReadAll", "Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::reports/*"},
    {"Sid": "ReadQ3", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/2026/q3/*",
      "Condition": {"Bool": {"aws:SecureTransport": "true"}}}
  ]
}`,
      errors: [{ messageId: 'covered', line: 5, column: 5, endLine: 5, endColumn: 6, data: { sid: '`ReadQ3`', other: '`ReadAll`' } }],
    },
    {
      name: 'same meaning written twice: the later one is reported; Deny statements too',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Deny", "Action": "ec2:*", "Resource": "*"},
    {"Effect": "Deny", "Action": ["ec2:TerminateInstances", "ec2:StopInstances"], "Resource": "arn:aws:ec2:*:*:instance/*"},
    {"Effect": "Allow", "Action": ["s3:Get*", "s3:GetObject"], "Resource": "*"},
    {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}
  ]
}`,
      errors: [
        { messageId: 'covered', line: 5, column: 5, endLine: 5, endColumn: 6, data: { sid: '#2', other: '#1', verb: 'denies' } },
        { messageId: 'covered', line: 7, column: 5, endLine: 7, endColumn: 6, data: { sid: '#4', other: '#3' } },
      ],
    },
  ],
});
