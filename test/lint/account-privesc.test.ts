// Privilege escalation across all the policies of a principal: methods that only the combination of a principal's
// policies allows (https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/, pathfinding.cloud
// iam-016; permissions boundaries: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readAccountFiles } from '../../src/account/read.js';
import { accountPrivilegeEscalationFindings, findAccountPrivilegeEscalation } from '../../src/lint/account-privesc.js';

const dump = fileURLToPath(new URL('../../fixtures/lint/account/escalation-dump.json', import.meta.url));

describe('findAccountPrivilegeEscalation', () => {
  it('finds each method that only the combination of a principal\'s policies allows', async () => {
    const account = await readAccountFiles([dump]);
    const found = findAccountPrivilegeEscalation(account).map((e) => ({
      principal: e.principal.arn,
      method: e.escalation.method.name,
      policies: e.policies.map((p) => `${p.policy.name} (${p.via})`),
    }));
    expect(found).toEqual([
      // CreateNewPolicyVersion (iam:CreatePolicyVersion alone) is in the group policy alone: the per-document rule reports it.
      { principal: 'arn:aws:iam::111122223333:user/dana', method: 'CreatePolicyVersionThenAssumeRole', policies: ['ManagePolicies (group platform inline)', 'AssumeAnyRole (inline)'] },
      // erin has the same policies, but her permissions boundary does not allow iam:CreatePolicyVersion; frank's policies do not combine.
      { principal: 'arn:aws:iam::111122223333:role/builder', method: 'CreateEC2WithExistingIP', policies: ['PassAnyRole (managed)', 'LaunchInstances (inline)'] },
    ]);
  });
});

describe('accountPrivilegeEscalationFindings', () => {
  it('positions each finding on the first granting action, in the dump, naming principal, method and policies', async () => {
    const account = await readAccountFiles([dump]);
    const findings = accountPrivilegeEscalationFindings(account);
    expect(findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, file: f.file, start: [f.span.start.line, f.span.start.column], end: [f.span.end.line, f.span.end.column] }))).toEqual([
      { ruleId: 'privilege-escalation', severity: 'error', file: dump, start: [111, 43], end: [111, 68] },
      { ruleId: 'privilege-escalation', severity: 'error', file: dump, start: [221, 43], end: [221, 57] },
    ]);
    expect(findings[0].message).toBe(
      'User `arn:aws:iam::111122223333:user/dana` can escalate privileges by `CreatePolicyVersionThenAssumeRole` (`iam:CreatePolicyVersion`, `sts:AssumeRole`) through the combination of its policies `ManagePolicies` (group platform inline) and `AssumeAnyRole` (inline); no single policy allows it.',
    );
    expect(findings[1].notes?.[0]).toBe('Granted: `iam:PassRole` by `iam:PassRole` in `PassAnyRole` (managed) statement `PassRoles`; `ec2:RunInstances` by `ec2:RunInstances` in `LaunchInstances` (inline) statement `RunInstances`.');
    expect(accountPrivilegeEscalationFindings(account, { severity: 'warning' }).map((f) => f.severity)).toEqual(['warning', 'warning']);
  });
});
