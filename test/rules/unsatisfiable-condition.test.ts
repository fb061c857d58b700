import unsatisfiableCondition from '../../rules/unsatisfiable-condition.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
ruleTester.run(unsatisfiableCondition, {
  valid: [
    {
      name: 'values under one operator are alternatives',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": ["eu-west-1", "us-east-1"]}}}]}`,
    },
    {
      name: 'overlapping range',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}, "DateLessThan": {"aws:CurrentTime": "2026-12-31T00:00:00Z"}}}]}`,
    },
    {
      name: 'Null false and a value',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Null": {"aws:SourceVpce": "false"}, "StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}`,
    },
    {
      name: 'Null true and a negated test (true when the key is absent)',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Null": {"aws:SourceVpce": "true"}, "StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}`,
    },
    {
      name: 'StringEquals value that StringLike accepts',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "home/alice/"}, "StringLike": {"s3:prefix": "home/*"}}}]}`,
    },
    {
      name: 'multi-valued keys are left alone',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["a"]}, "ForAnyValue:StringEquals": {"aws:TagKeys": ["b"]}}}]}`,
    },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::reports/*",
      "Condition": {
        "Null": {"aws:SourceVpce": "true"},
        "StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}
      }
    },
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::reports/*",
      "Condition": {
        "DateGreaterThan": {"aws:CurrentTime": "2026-12-01T00:00:00Z"},
        "DateLessThan": {"aws:CurrentTime": "2026-11-01T00:00:00Z"}
      }
    },
    {
      "Effect": "Deny",
      "Action": "ec2:*",
      "Resource": "*",
      "Condition": {
        "StringEquals": {"aws:RequestedRegion": "eu-west-1"},
        "StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "us-east-1"]}
      }
    }
  ]
}`,
      errors: [
        { messageId: 'never', line: 10, column: 26, endLine: 10, endColumn: 42, data: { sid: '#1', key: 'aws:SourceVpce', effect: 'allows nothing' } },
        { messageId: 'never', line: 19, column: 26, endLine: 19, endColumn: 43, data: { key: 'aws:CurrentTime' } },
        { messageId: 'never', line: 28, column: 29, endLine: 28, endColumn: 50, data: { key: 'aws:RequestedRegion', effect: 'denies nothing' } },
      ],
    },
    {
      name: 'numeric bounds that touch with a strict operator; Bool true and String false',
      code: `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {
    "NumericGreaterThan": {"s3:max-keys": "10"}, "NumericLessThanEquals": {"s3:max-keys": "10"},
    "Bool": {"aws:SecureTransport": "true"}, "StringEquals": {"aws:SecureTransport": "false"}}}]
}`,
      errors: [
        { messageId: 'never', line: 4, column: 76, endLine: 4, endColumn: 89 },
        { messageId: 'never', line: 5, column: 63, endLine: 5, endColumn: 84 },
      ],
    },
  ],
});
