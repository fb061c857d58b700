import invalidConditionValue from '../../rules/invalid-condition-value.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
ruleTester.run(invalidConditionValue, {
  valid: [
    {
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {
  "Bool": {"aws:SecureTransport": "True"}, "Null": {"aws:TagKeys": "false"}, "NumericLessThan": {"aws:MultiFactorAuthAge": "3600.5"},
  "DateGreaterThan": {"aws:CurrentTime": ["2026-01-01", "2026-01-01T12:00:00Z", "1767225600"]},
  "IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.7", "2001:db8::/32"]}, "ArnLike": {"aws:SourceArn": ["arn:aws:sns:*:*:t", "*"]},
  "BinaryEquals": {"x:y": "QUJD"}, "StringEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f67890", "aws:SourceVpc": "vpc-1a2b3c4d", "aws:RequestedRegion": "us-gov-west-1"},
  "StringLike": {"aws:RequestedRegion": "eu-*"}, "StringEqualsIfExists": {"aws:PrincipalTag/x": "\${aws:username}"}}}]}`,
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
        "Bool": {"aws:SecureTransport": ["yes", "false"]},
        "NumericLessThan": {"aws:MultiFactorAuthAge": "an hour"},
        "DateLessThan": {"aws:CurrentTime": "31/12/2026"},
        "IpAddress": {"aws:SourceIp": ["203.0.113.0/33", "203.0.113.5/24", "10.1.0.0/16", "2001:db8::1/32"]},
        "ArnLike": {"aws:SourceArn": "sns:topic"},
        "BinaryEquals": {"x:y": "not base64!"},
        "Null": {"aws:TagKeys": "maybe"},
        "StringEquals": {"aws:SourceVpce": "vpce-12345", "aws:SourceVpc": "vpc-0a1b2c3d", "aws:RequestedRegion": "europe"},
        "StringLike": {"aws:RequestedRegion": "eu-*", "aws:SourceVpce": "vpce-*"}
      }
    }
  ]
}`,
      errors: [
        { messageId: 'multipleBoolean', line: 9, column: 18, endLine: 9, endColumn: 39, data: { count: 2 } },
        { messageId: 'notBoolean', line: 9, column: 42, endLine: 9, endColumn: 47, data: { value: 'yes' } },
        { messageId: 'notNumber', line: 10, column: 55, endLine: 10, endColumn: 64 },
        { messageId: 'notDate', line: 11, column: 45, endLine: 11, endColumn: 57 },
        { messageId: 'notCidr', line: 12, column: 40, endLine: 12, endColumn: 56 },
        { messageId: 'hostBits', line: 12, column: 58, endLine: 12, endColumn: 74, data: { bits: 24, network: '203.0.113.0/24' } },
        { messageId: 'privateIp', line: 12, column: 76, endLine: 12, endColumn: 89 },
        { messageId: 'hostBits', line: 12, column: 91, endLine: 12, endColumn: 107, data: { network: '2001:db8::/32' } },
        { messageId: 'notArn', line: 13, column: 38, endLine: 13, endColumn: 49 },
        { messageId: 'notBase64', line: 14, column: 33, endLine: 14, endColumn: 46 },
        { messageId: 'notBoolean', line: 15, column: 33, endLine: 15, endColumn: 40 },
        { messageId: 'invalidVpce', line: 16, column: 44, endLine: 16, endColumn: 56 },
        { messageId: 'invalidRegion', line: 16, column: 114, endLine: 16, endColumn: 122 },
      ],
    },
  ],
});
