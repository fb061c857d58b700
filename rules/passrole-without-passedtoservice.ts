import { defineRule } from '../src/lint/rule.js';
import { isEveryRole, statementLabel } from '../src/lint/rule-helpers.js';
import { grantingElement } from '../src/lint/privesc.js';
import type { Statement } from '../src/policy/types.js';

/**
 * A Resource value that can name a role: an IAM (or wildcard-service) ARN whose resource part can start with
 * `role/` (`role/app-task`, `role/*`, `ro*`, `*`). Other ARNs (S3 objects, IAM users) never match a role.
 */
function mayNameRole(resource: string): boolean {
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !['iam', '*'].includes(parts[2])) return false;
  const rest = parts.slice(5).join(':');
  const wildcard = rest.search(/[*?]/);
  const literal = wildcard < 0 ? rest : rest.slice(0, wildcard);
  return literal.startsWith('role/') || (wildcard >= 0 && 'role/'.startsWith(literal));
}

/** True when a condition of the statement tests which service the role may be passed to. */
function limitsPassedToService(statement: Statement): boolean {
  return statement.conditions.some((c) => c.key.value.toLowerCase() === 'iam:passedtoservice' && !c.operator.value.toLowerCase().startsWith('null'));
}

export default defineRule({
  name: 'passrole-without-passedtoservice',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity'],
    docs: { description: 'Require an `iam:PassedToService` condition on `iam:PassRole` grants' },
    messages: {
      missingCondition: 'Statement {{sid}} allows `iam:PassRole` (through `{{action}}`) on `{{resource}}` to any service: it has no `iam:PassedToService` condition.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iam-policy-validator', id: 'action_condition_enforcement' },
      { tool: 'iamcheck-catalog', id: 'passrole-without-passedtoservice' },
    ],
  },
  create(context) {
    const notes = ['Without it, the role can be handed to any service that accepts a role (EC2, Lambda, CloudFormation, Glue…), which may then act with permissions the principal does not have.'];
    const help = 'Add `"Condition": {"StringEquals": {"iam:PassedToService": "<service>.amazonaws.com"}}` naming the service that needs the role.';
    return {
      Statement(statement) {
        if (statement.effect.value !== 'Allow' || statement.notResources || limitsPassedToService(statement)) return;
        const resources = statement.resources ?? [];
        // INVARIANT: pass-role-wildcard reports every statement that passes every role; one finding per grant is enough.
        if (resources.some((r) => isEveryRole(r.value))) return;
        const roles = resources.filter((r) => mayNameRole(r.value));
        if (roles.length === 0) return;
        const granted = grantingElement(context.document, statement, 'iam:PassRole');
        if (!granted) return;
        context.report({
          messageId: 'missingCondition',
          span: granted.span,
          data: { sid: statementLabel(statement), action: granted.via, resource: roles.length === 1 ? roles[0].value : `${roles[0].value} (and ${roles.length - 1} more)` },
          notes,
          help,
        });
      },
    };
  },
});
