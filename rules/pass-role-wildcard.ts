import { compileWildcard } from '../src/core/wildcard.js';
import { defineRule } from '../src/lint/rule.js';
import { isEveryRole, keySpan, statementLabel } from '../src/lint/rule-helpers.js';
import type { Statement } from '../src/policy/types.js';

/** True when an action pattern of the statement covers `action` (IAM action names are case-insensitive). */
function grants(statement: Statement, action: string): { how: 'action' | 'wildcard' | 'notAction'; pattern?: string } | undefined {
  if (statement.notActions) {
    return statement.notActions.some((a) => compileWildcard(a.value, true).matches(action)) ? undefined : { how: 'notAction' };
  }
  for (const a of statement.actions ?? []) {
    if (!compileWildcard(a.value, true).matches(action)) continue;
    return { how: a.value.toLowerCase() === action.toLowerCase() ? 'action' : 'wildcard', pattern: a.value };
  }
  return undefined;
}

export default defineRule({
  name: 'pass-role-wildcard',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    // A boundary or session policy that allows PassRole on `*` caps nothing, but grants nothing either.
    appliesTo: ['identity'],
    docs: { description: 'Disallow `iam:PassRole` on every role (`Resource: "*"` or `NotResource`)' },
    messages: {
      starResource: 'Statement {{sid}} allows `iam:PassRole` (through `{{action}}`) on every role with `{{resource}}`.',
      notResource: 'Statement {{sid}} allows `iam:PassRole` (through `{{action}}`) on every role not listed in `NotResource`.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'PASS_ROLE_WITH_STAR_IN_RESOURCE' },
      { tool: 'access-analyzer', id: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE' },
      { tool: 'access-analyzer', id: 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION' },
      { tool: 'access-analyzer', id: 'PASS_ROLE_WITH_NOT_RESOURCE' },
      { tool: 'access-analyzer', id: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE' },
      { tool: 'access-analyzer', id: 'PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE' },
      { tool: 'kics', id: 'IAM Role Policy passRole Allows All' },
      { tool: 'trivy', id: 'AWS-0342' },
      { tool: 'cfn-nag', id: 'F38' },
      { tool: 'cfn-nag', id: 'F39' },
      { tool: 'iamcheck-catalog', id: 'passrole-unrestricted' },
    ],
  },
  create(context) {
    const notes = ['Whoever can pass any role can hand an administrator role to a service (EC2, Lambda, CloudFormation…) they control, and act with its permissions.'];
    const help = 'List the ARNs of the roles this principal may pass, and add an `iam:PassedToService` condition.';
    return {
      Statement(statement) {
        if (statement.effect.value !== 'Allow') return;
        const granted = grants(statement, 'iam:PassRole');
        if (!granted) return;
        const action = granted.how === 'notAction' ? 'NotAction' : granted.pattern!;
        const sid = statementLabel(statement);
        if (statement.notResources) {
          const excluded = statement.notResources.some((r) => compileWildcard(r.value).matches('arn:aws:iam::111122223333:role/any') && r.value.includes('role/'));
          if (excluded) return;
          context.report({ messageId: 'notResource', span: keySpan(context.document, statement, 'NotResource'), data: { sid, action }, notes, help });
          return;
        }
        for (const resource of statement.resources ?? []) {
          if (!isEveryRole(resource.value)) continue;
          context.report({ messageId: 'starResource', span: resource.span, data: { sid, action, resource: resource.value }, notes, help });
        }
      },
    };
  },
});
