import policyVariable from '../../rules/policy-variable.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
ruleTester.run(policyVariable, {
  valid: [
    {
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
  "Resource": ["arn:aws:s3:::home/\${aws:username}/*", "arn:aws:s3:::\${BucketName}/\${AWS::Region}/*", "arn:aws:s3:::x/\${aws:PrincipalTag/team, 'none'}/\${*}"],
  "Condition": {"StringLike": {"s3:prefix": "\${aws:userid}/*"}, "ArnEquals": {"aws:SourceArn": "arn:aws:iam::\${aws:PrincipalAccount}:role/x"}}}]}`,
    },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:\${aws:username}"],
      "Resource": [
        "arn:aws:s3:::home/\${aws:username/*",
        "arn:aws:s3:::home/\${}/*",
        "arn:aws:s3:::home/\${aws: username}/*",
        "arn:aws:s3:::home/\${aws:username, anonymous}/*",
        "arn:aws:s3:::home/\${aws:usrname}/*",
        "arn:aws:s3:::home/\${aws:username, 'anonymous'}/\${*}/*"
      ],
      "Condition": {
        "NumericLessThan": {"aws:MultiFactorAuthAge": "\${aws:TokenIssueTime}"},
        "StringEquals": {"aws:PrincipalTag/team": "\${aws:ResourceTag/team}"}
      }
    }
  ]
}`,
      errors: [
        { messageId: 'unsupportedElement', line: 6, column: 34, endLine: 6, endColumn: 54, data: { element: 'Action', variable: '${aws:username}' } },
        { messageId: 'missingBrace', line: 8, column: 9, endLine: 8, endColumn: 45 },
        { messageId: 'emptyVariable', line: 9, column: 9, endLine: 9, endColumn: 34, data: { variable: '${}' } },
        { messageId: 'unsupportedSpace', line: 10, column: 9, endLine: 10, endColumn: 47 },
        { messageId: 'missingQuote', line: 11, column: 9, endLine: 11, endColumn: 57 },
        { messageId: 'unknownKey', line: 12, column: 9, endLine: 12, endColumn: 45, data: { key: 'aws:usrname' } },
        { messageId: 'invalidOperator', line: 16, column: 55, endLine: 16, endColumn: 78, data: { operator: 'NumericLessThan' } },
      ],
    },
  ],
});
