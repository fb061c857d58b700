/**
 * One fixture pair per construct (`fixtures/diff/<construct>/{old,new}.json`) and its expected verdict. Witnesses
 * are checked by evaluation — `authorize` must allow them under the new policy and not under the old one — never by
 * comparing strings, since many witnesses are valid.
 * Semantics: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkNoNewAccess, type DiffPolicyType } from '../../src/diff/index.js';
import { authorize } from '../../src/engine/authorize.js';
import { compilePolicySet } from '../../src/engine/compile.js';
import { matchAction } from '../../src/engine/action.js';
import { parsePolicy } from '../../src/policy/index.js';
import type { NormalizedPolicy, PolicyKind } from '../../src/policy/types.js';

const ROOT = join(import.meta.dirname, '../../fixtures/diff');

function load(construct: string, which: 'old' | 'new', kind: PolicyKind): NormalizedPolicy {
  const path = join(ROOT, construct, `${which}.json`);
  return parsePolicy(readFileSync(path, 'utf8'), { kind, path: `fixtures/diff/${construct}/${which}.json` }).policy!;
}

interface Case {
  construct: string;
  policyType?: DiffPolicyType;
  /** The documents' kind when it is not the policy type (SCPs). */
  kind?: PolicyKind;
  result: 'PASS' | 'FAIL';
  exact: boolean;
  /** New statement indexes responsible for the new access. */
  reasons?: number[];
  /** The witness action must match this pattern (checked with the engine's matcher). */
  action?: string;
  /** Keys the witness must leave absent. */
  absentKeys?: string[];
}

const CASES: Case[] = [
  { construct: 'action-wildcard-widened', result: 'FAIL', exact: true, reasons: [0], action: 's3:*' },
  { construct: 'action-wildcard-narrowed', result: 'PASS', exact: true },
  { construct: 'action-question-mark', result: 'FAIL', exact: true, reasons: [0], action: 's3:?etObject' },
  { construct: 'action-case-insensitive', result: 'PASS', exact: true },
  { construct: 'not-action-narrowed-exclusion', result: 'FAIL', exact: true, reasons: [0], action: 'organizations:*' },
  { construct: 'not-action-wider-exclusion', result: 'PASS', exact: true },
  { construct: 'resource-wildcard-crosses-slash', result: 'FAIL', exact: true, reasons: [0] },
  { construct: 'resource-bucket-prefix', result: 'FAIL', exact: true, reasons: [0] },
  { construct: 'resource-question-mark', result: 'FAIL', exact: true, reasons: [0] },
  { construct: 'not-resource-deny', result: 'FAIL', exact: true, reasons: [0, 1], action: 's3:*' },
  { construct: 'resource-region-wildcard', result: 'FAIL', exact: true, reasons: [0] },
  { construct: 'deny-added', result: 'PASS', exact: true },
  { construct: 'allow-removed', result: 'PASS', exact: true },
  { construct: 'deny-narrowed', result: 'FAIL', exact: true, reasons: [0, 1], action: 's3:Delete*' },
  { construct: 'statements-merged', result: 'PASS', exact: true },
  { construct: 'string-equals-to-like', result: 'FAIL', exact: true, reasons: [0] },
  { construct: 'string-not-equals-absent-key', result: 'FAIL', exact: true, reasons: [0], absentKeys: ['aws:PrincipalTag/team'] },
  { construct: 'if-exists-widens', result: 'FAIL', exact: true, reasons: [0], absentKeys: ['s3:x-amz-acl'] },
  { construct: 'ignore-case-widens', result: 'FAIL', exact: true, reasons: [0] },
  { construct: 'condition-added', result: 'PASS', exact: true },
  { construct: 'bool-condition-removed', result: 'FAIL', exact: true, reasons: [0] },
  { construct: 'numeric-boundary', result: 'FAIL', exact: true, reasons: [0] },
  { construct: 'numeric-tightened', result: 'PASS', exact: true },
  { construct: 'ip-range-narrowed', result: 'PASS', exact: true },
  { construct: 'ip-range-widened', result: 'FAIL', exact: true, reasons: [0] },
  // NotIpAddress is true when aws:SourceIp is absent, exactly as NotIpAddressIfExists is: no change.
  { construct: 'not-ip-deny-absent-key', result: 'PASS', exact: true },
  { construct: 'null-condition-removed', result: 'FAIL', exact: true, reasons: [0], absentKeys: ['aws:MultiFactorAuthAge'] },
  { construct: 'arn-like-widened', result: 'FAIL', exact: true, reasons: [0] },
  { construct: 'date-condition-unchanged', result: 'PASS', exact: false },
  { construct: 'date-condition-extended', result: 'FAIL', exact: false, reasons: [0] },
  { construct: 'set-operator-unchanged', result: 'PASS', exact: false },
  { construct: 'set-operator-widened', result: 'FAIL', exact: false, reasons: [0] },
  { construct: 'policy-variable-unchanged', result: 'PASS', exact: false },
  { construct: 'policy-variable-widened', result: 'FAIL', exact: false, reasons: [0] },
  // SCPs may leave out Resource; the diff reads them as the engine does, with everything else allowed.
  { construct: 'scp-region-guard-widened', kind: 'scp', result: 'FAIL', exact: true, reasons: [0, 1] },
  { construct: 'principal-account-to-everyone', policyType: 'resource', result: 'FAIL', exact: true, reasons: [0] },
  { construct: 'principal-role-narrowed', policyType: 'resource', result: 'PASS', exact: true },
  { construct: 'principal-service-added', policyType: 'resource', result: 'FAIL', exact: true, reasons: [0] },
  { construct: 'principal-condition-source-arn', policyType: 'resource', result: 'FAIL', exact: true, reasons: [0] },
];

describe('fixtures/diff', () => {
  test.each(CASES)('$construct: $result (exact: $exact)', (c) => {
    const policyType = c.policyType ?? 'identity';
    const oldPolicy = load(c.construct, 'old', c.kind ?? policyType);
    const newPolicy = load(c.construct, 'new', c.kind ?? policyType);
    const result = checkNoNewAccess(oldPolicy, newPolicy, { policyType });
    expect(result.result).toBe(c.result);
    expect(result.exact).toBe(c.exact);
    if (c.result === 'PASS') {
      expect(result.witnesses).toEqual([]);
      expect(result.reasons).toEqual([]);
      return;
    }
    expect(result.reasons.map((r) => r.statementIndex)).toEqual(c.reasons);
    for (const r of result.reasons) expect(r.span.start.line).toBeGreaterThan(1);
    expect(result.witnesses.length).toBeGreaterThan(0);
    const allowAll = parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', { kind: 'identity' }).policy!;
    const set = (p: NormalizedPolicy) =>
      policyType === 'resource' ? compilePolicySet({ identity: [allowAll], resource: p }) : p.kind === 'scp' ? compilePolicySet({ identity: [allowAll], scps: [[p]] }) : compilePolicySet({ identity: [p] });
    for (const w of result.witnesses) {
      const holds = authorize(w.request, set(newPolicy)).decision === 'allowed' && authorize(w.request, set(oldPolicy)).decision !== 'allowed';
      expect(w.confirmed).toBe(holds);
      if (c.exact) expect(holds).toBe(true);
      if (c.action) expect(matchAction(c.action, w.request.action)).toBe(true);
      for (const key of c.absentKeys ?? []) {
        expect(w.absentKeys).toContain(key);
        expect(Object.keys(w.request.context ?? {})).not.toContain(key);
      }
      expect(w.newDecision.decision).toBe('allowed');
      expect(w.newDecision.determining.length).toBeGreaterThan(0);
      expect(w.oldDecision.statements.filter((s) => s.effect === 'Allow').every((s) => !s.applies || w.oldDecision.decision === 'explicitDeny')).toBe(true);
    }
  });
});
