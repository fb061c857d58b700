import passroleWithoutPassedToService from '../../rules/passrole-without-passedtoservice.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService
ruleTester.run(passroleWithoutPassedToService, {
  valid: [
    {
      name: 'named role with iam:PassedToService',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app-task", "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}}]}`,
    },
    { name: 'every role: pass-role-wildcard reports it', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": ["arn:aws:iam::111122223333:role/a", "*"]}]}` },
    { name: 'NotResource: pass-role-wildcard reports it', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "NotResource": "arn:aws:iam::111122223333:role/admin"}]}` },
    { name: '* on non-role resources grants no PassRole', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": ["arn:aws:s3:::logs/*", "arn:aws:iam::111122223333:user/ci"]}]}` },
    { name: 'Deny', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/admin"}]}` },
    { name: 'iam:Get* does not cover PassRole', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:Get*", "Resource": "arn:aws:iam::111122223333:role/app"}]}` },
    { name: 'a permissions boundary caps, it grants nothing', kind: 'boundary', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app"}]}` },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PassTaskRole",
      "Effect": "Allow",
      "Action": ["ecs:RunTask", "iam:PassRole"],
      "Resource": "arn:aws:iam::111122223333:role/app-task"
    }
  ]
}`,
      errors: [{ messageId: 'missingCondition', line: 7, column: 33, endLine: 7, endColumn: 47, data: { sid: '`PassTaskRole`', action: 'iam:PassRole', resource: 'arn:aws:iam::111122223333:role/app-task' } }],
    },
    {
      name: 'wildcard action, NotAction, role path patterns, and a Null test that limits nothing',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "iam:Pass*", "Resource": ["arn:aws:s3:::b/*", "arn:aws:iam::111122223333:role/app/*", "arn:aws:iam::111122223333:role/b"]},
    {"Effect": "Allow", "NotAction": "s3:*", "Resource": "arn:aws:iam::111122223333:ro*", "Condition": {"Null": {"iam:PassedToService": "false"}}}
  ]
}`,
      errors: [
        { messageId: 'missingCondition', line: 4, column: 35, endLine: 4, endColumn: 46, data: { sid: '#1', action: 'iam:Pass*', resource: 'arn:aws:iam::111122223333:role/app/* (and 1 more)' } },
        { messageId: 'missingCondition', line: 5, column: 25, endLine: 5, endColumn: 36, data: { sid: '#2', action: 'NotAction', resource: 'arn:aws:iam::111122223333:ro*' } },
      ],
    },
  ],
});
