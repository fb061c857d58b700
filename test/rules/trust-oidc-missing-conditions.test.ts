import trustOidcMissingConditions from '../../rules/trust-oidc-missing-conditions.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
// https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
// Deploy failures O2 and K26 of ../shared/research/deploy-failures.md: a `*` under StringEquals.
ruleTester.run(trustOidcMissingConditions, {
  valid: [
    {
      name: 'GitHub: one repository, one branch',
      kind: 'trust',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity",
  "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:example-org/api:*"}}}]}`,
    },
    {
      name: 'EKS service account',
      kind: 'trust',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"}, "Action": "sts:AssumeRoleWithWebIdentity",
  "Condition": {"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud": "sts.amazonaws.com", "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub": "system:serviceaccount:web:web-app"}}}]}`,
    },
    {
      name: 'Cognito identity pool',
      kind: 'trust',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity",
  "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "eu-west-1:12345678-abcd-abcd-abcd-123456789012"}}}]}`,
    },
    { name: 'SAML is not OIDC', kind: 'trust', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/corp"}, "Action": "sts:AssumeRoleWithSAML", "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}` },
  ],
  invalid: [
    {
      name: 'GitHub: no sub; a sub with any repository of the organization',
      kind: 'trust',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}},
    {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:example-org/*"}}}
  ]
}`,
      errors: [
        { messageId: 'missingSub', line: 4, column: 52, endLine: 4, endColumn: 129, data: { provider: 'token.actions.githubusercontent.com' } },
        { messageId: 'githubWildcardRepo', line: 9, column: 79, endLine: 9, endColumn: 99, data: { repo: 'example-org/*' } },
      ],
    },
    {
      name: 'EKS: wildcard under StringEquals, no aud; a provider with no conditions',
      kind: 'trust',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"},
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": {
          "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub": "system:serviceaccount:crossplane-system:provider-aws-*"
        }
      }
    },
    {
      "Effect": "Allow",
      "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/auth.example.com"},
      "Action": "sts:AssumeRoleWithWebIdentity"
    }
  ]
}`,
      errors: [
        { messageId: 'missingAud', line: 6, column: 34, endLine: 6, endColumn: 144 },
        { messageId: 'wildcardWithEquals', line: 10, column: 87, endLine: 10, endColumn: 143, data: { operator: 'StringEquals' } },
        { messageId: 'missingBoth', line: 16, column: 34, endLine: 16, endColumn: 92, data: { provider: 'auth.example.com' } },
      ],
    },
    {
      name: 'claim key written with the provider ARN (karpenter#1666)',
      kind: 'trust',
      code: `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123"}, "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {"StringEquals": {"arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub": "system:serviceaccount:a:b"}}}]
}`,
      errors: [
        { messageId: 'missingBoth', line: 3, column: 64, endLine: 3, endColumn: 148 },
        { messageId: 'arnInKey', line: 4, column: 36, endLine: 4, endColumn: 124, data: { expected: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub' } },
      ],
    },
    {
      name: 'EKS: any namespace',
      kind: 'trust',
      code: `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123"}, "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/ABC123:aud": "sts.amazonaws.com"}, "StringLike": {"oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub": "system:serviceaccount:*:builder"}}}]
}`,
      errors: [{ messageId: 'eksWildcardNamespace', line: 4, column: 173, endLine: 4, endColumn: 206, data: { namespace: '*' } }],
    },
  ],
});
