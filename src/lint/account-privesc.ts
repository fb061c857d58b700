// Privilege escalation across all the identity policies of a principal (issue 4, "when an account model is given —
// across all policies of a principal"; cloudsplaining #188). A per-document lint sees one policy at a time: a user
// whose group policy allows `iam:CreatePolicyVersion` and whose inline policy allows `iam:UpdateAssumeRolePolicy`
// has a method that neither document shows. Pure: an Account in, Findings out.
import type { Finding, Severity } from '../core/finding.js';
import { identityPoliciesOf, isServiceLinkedRole, listPrincipals, permissionBoundaryOf, type Account, type AttachedPolicy, type Principal } from '../account/model.js';
import type { NormalizedPolicy } from '../policy/types.js';
import { findPrivilegeEscalation, methodSource, type PolicyGrant, type PrincipalEscalation } from './privesc.js';
import { statementLabel } from './rule-helpers.js';

/** The rule id the findings carry: the same check as the per-document rule, seen across documents. */
export const ACCOUNT_PRIVESC_RULE_ID = 'privilege-escalation';

/** A method a principal has only through the combination of several of its policies. */
export interface AccountEscalation {
  principal: Principal;
  escalation: PrincipalEscalation;
  /** The attached policies that grant the method's actions, in the order of the method's actions, once each. */
  policies: AttachedPolicy[];
}

export interface AccountPrivescOptions {
  /** Severity of the findings (default `error`, as the `privilege-escalation` rule). */
  severity?: Severity;
}

/**
 * For each user and role of the account (service-linked roles left out: only their service can use them), the
 * privilege-escalation methods that its identity policies allow together but that no single one of them allows
 * alone (those the per-document `privilege-escalation` rule already reports). The permissions boundary, when it
 * can be read, caps every policy alike.
 */
export function findAccountPrivilegeEscalation(account: Account): AccountEscalation[] {
  const out: AccountEscalation[] = [];
  for (const principal of listPrincipals(account)) {
    if (principal.type === 'role' && isServiceLinkedRole(principal.role)) continue;
    const { policies } = identityPoliciesOf(account, principal);
    if (policies.length < 2) continue;
    const boundary = permissionBoundaryOf(account, principal).policy;
    const options = boundary ? { boundary } : {};
    const combined = findPrivilegeEscalation(policies.map((p) => p.policy), options);
    if (combined.length === 0) continue;
    const single = new Set<string>();
    for (const attached of policies) for (const e of findPrivilegeEscalation([attached.policy], options)) single.add(e.method.name);
    for (const escalation of combined) {
      if (single.has(escalation.method.name)) continue;
      const used: AttachedPolicy[] = [];
      for (const grant of escalation.grants) {
        const attached = policies.find((p) => p.policy === grant.policy);
        if (attached && !used.includes(attached)) used.push(attached);
      }
      out.push({ principal, escalation, policies: used });
    }
  }
  return out;
}

/** `` `Deploy` (group developers inline) `` — how a message names an attached policy. */
function policyLabel(attached: AttachedPolicy): string {
  return `\`${attached.policy.name}\` (${attached.via})`;
}

/** The grant a finding points at: the first action's, unless that policy is not in an account file (AWS managed from the catalog). */
function anchorGrant(escalation: PrincipalEscalation, files: readonly string[]): PolicyGrant {
  return escalation.grants.find((g) => files.includes(g.policy.file)) ?? escalation.grants[0];
}

/**
 * The escalations of `findAccountPrivilegeEscalation` as Findings, each on the first action that grants the method,
 * in that policy's file, naming the principal, the method and the policies.
 */
export function accountPrivilegeEscalationFindings(account: Account, options: AccountPrivescOptions = {}): Finding[] {
  return findAccountPrivilegeEscalation(account).map(({ principal, escalation, policies }) => {
    const anchor = anchorGrant(escalation, account.files);
    const actions = escalation.method.actions.map((a) => `\`${a}\``).join(', ');
    const granted = escalation.grants.map((g) => `\`${g.action}\` by \`${g.grant.via}\` in ${policyName(g.policy, policies)} statement ${statementLabel(g.grant.statement)}`);
    return {
      ruleId: ACCOUNT_PRIVESC_RULE_ID,
      severity: options.severity ?? 'error',
      message: `${principal.type === 'user' ? 'User' : 'Role'} \`${principal.arn}\` can escalate privileges by \`${escalation.method.name}\` (${actions}) through the combination of its policies ${policies.map(policyLabel).join(' and ')}; no single policy allows it.`,
      file: anchor.policy.file,
      span: anchor.grant.span,
      notes: [`Granted: ${granted.join('; ')}.`, `Each policy looks harmless alone; together they let the principal give itself more access. Source: ${methodSource(escalation.method)}.`],
      help: 'Scope one of these actions to the resources it needs (not `*`), add a Condition, or move it out of this principal\'s policies.',
    };
  });
}

function policyName(policy: NormalizedPolicy, attached: readonly AttachedPolicy[]): string {
  const found = attached.find((a) => a.policy === policy);
  return found ? policyLabel(found) : `\`${policy.name}\``;
}
