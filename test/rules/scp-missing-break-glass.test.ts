import scpMissingBreakGlass from '../../rules/scp-missing-break-glass.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html
ruleTester.run(scpMissingBreakGlass, {
  valid: [
    {
      name: 'region guardrail with an aws:PrincipalARN exemption (any case)',
      kind: 'scp',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": ["iam:*"], "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}, "ArnNotLike": {"aws:PrincipalARN": "arn:aws:iam::*:role/BreakGlass"}}}]}`,
    },
    { name: 'exemption by principal tag', kind: 'scp', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "ec2:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "platform"}}}]}` },
    { name: 'a narrow Deny', kind: 'scp', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}` },
    { name: 'Allow statements', kind: 'scp', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}` },
    { name: 'not an SCP', kind: 'identity', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "ec2:*", "Resource": "*"}]}` },
  ],
  invalid: [
    {
      kind: 'scp',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "OnlyEU", "Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}},
    {"Effect": "Deny", "Action": ["s3:GetObject", "ec2:*"], "Resource": "*"}
  ]
}`,
      errors: [
        { messageId: 'noExemption', line: 4, column: 41, endLine: 4, endColumn: 52, data: { sid: '`OnlyEU`', action: 'NotAction' } },
        { messageId: 'noExemption', line: 5, column: 51, endLine: 5, endColumn: 58, data: { sid: '#2', action: 'ec2:*' } },
      ],
    },
  ],
});
