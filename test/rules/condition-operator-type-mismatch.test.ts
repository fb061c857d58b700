import conditionOperatorTypeMismatch from '../../rules/condition-operator-type-mismatch.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// Key types: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html and the
// Service Authorization Reference; operators: .../reference_policies_elements_condition_operators.html
ruleTester.run(conditionOperatorTypeMismatch, {
  valid: [
    {
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {
  "StringEquals": {"aws:PrincipalTag/team": "web", "aws:PrincipalArn": "arn:aws:iam::111122223333:role/x"},
  "ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:t"}, "DateLessThan": {"aws:CurrentTime": "2027-01-01"},
  "NumericLessThan": {"aws:EpochTime": "1798761600", "aws:MultiFactorAuthAge": "3600"}, "Bool": {"aws:SecureTransport": "true"},
  "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "Null": {"aws:SourceIp": "false"}, "StringLike": {"custom:unknown": "x"}}}]}`,
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
        "DateGreaterThan": {"aws:PrincipalTag/team": "2026-01-01"},
        "IpAddress": {"aws:SourceVpc": "vpc-1a2b3c4d"},
        "NumericLessThan": {"aws:SourceIp": "10"},
        "StringEquals": {"aws:CurrentTime": "2026-01-01T00:00:00Z"},
        "ArnLike": {"aws:PrincipalTag/role": "arn:aws:iam::*:role/x"},
        "Bool": {"aws:MultiFactorAuthAge": "true"}
      }
    }
  ]
}`,
      errors: [
        { messageId: 'mismatch', line: 9, column: 9, endLine: 9, endColumn: 26, data: { operator: 'DateGreaterThan', family: 'Date', key: 'aws:PrincipalTag/team', type: 'String' } },
        { messageId: 'mismatch', line: 10, column: 9, endLine: 10, endColumn: 20, data: { family: 'IpAddress', type: 'String' } },
        { messageId: 'mismatch', line: 11, column: 9, endLine: 11, endColumn: 26, data: { type: 'IPAddress' } },
        { messageId: 'mismatch', line: 12, column: 9, endLine: 12, endColumn: 23, data: { family: 'String', type: 'Date' } },
        { messageId: 'mismatch', line: 13, column: 9, endLine: 13, endColumn: 18, data: { family: 'Arn' } },
        { messageId: 'mismatch', line: 14, column: 9, endLine: 14, endColumn: 15, data: { family: 'Bool', type: 'Numeric' } },
      ],
    },
  ],
});
