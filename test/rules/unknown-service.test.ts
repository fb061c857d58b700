import unknownService from '../../rules/unknown-service.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
ruleTester.run(unknownService, {
  valid: [
    { code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "EC2:DescribeInstances", "*", "s3:*", "ec*:Describe*"], "Resource": "*"}]}` },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s4:GetObject",
        "s3GetObject",
        "s3:Get:Object",
        "ec2 :DescribeInstances",
        "x*z:Get*",
        "S3:GetObject"
      ],
      "Resource": "*"
    }
  ]
}`,
      errors: [
        { messageId: 'unknownService', line: 7, column: 9, endLine: 7, endColumn: 23, data: { service: 's4' } },
        { messageId: 'malformed', line: 8, column: 9, endLine: 8, endColumn: 22, data: { action: 's3GetObject' } },
        { messageId: 'malformed', line: 9, column: 9, endLine: 9, endColumn: 24 },
        { messageId: 'malformed', line: 10, column: 9, endLine: 10, endColumn: 33 },
        { messageId: 'noServiceMatches', line: 11, column: 9, endLine: 11, endColumn: 19, data: { service: 'x*z' } },
      ],
    },
  ],
});
