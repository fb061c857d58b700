import redundantAction from '../../rules/redundant-action.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// Access Analyzer REDUNDANT_ACTION: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
ruleTester.run(redundantAction, {
  valid: [
    { code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:List*"], "Resource": "*"}]}` },
    {
      name: 'the same action in two statements is not this rule',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}`,
    },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": [
      "s3:Get*",
      "s3:GetObject",
      "s3:getobjectversion",
      "s3:PutObject",
      "s3:putobject"
    ],
    "Resource": "arn:aws:s3:::reports/*"
  }
}`,
      errors: [
        { messageId: 'covered', line: 7, column: 7, endLine: 7, endColumn: 21, data: { action: 's3:GetObject', coveredBy: 's3:Get*' } },
        { messageId: 'covered', line: 8, column: 7, endLine: 8, endColumn: 28, data: { action: 's3:getobjectversion', coveredBy: 's3:Get*' } },
        { messageId: 'duplicate', line: 10, column: 7, endLine: 10, endColumn: 21, data: { action: 's3:putobject', line: 9 } },
      ],
    },
    {
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": ["s3:*", "s3:Get*"], "Resource": "*"}]}`,
      errors: [{ messageId: 'covered', line: 1, column: 82, endLine: 1, endColumn: 91, data: { coveredBy: 's3:*' } }],
    },
  ],
});
