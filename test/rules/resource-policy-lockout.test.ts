import resourcePolicyLockout from '../../rules/resource-policy-lockout.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://repost.aws/knowledge-center/s3-accidentally-denied-access
// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
ruleTester.run(resourcePolicyLockout, {
  valid: [
    { name: 'TLS-only Deny has a condition', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}` },
    { name: 'Deny of object actions only', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::b/*"}]}` },
    { name: 'Deny to one principal', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": "s3:*", "Resource": "arn:aws:s3:::b"}]}` },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "DenyAll", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]}
  ]
}`,
      errors: [{ messageId: 'lockout', line: 4, column: 70, endLine: 4, endColumn: 76, data: { action: 's3:PutBucketPolicy', via: 's3:*' } }],
    },
    {
      name: 'KMS key policy',
      resourceType: 'AWS::KMS::Key',
      code: `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt", "kms:PutKeyPolicy"], "Resource": "*"}]
}`,
      errors: [{ messageId: 'lockout', line: 3, column: 89, endLine: 3, endColumn: 107, data: { who: ', not even the account root' } }],
    },
  ],
});
