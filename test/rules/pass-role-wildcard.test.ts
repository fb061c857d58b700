import passRoleWildcard from '../../rules/pass-role-wildcard.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
ruleTester.run(passRoleWildcard, {
  valid: [
    {
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app-task",
  "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}}]}`,
    },
    { name: 'iam:Get* does not cover PassRole', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:Get*", "Resource": "*"}]}` },
    { name: 'a permissions boundary is a cap, not a grant', kind: 'boundary', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}` },
    { name: 'Deny', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"}]}` },
    { name: 'NotAction that excludes iam:*', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}` },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PassAny",
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "*"
    }
  ]
}`,
      errors: [{ messageId: 'starResource', line: 8, column: 19, endLine: 8, endColumn: 22, data: { sid: '`PassAny`', action: 'iam:PassRole', resource: '*' } }],
    },
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["ec2:RunInstances", "iam:Pass*"], "Resource": ["arn:aws:ec2:*:*:instance/*", "arn:aws:iam::*:role/*"]},
    {"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"},
    {"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::logs/*"}
  ]
}`,
      errors: [
        { messageId: 'starResource', line: 4, column: 113, endLine: 4, endColumn: 136, data: { sid: '#1', action: 'iam:Pass*' } },
        { messageId: 'starResource', line: 5, column: 58, endLine: 5, endColumn: 61, data: { sid: '#2', action: 'NotAction' } },
        { messageId: 'notResource', line: 6, column: 40, endLine: 6, endColumn: 53, data: { sid: '#3', action: '*' } },
      ],
    },
  ],
});
