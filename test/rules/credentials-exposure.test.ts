import { describe, expect, it } from 'vitest';
import credentialsExposure from '../../rules/credentials-exposure.js';
import { getCatalog } from '../../src/catalog/index.js';
import { CREDENTIALS_EXPOSURE_ACTIONS } from '../../src/lint/privesc.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

describe('credentials-exposure data', () => {
  it('names only actions the catalog knows, in its case', () => {
    const catalog = getCatalog();
    expect(CREDENTIALS_EXPOSURE_ACTIONS.filter((a) => catalog.action(a)?.id !== a)).toEqual([]);
  });
});

// checkov issues #988 and #1815: ecr:GetAuthorizationToken supports no resource-level permissions, so `*` is normal.
// https://docs.aws.amazon.com/AmazonECR/latest/userguide/security-iam-awsmanpol.html
ruleTester.run(credentialsExposure, {
  valid: [
    { name: 'registry token on *', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "sts:GetSessionToken"], "Resource": "*"}]}` },
    { name: 'own access keys', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::111122223333:user/\${aws:username}"}]}` },
    { name: 'assume roles of one path', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/deploy/*"}]}` },
    { name: 'with a condition', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceOrgID": "o-a1b2c3d4e5"}}}]}` },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Keys", "Effect": "Allow", "Action": ["iam:CreateAccessKey", "ecr:GetAuthorizationToken", "sts:AssumeRole"], "Resource": "*"}
  ]
}`,
      errors: [
        { messageId: 'exposes', line: 4, column: 51, endLine: 4, endColumn: 72, data: { sid: '`Keys`', actions: '`iam:CreateAccessKey`' } },
        { messageId: 'exposes', line: 4, column: 103, endLine: 4, endColumn: 119, data: { actions: '`sts:AssumeRole`' } },
      ],
    },
    {
      name: 'wildcard on an every-resource ARN',
      code: `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "iam:*LoginProfile", "Resource": "arn:aws:iam::*:*"}]
}`,
      errors: [{ messageId: 'exposes', line: 3, column: 47, endLine: 3, endColumn: 66, data: { actions: '`iam:CreateLoginProfile`, `iam:UpdateLoginProfile`' } }],
    },
  ],
});
