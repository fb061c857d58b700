import unknownConditionKey from '../../rules/unknown-condition-key.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html; service keys and which
// actions support them from the Service Authorization Reference.
ruleTester.run(unknownConditionKey, {
  valid: [
    { code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports", "Condition": {"StringLike": {"s3:prefix": "2026/*"}}}]}` },
    {
      name: 'global keys, tag keys and identity-provider claims',
      kind: 'trust',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity",
  "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "aws:PrincipalTag/team": "web", "idp.example.com:groups": "admins"}}}]}`,
    },
    {
      name: 'tag keys on actions on taggable resources',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:StartInstances", "ec2:CreateTags", "s3:GetObject"], "Resource": "*",
  "Condition": {"StringEquals": {"aws:ResourceTag/team": "web"}, "ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}}]}`,
    },
    {
      name: 'with Action "*" nothing is known about applicability',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"s3:ResourceAccount": "111122223333"}}}]}`,
    },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::reports/*",
      "Condition": {
        "StringEquals": {
          "aws:SourceIpp": "x",
          "s3:prefixx": "p",
          "PrincipalTag": "x",
          "aws:PrincipalTag/": "x",
          "s3:prefix": "reports/",
          "ec2:InstanceType": "t3.micro",
          "aws:PrincipalOrgID": "o-a1b2c3d4e5",
          "AWS:principalorgid": "o-a1b2c3d4e5",
          "s3:ExistingObjectTag/class": "public",
          "token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main",
          "idp.example.com:groups": "admins"
        }
      }
    }
  ]
}`,
      errors: [
        { messageId: 'unknownGlobalKey', line: 10, column: 11, endLine: 10, endColumn: 26, data: { key: 'aws:SourceIpp' } },
        { messageId: 'unknownServiceKey', line: 11, column: 11, endLine: 11, endColumn: 23, data: { key: 's3:prefixx', service: 's3' } },
        { messageId: 'invalidFormat', line: 12, column: 11, endLine: 12, endColumn: 25 },
        { messageId: 'missingTagKey', line: 13, column: 11, endLine: 13, endColumn: 30 },
        { messageId: 'notApplicable', line: 14, column: 11, endLine: 14, endColumn: 22, data: { key: 's3:prefix', sid: '#1', outcome: 'false' } },
        { messageId: 'notApplicable', line: 15, column: 11, endLine: 15, endColumn: 29, data: { key: 'ec2:InstanceType' } },
        { messageId: 'duplicateKeyCase', line: 17, column: 11, endLine: 17, endColumn: 31, data: { key: 'AWS:principalorgid', first: 'aws:PrincipalOrgID' } },
      ],
    },
    {
      name: 'tag keys on actions that support no tags (iam:ListRoles is not on a taggable resource)',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:ListRoles", "iam:ListUsers"], "Resource": "*",
  "Condition": {"StringEquals": {"aws:ResourceTag/team": "web"}}}]}`,
      errors: [{ messageId: 'notApplicable', line: 2, column: 34, endLine: 2, endColumn: 56, data: { key: 'aws:ResourceTag/team' } }],
    },
    {
      name: 'a negated operator on a key that is never there is always true',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*",
  "Condition": {"StringNotEquals": {"ec2:Region": "eu-west-1"}}}]}`,
      errors: [{ messageId: 'notApplicable', line: 2, column: 37, endLine: 2, endColumn: 49, data: { operator: 'StringNotEquals', outcome: 'true' } }],
    },
  ],
});
