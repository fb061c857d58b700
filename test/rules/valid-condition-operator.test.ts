import validConditionOperator from '../../rules/valid-condition-operator.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
ruleTester.run(validConditionOperator, {
  valid: [
    {
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {
  "StringEquals": {"aws:PrincipalTag/team": "web"}, "ForAllValues:StringLike": {"aws:TagKeys": "a*"}, "ForAnyValue:StringEqualsIgnoreCase": {"aws:TagKeys": "b"},
  "ArnLikeIfExists": {"aws:SourceArn": "arn:aws:sns:*:*:t"}, "Null": {"aws:TagKeys": "false"}, "DateLessThanEquals": {"aws:CurrentTime": "2027-01-01"},
  "NumericGreaterThanEqualsIfExists": {"aws:MultiFactorAuthAge": "1"}, "BinaryEquals": {"x:y": "QQ=="}, "NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}`,
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
        "StringEqualz": {"aws:PrincipalTag/team": "web"},
        "ForEveryValue:StringEquals": {"aws:TagKeys": "a"},
        "NullIfExists": {"aws:TagKeys": "true"},
        "ForAnyValue:Null": {"aws:TagKeys": "false"},
        "StringLikeIfExists": {"aws:PrincipalTag/team": "w*"}
      }
    }
  ]
}`,
      errors: [
        { messageId: 'unknownOperator', line: 9, column: 9, endLine: 9, endColumn: 23, data: { operator: 'StringEqualz' } },
        { messageId: 'unknownQualifier', line: 10, column: 9, endLine: 10, endColumn: 37, data: { qualifier: 'ForEveryValue' } },
        { messageId: 'nullIfExists', line: 11, column: 9, endLine: 11, endColumn: 23 },
        { messageId: 'nullWithQualifier', line: 12, column: 9, endLine: 12, endColumn: 27 },
      ],
    },
    {
      name: 'names of Object.prototype members are not operators (fixtures/hostile/proto-operator.json)',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {
  "constructor": {"aws:SourceIp": "203.0.113.0/24"},
  "toStringIfExists": {"aws:SourceIp": "203.0.113.0/24"}}}]}`,
      errors: [
        { messageId: 'unknownOperator', line: 2, column: 3, endLine: 2, endColumn: 16, data: { operator: 'constructor' } },
        { messageId: 'unknownOperator', line: 3, column: 3, endLine: 3, endColumn: 21, data: { operator: 'toStringIfExists' } },
      ],
    },
    {
      name: 'one report per operator, however many keys it has',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEqual": {"aws:PrincipalTag/a": "1", "aws:PrincipalTag/b": "2"}}}]}`,
      errors: [{ messageId: 'unknownOperator', line: 1, column: 118, endLine: 1, endColumn: 131 }],
    },
  ],
});
