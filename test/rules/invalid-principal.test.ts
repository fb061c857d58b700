import invalidPrincipal from '../../rules/invalid-principal.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
ruleTester.run(invalidPrincipal, {
  valid: [
    {
      kind: 'resource',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["*", "111122223333", "arn:aws:iam::111122223333:root", "arn:aws-cn:iam::111122223333:user/ops/alice",
  "arn:aws:sts::111122223333:assumed-role/app/s1", "arn:aws:iam::\${AWS::AccountId}:root"], "Service": ["s3.amazonaws.com", "logs.eu-west-1.amazonaws.com", "ec2.amazonaws.com.cn"],
  "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}, "Action": "s3:GetObject", "Resource": "*"}]}`,
    },
    {
      kind: 'trust',
      code: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity"},
  {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/okta"}, "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"]},
  {"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"},
  {"Effect": "Allow", "Principal": {"Service": "pods.eks.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}]}`,
    },
  ],
  invalid: [
    {
      kind: 'resource',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": [
          "111122223333",
          "arn:aws:iam::111122223333:role/app",
          "arn:aws:sts::111122223333:assumed-role/app/session",
          "arn:aws:iam::111122223333:group/admins",
          "arn:aws:iam::*:role/deployer",
          "AROAEXAMPLEID1234567",
          "alice"
        ],
        "Service": ["ecs-tasks.amazonaws.com", "*.amazonaws.com", "arn:aws:iam::aws:service/lambda"],
        "CanonicalUser": "not-a-canonical-id"
      },
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::reports/*"
    }
  ]
}`,
      errors: [
        { messageId: 'groupPrincipal', line: 11, column: 11, endLine: 11, endColumn: 51 },
        { messageId: 'unsupportedWildcard', line: 12, column: 11, endLine: 12, endColumn: 41, data: { value: 'arn:aws:iam::*:role/deployer' } },
        { messageId: 'uniqueId', line: 13, column: 11, endLine: 13, endColumn: 33 },
        { messageId: 'invalidAws', line: 14, column: 11, endLine: 14, endColumn: 18, data: { value: 'alice' } },
        { messageId: 'unsupportedWildcard', line: 16, column: 48, endLine: 16, endColumn: 65 },
        { messageId: 'invalidService', line: 16, column: 67, endLine: 16, endColumn: 100 },
        { messageId: 'invalidCanonicalUser', line: 17, column: 26, endLine: 17, endColumn: 46 },
      ],
    },
    {
      kind: 'trust',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
      "Action": "sts:AssumeRole"
    },
    {
      "Effect": "Allow",
      "Principal": {"Federated": ["arn:aws:iam::111122223333:saml-provider/okta", "okta.example.com"]},
      "Action": "sts:AssumeRoleWithSAML"
    }
  ]
}`,
      errors: [
        { messageId: 'actionMismatch', line: 6, column: 34, endLine: 6, endColumn: 111, data: { needed: 'sts:AssumeRoleWithWebIdentity', actions: '`sts:AssumeRole`' } },
        { messageId: 'invalidFederated', line: 11, column: 83, endLine: 11, endColumn: 101, data: { value: 'okta.example.com' } },
      ],
    },
  ],
});
