import tlsNotEnforced from '../../rules/tls-not-enforced.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-securetransport
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
const allowTopic = `{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:q"}`;

ruleTester.run(tlsNotEnforced, {
  valid: [
    {
      name: 'bucket policy with the Deny',
      kind: 'resource',
      resourceType: 'AWS::S3::Bucket',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}`,
    },
    {
      name: 'queue policy with BoolIfExists and a JSON boolean, any case',
      kind: 'resource',
      resourceType: 'AWS::SQS::Queue',
      code: `{"Version": "2012-10-17", "Statement": [${allowTopic}, {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sqs:*", "Resource": "*", "Condition": {"BoolIfExists": {"AWS:SecureTransport": false}}}]}`,
    },
    { name: 'KMS key policies are not checked', kind: 'resource', resourceType: 'AWS::KMS::Key', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}` },
    { name: 'a resource policy of unknown type is not checked', kind: 'resource', code: `{"Version": "2012-10-17", "Statement": [${allowTopic}]}` },
    { name: 'identity policies are not checked', kind: 'identity', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:q"}]}` },
  ],
  invalid: [
    {
      name: 'queue policy without a Deny',
      kind: 'resource',
      resourceType: 'AWS::SQS::Queue',
      code: `{
  "Version": "2012-10-17",
  "Statement": [${allowTopic}]
}`,
      errors: [{ messageId: 'missingDeny', line: 3, column: 3, endLine: 3, endColumn: 14, data: { resource: 'queue' } }],
    },
    {
      name: 'an Allow on SecureTransport true does not enforce TLS; neither does a Deny on true',
      kind: 'resource',
      resourceType: 'AWS::S3::Bucket',
      code: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
  {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:SecureTransport": "true"}}}
]}`,
      errors: [{ messageId: 'missingDeny', line: 1, column: 27, endLine: 1, endColumn: 38, data: { resource: 'bucket' } }],
    },
    {
      name: 'topic policy with a single statement object',
      kind: 'resource',
      resourceType: 'AWS::SNS::Topic',
      code: `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:111122223333:t"}}`,
      errors: [{ messageId: 'missingDeny', line: 1, column: 27, endLine: 1, endColumn: 38, data: { resource: 'topic' } }],
    },
  ],
});
