import duplicateStatement from '../../rules/duplicate-statement.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

ruleTester.run(duplicateStatement, {
  valid: [
    {
      name: 'different resources',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}`,
    },
    {
      name: 'Allow and Deny of the same',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"}, {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"}]}`,
    },
    {
      name: 'resource ARNs are case-sensitive',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/Q3/*"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/q3/*"}]}`,
    },
  ],
  invalid: [
    {
      name: 'same grant, other Sid, other order and case of actions',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::reports/*"},
    {"Sid": "ReadAgain", "Effect": "Allow", "Action": ["s3:ListBucket", "s3:getobject"], "Resource": ["arn:aws:s3:::reports/*"]}
  ]
}`,
      errors: [{ messageId: 'duplicate', line: 5, column: 5, endLine: 5, endColumn: 6, data: { sid: '`ReadAgain`', other: '`Read`' } }],
    },
  ],
});
