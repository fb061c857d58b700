import setOperatorMisuse from '../../rules/set-operator-misuse.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
ruleTester.run(setOperatorMisuse, {
  valid: [
    {
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {
  "ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}, "Null": {"aws:TagKeys": "false"}, "StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}]}`,
    },
    {
      name: 'ForAllValues in a Deny needs no Null guard, nor does a negated ForAllValues',
      code: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Deny", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringNotEquals": {"aws:TagKeys": ["team"]}}},
  {"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]}}}]}`,
    },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "ec2:CreateTags",
      "Resource": "arn:aws:ec2:eu-west-1:111122223333:instance/*",
      "Condition": {
        "ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]},
        "ForAnyValue:StringEquals": {"aws:RequestedRegion": "eu-west-1"},
        "StringLike": {"aws:TagKeys": "team"}
      }
    }
  ]
}`,
      errors: [
        { messageId: 'forAllValuesWithoutNull', line: 9, column: 9, endLine: 9, endColumn: 36, data: { key: 'aws:TagKeys', sid: '#1' } },
        { messageId: 'singleValuedKey', line: 10, column: 9, endLine: 10, endColumn: 35, data: { qualifier: 'ForAnyValue', key: 'aws:RequestedRegion' } },
        { messageId: 'missingQualifier', line: 11, column: 9, endLine: 11, endColumn: 21, data: { key: 'aws:TagKeys' } },
      ],
    },
  ],
});
