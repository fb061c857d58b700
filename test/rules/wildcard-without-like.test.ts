import wildcardWithoutLike from '../../rules/wildcard-without-like.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
ruleTester.run(wildcardWithoutLike, {
  valid: [
    // A wildcard in an OIDC `:sub` under StringEquals in a trust policy is trust-oidc-missing-conditions' finding, not a second one here.
    { kind: 'trust', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:org/app:*"}}}]}` },
    { code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "2026/*"}, "StringEquals": {"s3:prefix": "a/\${*}"}, "ArnEquals": {"aws:SourceArn": "arn:aws:sns:*:*:t"}}}]}` },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::reports",
      "Condition": {
        "StringEquals": {"s3:prefix": ["2026/*", "2027/\${*}"]},
        "StringNotEqualsIgnoreCase": {"aws:PrincipalTag/team": "ops?"},
        "StringLike": {"s3:delimiter": "*"},
        "ArnEquals": {"aws:SourceArn": "arn:aws:sns:*:*:t"}
      }
    }
  ]
}`,
      errors: [
        { messageId: 'literalWildcard', line: 9, column: 40, endLine: 9, endColumn: 48, data: { operator: 'StringEquals', value: '2026/*', wildcard: '*' } },
        { messageId: 'literalWildcard', line: 10, column: 64, endLine: 10, endColumn: 70, data: { wildcard: '?' } },
      ],
    },
  ],
});
