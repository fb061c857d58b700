// Privilege escalation across the policies of one principal (research: cloudsplaining #188): each policy alone is
// harmless, together they escalate.
import { describe, expect, it } from 'vitest';
import { findPrivilegeEscalation } from '../../src/lint/privesc.js';
import { parsePolicy } from '../../src/policy/index.js';
import type { NormalizedPolicy } from '../../src/policy/types.js';

function policy(name: string, text: string, kind: 'identity' | 'boundary' = 'identity'): NormalizedPolicy {
  const parsed = parsePolicy(text, { kind, name, path: `${name}.json` }).policy;
  if (!parsed) throw new Error(`${name} does not parse`);
  return parsed;
}

const passRole = policy('pass-any-role', `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}`);
const runInstances = policy('ec2-operator', `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:RunInstances", "ec2:Describe*"], "Resource": "*"}]}`);

describe('findPrivilegeEscalation', () => {
  it('finds a method split across two policies and marks it cross-policy', () => {
    const found = findPrivilegeEscalation([passRole, runInstances]);
    expect(found.map((f) => [f.method.name, f.crossPolicy, f.grants.map((g) => `${g.action}@${g.policy.name}`)])).toEqual([
      ['CreateEC2WithExistingIP', true, ['iam:PassRole@pass-any-role', 'ec2:RunInstances@ec2-operator']],
    ]);
  });
  it('finds nothing in either policy alone', () => {
    expect(findPrivilegeEscalation([passRole])).toEqual([]);
    expect(findPrivilegeEscalation([runInstances])).toEqual([]);
  });
  it('respects a Deny in another policy', () => {
    const deny = policy('deny-pass', `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:Pass*", "Resource": "*"}]}`);
    expect(findPrivilegeEscalation([passRole, runInstances, deny])).toEqual([]);
  });
  it('respects a permissions boundary that does not allow an action', () => {
    const boundary = policy('boundary', `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:*", "s3:*"], "Resource": "*"}]}`, 'boundary');
    expect(findPrivilegeEscalation([passRole, runInstances], { boundary })).toEqual([]);
    const wide = policy('wide', `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`, 'boundary');
    expect(findPrivilegeEscalation([passRole, runInstances], { boundary: wide }).map((f) => f.method.name)).toEqual(['CreateEC2WithExistingIP']);
  });
});
