import createSlrUnrestricted from '../../rules/create-slr-unrestricted.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html#service-linked-role-permissions
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_AWSServiceName
ruleTester.run(createSlrUnrestricted, {
  valid: [
    {
      name: 'iam:AWSServiceName condition',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*", "Condition": {"StringLike": {"iam:AWSServiceName": "elasticbeanstalk.amazonaws.com"}}}]}`,
    },
    {
      name: 'scoped to one service-linked role path',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"}]}`,
    },
    { name: 'Deny', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:CreateServiceLinkedRole", "Resource": "*"}]}` },
    { name: 'iam:Get* does not cover it', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:Get*", "Resource": "*"}]}` },
    { name: 'NotAction that excludes it', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}` },
    { name: 'NotResource that excludes every service-linked role', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "NotResource": "arn:aws:iam::*:role/aws-service-role/*"}]}` },
    { name: 'a permissions boundary caps, it grants nothing', kind: 'boundary', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*"}]}` },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "CreateAnySlr",
      "Effect": "Allow",
      "Action": "iam:CreateServiceLinkedRole",
      "Resource": "*"
    }
  ]
}`,
      errors: [{ messageId: 'starResource', line: 8, column: 19, endLine: 8, endColumn: 22, data: { sid: '`CreateAnySlr`', action: 'iam:CreateServiceLinkedRole', resource: '*' } }],
    },
    {
      name: 'wildcards, NotAction, NotResource, and a Null test that limits nothing',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["iam:Create*"], "Resource": ["arn:aws:iam::111122223333:role/app", "arn:aws:iam::*:role/aws-service-role/*"]},
    {"Effect": "Allow", "NotAction": "s3:*", "Resource": "*", "Condition": {"Null": {"iam:AWSServiceName": "false"}}},
    {"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::logs/*"}
  ]
}`,
      errors: [
        { messageId: 'starResource', line: 4, column: 103, endLine: 4, endColumn: 143, data: { sid: '#1', action: 'iam:Create*' } },
        { messageId: 'starResource', line: 5, column: 58, endLine: 5, endColumn: 61, data: { sid: '#2', action: 'NotAction' } },
        { messageId: 'notResource', line: 6, column: 40, endLine: 6, endColumn: 53, data: { sid: '#3', action: '*' } },
      ],
    },
  ],
});
