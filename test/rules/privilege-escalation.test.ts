import { describe, expect, it } from 'vitest';
import privilegeEscalation from '../../rules/privilege-escalation.js';
import { getCatalog } from '../../src/catalog/index.js';
import { PRIVILEGE_ESCALATION_METHODS } from '../../src/lint/privesc.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// Methods: ../shared/research/lint-checks.md §8 (cloudsplaining PRIVILEGE_ESCALATION_METHODS, Rhino Security Labs,
// pathfinding.cloud). https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
describe('privilege-escalation data', () => {
  it('has the 59 methods of the research, each with a distinct name', () => {
    expect(PRIVILEGE_ESCALATION_METHODS.length).toBe(59);
    expect(new Set(PRIVILEGE_ESCALATION_METHODS.map((m) => m.name)).size).toBe(59);
  });
  it('names only actions the catalog knows, in its case', () => {
    const catalog = getCatalog();
    const wrong = PRIVILEGE_ESCALATION_METHODS.flatMap((m) => m.actions).filter((a) => catalog.action(a)?.id !== a);
    expect(wrong).toEqual([]);
  });
});

ruleTester.run(privilegeEscalation, {
  valid: [
    {
      name: 'PassRole scoped to one role',
      code: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"},
  {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/web-instance"}]}`,
    },
    {
      name: 'a condition constrains the grant',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "*",
  "Condition": {"StringEquals": {"aws:ResourceTag/team": "platform"}}}]}`,
    },
    {
      name: 'self-service access keys',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:CreateAccessKey", "iam:DeleteAccessKey"], "Resource": "arn:aws:iam::111122223333:user/\${aws:username}"}]}`,
    },
    {
      name: 'an unconditional Deny removes the only escalating action',
      code: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["lambda:UpdateFunctionCode", "lambda:GetFunction"], "Resource": "*"},
  {"Effect": "Deny", "Action": "lambda:Update*", "Resource": "*"}]}`,
    },
    {
      name: 'one action of a two-action method is missing',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["cloudformation:CreateChangeSet", "cloudformation:Describe*"], "Resource": "*"}]}`,
    },
    {
      name: 'ignoreMethods',
      options: [{ ignoreMethods: ['EditExistingLambdaFunctionWithRole'] }],
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "lambda:UpdateFunctionCode", "Resource": "*"}]}`,
    },
  ],
  invalid: [
    {
      name: 'PassRole and RunInstances in two statements',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Deploy", "Effect": "Allow", "Action": ["ec2:RunInstances", "ec2:Describe*"], "Resource": "*"},
    {"Sid": "Pass", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}
  ]
}`,
      errors: [{ messageId: 'method', line: 4, column: 53, endLine: 4, endColumn: 71, data: { sid: '`Deploy`', method: 'CreateEC2WithExistingIP', actions: '`iam:PassRole`, `ec2:RunInstances`' } }],
    },
    {
      name: 'iam:* with most methods denied',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
    {"Effect": "Deny", "Action": ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:Put*", "iam:Attach*", "iam:AddUserToGroup", "iam:UpdateAssumeRolePolicy", "iam:SetDefaultPolicyVersion"], "Resource": "*"}
  ]
}`,
      errors: [{ messageId: 'method', line: 4, column: 35, endLine: 4, endColumn: 42, data: { method: 'CreateNewPolicyVersion', actions: '`iam:CreatePolicyVersion`' } }],
    },
    {
      name: 'wildcards and NotResource',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["codebuild:*", "iam:Pass*"], "NotResource": "arn:aws:iam::111122223333:role/admin"}
  ]
}`,
      errors: [
        { messageId: 'method', line: 4, column: 36, endLine: 4, endColumn: 49, data: { method: 'PassExistingRoleToNewCodeBuildProjectThenBuild' } },
        { messageId: 'method', line: 4, column: 36, endLine: 4, endColumn: 49, data: { method: 'PassExistingRoleToNewCodeBuildProjectThenBuildBatch' } },
      ],
    },
    {
      name: 'administrator access: one finding, not 59',
      code: `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
}`,
      errors: [{ messageId: 'everyAction', line: 3, column: 47, endLine: 3, endColumn: 50, data: { via: '*', count: 59 } }],
    },
  ],
});
