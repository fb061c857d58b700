import trustAssumeAction from '../../rules/trust-assume-action.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
// https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html
ruleTester.run(trustAssumeAction, {
  valid: [
    { kind: 'trust', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/corp"}, "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"]}]}` },
    { kind: 'trust', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}` },
    { name: 'a wildcard covers the needed action', kind: 'trust', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole*"}]}` },
    { kind: 'trust', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"]}]}` },
  ],
  invalid: [
    {
      kind: 'trust',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "pods.eks.amazonaws.com"}, "Action": "sts:AssumeRole*"},
    {"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}
  ]
}`,
      errors: [
        { messageId: 'missingCompanion', line: 4, column: 50, endLine: 4, endColumn: 74, data: { missing: '`sts:TagSession`' } },
        { messageId: 'missingCompanion', line: 5, column: 50, endLine: 5, endColumn: 79, data: { missing: '`sts:SetSourceIdentity`' } },
      ],
    },
  ],
});
