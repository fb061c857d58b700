import resourceExposure from '../../rules/resource-exposure.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

ruleTester.run(resourceExposure, {
  valid: [
    { name: 'one bucket', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutBucketPolicy", "Resource": "arn:aws:s3:::reports"}]}` },
    { name: 'read and write only', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"}]}` },
    { name: 'with a condition', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:CreateGrant", "Resource": "*", "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}}]}` },
    {
      name: 'denied everywhere',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sns:AddPermission", "Resource": "*"}, {"Effect": "Deny", "Action": "sns:*Permission", "Resource": "*"}]}`,
    },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:PutBucketPolicy", "kms:CreateGrant", "s3:GetObject"], "Resource": "*"}
  ]
}`,
      errors: [
        { messageId: 'permissionsManagement', line: 4, column: 36, endLine: 4, endColumn: 56, data: { actions: '`s3:PutBucketPolicy`' } },
        { messageId: 'permissionsManagement', line: 4, column: 58, endLine: 4, endColumn: 75, data: { actions: '`kms:CreateGrant`' } },
      ],
    },
    {
      name: 'a service wildcard lists what it includes',
      code: `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "ecr:*", "Resource": "*"}]
}`,
      errors: [{ messageId: 'permissionsManagement', line: 3, column: 47, endLine: 3, endColumn: 54, data: { via: 'ecr:*' } }],
    },
  ],
});
