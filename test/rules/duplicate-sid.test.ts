import duplicateSid from '../../rules/duplicate-sid.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html ("must be unique")
ruleTester.run(duplicateSid, {
  valid: [
    {
      code: `{"Version": "2012-10-17", "Statement": [
  {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
  {"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"},
  {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
  {"Effect": "Allow", "Action": "s3:DeleteObject", "Resource": "*"}
]}`,
    },
  ],
  invalid: [
    {
      code: `{"Version": "2012-10-17", "Statement": [
  {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
  {"Sid": "Read", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
  {"Sid": "Read", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}
]}`,
      errors: [
        { messageId: 'duplicate', line: 3, column: 11, endLine: 3, endColumn: 17, data: { sid: 'Read', line: 2 } },
        { messageId: 'duplicate', line: 4, column: 11, endLine: 4, endColumn: 17, data: { sid: 'Read', line: 2 } },
      ],
    },
  ],
});
