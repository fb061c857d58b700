import invalidArn from '../../rules/invalid-arn.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html; ARN formats from the Service Authorization Reference.
ruleTester.run(invalidArn, {
  valid: [
    {
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": [
  "*",
  "arn:aws:s3:::reports/*",
  "arn:aws:s3:::home/\${aws:username}/*",
  "arn:aws-cn:s3:::reports",
  "arn:aws:ec2:*:*:instance/*",
  "arn:aws:logs:*:*:*",
  "arn:aws:iam::aws:policy/ReadOnlyAccess",
  "arn:aws:ecr:eu-west-1:111122223333:repository/web/api",
  "arn:aws:s3:eu-west-1:111122223333:accesspoint/reports",
  "arn:*:s3:::reports",
  "arn:aws:s3*",
  "\${ReportsBucket.Arn}/*",
  "arn:aws:ssm:*::parameter/aws/service/eks/optimized-ami/*"
]}]}`,
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
      "Resource": [
        "reports-bucket/*",
        "arn:aws:s3:reports",
        "arn:amazon:s3:::reports",
        "arn:aws:S3:::reports",
        "arn:aws:s3:us-east-1::reports",
        "arn:aws:ec2:us-east-1:111122223333:volume/vol-1",
        "arn:aws:iam::123:role/x",
        "arn:aws:ec2:mars-1:111122223333:instance/i-1",
        "arn:aws:sqs:::queue",
        "arn:aws:nosuchservice:us-east-1:111122223333:x",
        "arn:aws:s3:::",
        "arn:aws:dynamodb:eu-west-1::table/orders"
      ]
    }
  ]
}`,
      errors: [
        { messageId: 'notArn', line: 8, column: 9, endLine: 8, endColumn: 27 },
        { messageId: 'missingFields', line: 9, column: 9, endLine: 9, endColumn: 29, data: { count: 4 } },
        { messageId: 'invalidPartition', line: 10, column: 9, endLine: 10, endColumn: 34, data: { partition: 'amazon' } },
        { messageId: 'serviceCase', line: 11, column: 9, endLine: 11, endColumn: 31, data: { service: 'S3' } },
        { messageId: 'regionNotAllowed', line: 12, column: 9, endLine: 12, endColumn: 40, data: { service: 's3', region: 'us-east-1' } },
        { messageId: 'invalidAccount', line: 14, column: 9, endLine: 14, endColumn: 34, data: { account: '123' } },
        { messageId: 'invalidRegion', line: 15, column: 9, endLine: 15, endColumn: 55, data: { region: 'mars-1' } },
        { messageId: 'missingRegion', line: 16, column: 9, endLine: 16, endColumn: 30, data: { service: 'sqs' } },
        { messageId: 'unknownService', line: 17, column: 9, endLine: 17, endColumn: 57, data: { service: 'nosuchservice' } },
        { messageId: 'noResourceType', line: 18, column: 9, endLine: 18, endColumn: 24 },
        { messageId: 'missingAccount', line: 19, column: 9, endLine: 19, endColumn: 51, data: { service: 'dynamodb' } },
      ],
    },
  ],
});
