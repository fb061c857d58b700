import s3BucketArnInvalidName from '../../rules/s3-bucket-arn-invalid-name.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
const resources = (list: string[]): string =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ${JSON.stringify(list)}}]}`;

ruleTester.run(s3BucketArnInvalidName, {
  valid: [
    { name: 'valid names, objects and dots', code: resources(['arn:aws:s3:::reports-2026/*', 'arn:aws:s3:::www.example.com', 'arn:aws:s3:::abc/Key_With_Caps']) },
    { name: 'wildcards and variables', code: resources(['arn:aws:s3:::*', 'arn:aws:s3:::Reports*', 'arn:aws:s3:::home-${aws:username}', 'arn:aws:s3:::${ReportsBucket}/*']) },
    { name: 'access points and other services', code: resources(['arn:aws:s3:eu-west-1:111122223333:accesspoint/My_AP', 'arn:aws:s3express:us-east-1:111122223333:bucket/Dir--use1-az4--x-s3']) },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::Reports_2026/*", "arn:aws:s3:::ab"]}]
}`,
      errors: [
        { messageId: 'invalidName', line: 3, column: 76, endLine: 3, endColumn: 105, data: { bucket: 'Reports_2026', reason: '`R` is not allowed (only lowercase letters, digits, `.` and `-`)' } },
        { messageId: 'invalidName', line: 3, column: 107, endLine: 3, endColumn: 124, data: { bucket: 'ab', reason: 'it has 2 characters (3 to 63 allowed)' } },
      ],
    },
    {
      name: 'shape rules',
      kind: 'resource',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "NotResource": [
  "arn:aws:s3:::-logs",
  "arn:aws:s3:::a..b",
  "arn:aws:s3:::192.168.5.4/x",
  "arn:aws:s3:::xn--bucket"
]}]}`,
      errors: [
        { messageId: 'invalidName', line: 2, column: 3, endLine: 2, endColumn: 23, data: { reason: 'it must begin and end with a letter or a digit' } },
        { messageId: 'invalidName', line: 3, column: 3, endLine: 3, endColumn: 22, data: { reason: 'it has two adjacent periods' } },
        { messageId: 'invalidName', line: 4, column: 3, endLine: 4, endColumn: 31, data: { reason: 'it is formatted as an IP address' } },
        { messageId: 'invalidName', line: 5, column: 3, endLine: 5, endColumn: 28, data: { reason: 'the prefix `xn--` is reserved' } },
      ],
    },
  ],
});
