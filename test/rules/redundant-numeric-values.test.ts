import redundantNumericValues from '../../rules/redundant-numeric-values.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
const withCondition = (condition: string): string =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": ${condition}}]}`;

ruleTester.run(redundantNumericValues, {
  valid: [
    { name: 'one value', code: withCondition(`{"NumericLessThan": {"s3:max-keys": "10"}}`) },
    { name: 'NumericEquals values are all needed', code: withCondition(`{"NumericEquals": {"s3:max-keys": ["10", "20"]}}`) },
    { name: 'a range with two operators', code: withCondition(`{"NumericGreaterThan": {"s3:max-keys": "5"}, "NumericLessThan": {"s3:max-keys": "10"}}`) },
    { name: 'policy variables are left alone', code: withCondition(`{"NumericLessThan": {"s3:max-keys": ["10", "\${aws:PrincipalTag/limit}"]}}`) },
  ],
  invalid: [
    {
      name: 'LessThan keeps the largest',
      code: withCondition(`{"NumericLessThan": {"s3:max-keys": ["10", "20", 5]}}`),
      errors: [
        { messageId: 'redundant', line: 1, column: 154, endLine: 1, endColumn: 158, data: { value: '10', bound: '20', operator: 'NumericLessThan', key: 's3:max-keys' } },
        { messageId: 'redundant', line: 1, column: 166, endLine: 1, endColumn: 167, data: { value: '5', bound: '20' } },
      ],
    },
    {
      name: 'GreaterThanEqualsIfExists keeps the smallest, and a duplicate is redundant',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {
  "NumericGreaterThanEqualsIfExists": {"s3:max-keys": ["1", "1", "3"]}
}}]}`,
      errors: [
        { messageId: 'redundant', line: 2, column: 61, endLine: 2, endColumn: 64, data: { value: '1', bound: '1' } },
        { messageId: 'redundant', line: 2, column: 66, endLine: 2, endColumn: 69, data: { value: '3', bound: '1' } },
      ],
    },
  ],
});
