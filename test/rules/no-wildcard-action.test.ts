import noWildcardAction from '../../rules/no-wildcard-action.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
ruleTester.run(noWildcardAction, {
  valid: [
    { code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:List*"], "Resource": "*"}]}` },
    { name: 'Deny with * is how guardrails are written', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}` },
    {
      name: 'the same in a CloudFormation template, with the account from !Sub',
      kind: 'resource',
      resourceType: 'AWS::KMS::Key',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root"}, "Action": "kms:*", "Resource": "*"}]}`,
    },
    {
      name: 'a permissions boundary caps permissions: a wildcard there grants nothing',
      kind: 'boundary',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "dynamodb:*"], "Resource": "*"}]}`,
    },
    { name: 'allowServices option', options: [{ allowServices: ['s3'] }], code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::logs/*"}]}` },
    {
      name: 'the default KMS key policy delegates to IAM with kms:* for the account root',
      kind: 'resource',
      resourceType: 'AWS::KMS::Key',
      code: `{"Version": "2012-10-17", "Statement": [{"Sid": "EnableIAMUserPermissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}`,
    },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadAll",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}`,
      errors: [{ messageId: 'wildcardAction', line: 7, column: 17, endLine: 7, endColumn: 20, data: { sid: '`ReadAll`', action: '*' } }],
    },
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": [
      "s3:*",
      "dynamodb:GetItem",
      "iam:*"
    ],
    "Resource": "*"
  }
}`,
      errors: [
        { messageId: 'serviceWildcard', line: 6, column: 7, endLine: 6, endColumn: 13, data: { sid: '#1', service: 's3' } },
        { messageId: 'serviceWildcard', line: 8, column: 7, endLine: 8, endColumn: 14, data: { service: 'iam' } },
      ],
    },
    {
      name: 'a service wildcard in a bucket policy for another principal',
      kind: 'resource',
      code: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:role/etl"},
    "Action": "s3:*",
    "Resource": "arn:aws:s3:::data/*"
  }]
}`,
      errors: [{ messageId: 'serviceWildcard', line: 6, column: 15, endLine: 6, endColumn: 21 }],
    },
  ],
});
