import { defineRule } from '../src/lint/rule.js';
import { keySpan, statementLabel } from '../src/lint/rule-helpers.js';
import type { Statement } from '../src/policy/types.js';

/** A Deny that reaches a whole service or more: `NotAction`, `*`, or `service:*`. */
function broadAction(statement: Statement): string | undefined {
  if (statement.notActions) return 'NotAction';
  return statement.actions?.find((a) => a.value === '*' || /^[^:]+:\*$/.test(a.value))?.value;
}

/** A condition that can exempt some principals: any `aws:Principal…` key (`aws:PrincipalArn`, `aws:PrincipalTag/…`) or `aws:userid`. */
function exemptsPrincipals(statement: Statement): boolean {
  return statement.conditions.some((c) => {
    const key = c.key.value.toLowerCase();
    return key.startsWith('aws:principal') || key === 'aws:userid';
  });
}

export default defineRule({
  name: 'scp-missing-break-glass',
  meta: {
    type: 'suggestion',
    severity: 'info',
    recommended: true,
    appliesTo: ['scp'],
    docs: { description: 'Suggest an `aws:PrincipalArn` exemption (a break-glass or automation role) on broad SCP Deny statements' },
    messages: {
      noExemption: 'Statement {{sid}} denies `{{action}}` in every account it is attached to, with no condition on `aws:PrincipalArn` (or another `aws:Principal…` key) to exempt a break-glass role.',
    },
    schema: [],
    defaultOptions: [],
    sources: [{ tool: 'iamcheck-catalog', id: 'scp-missing-break-glass' }],
  },
  create(context) {
    return {
      Statement(statement) {
        if (statement.effect.value !== 'Deny' || exemptsPrincipals(statement)) return;
        const action = broadAction(statement);
        if (!action) return;
        // INVARIANT: broadAction returned an entry of `actions` unless the statement has NotAction.
        const span = statement.notActions ? keySpan(context.document, statement, 'NotAction') : statement.actions!.find((a) => a.value === action)!.span;
        context.report({
          messageId: 'noExemption',
          span,
          data: { sid: statementLabel(statement), action },
          notes: ['An SCP binds every principal of the member accounts, administrators included: a mistaken or outdated Deny then has no way around it but editing the SCP from the management account.'],
          help: 'Add `"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/BreakGlass"}` (your emergency or automation role) to the Condition.',
        });
      },
    };
  },
});
