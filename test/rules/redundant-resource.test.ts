import redundantResource from '../../rules/redundant-resource.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// Access Analyzer REDUNDANT_RESOURCE: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
ruleTester.run(redundantResource, {
  valid: [
    { code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::reports/*", "arn:aws:s3:::exports/*", "arn:aws:s3:::reports"]}]}` },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": [
        "arn:aws:s3:::reports/*",
        "arn:aws:s3:::reports/2026/q1.csv",
        "arn:aws:s3:::Reports/2026/q2.csv",
        "arn:aws:s3:::exports/*",
        "arn:aws:s3:::reports/*"
      ]
    }
  ]
}`,
      errors: [
        { messageId: 'covered', line: 9, column: 9, endLine: 9, endColumn: 43, data: { resource: 'arn:aws:s3:::reports/2026/q1.csv', coveredBy: 'arn:aws:s3:::reports/*' } },
        { messageId: 'duplicate', line: 12, column: 9, endLine: 12, endColumn: 33, data: { line: 8 } },
      ],
    },
  ],
});
