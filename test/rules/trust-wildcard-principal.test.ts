import trustWildcardPrincipal from '../../rules/trust-wildcard-principal.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
ruleTester.run(trustWildcardPrincipal, {
  valid: [
    { kind: 'trust', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ci"}, "Action": "sts:AssumeRole"}]}` },
    {
      name: 'any principal of the organization',
      kind: 'trust',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]}`,
    },
  ],
  invalid: [
    {
      kind: 'trust',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"},
    {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "*"}}}
  ]
}`,
      errors: [
        { messageId: 'anyone', line: 4, column: 46, endLine: 4, endColumn: 49, data: { sid: '#1' } },
        { messageId: 'meaningless', line: 5, column: 102, endLine: 5, endColumn: 122, data: { sid: '#2', key: 'aws:PrincipalOrgID' } },
      ],
    },
    {
      name: 'an external ID alone does not narrow `*`',
      kind: 'trust',
      code: `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "abc-123-xyz"}}}]
}`,
      errors: [{ messageId: 'anyone', line: 3, column: 58, endLine: 3, endColumn: 61 }],
    },
  ],
});
