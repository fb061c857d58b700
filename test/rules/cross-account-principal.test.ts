import crossAccountPrincipal from '../../rules/cross-account-principal.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
ruleTester.run(crossAccountPrincipal, {
  valid: [
    { name: 'own account, known from the resource ARN', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:orders"}]}` },
    { name: 'no own account known: silent', kind: 'trust', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole"}]}` },
    {
      name: 'external ID',
      kind: 'trust',
      options: [{ trustedAccounts: ['111122223333'] }],
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/deployer"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "7f3c1e2a-deploy-9b41"}}}]}`,
    },
    { name: 'trusted account', kind: 'trust', options: [{ trustedAccounts: ['444455556666'] }], code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole"}]}` },
    { name: 'organization condition', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:orders", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]}` },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:role/app", "arn:aws:iam::444455556666:root"]},
      "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:orders"}
  ]
}`,
      errors: [{ messageId: 'resource', line: 4, column: 85, endLine: 4, endColumn: 117, data: { account: '444455556666' } }],
    },
    {
      name: 'trust policy with trustedAccounts',
      kind: 'trust',
      options: [{ trustedAccounts: ['111122223333'] }],
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole"}
  ]
}`,
      errors: [{ messageId: 'trust', line: 4, column: 46, endLine: 4, endColumn: 60, data: { sid: '#1', account: '444455556666' } }],
    },
  ],
});
