import { defineRule } from '../src/lint/rule.js';
import { keySpan, statementLabel } from '../src/lint/rule-helpers.js';
import { grantingElement } from '../src/lint/privesc.js';
import type { Statement } from '../src/policy/types.js';

/**
 * `*`, or a role ARN pattern that names every role (or every service-linked role) of every account:
 * `arn:aws:iam::*:role/*`, `arn:aws:iam::*:role/aws-service-role/*`.
 */
function isEveryServiceLinkedRole(resource: string): boolean {
  if (resource === '*') return true;
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !['iam', '*'].includes(parts[2]) || parts[4] !== '*') return false;
  const rest = parts.slice(5).join(':');
  return rest === '*' || rest === 'role/*' || rest === 'role/aws-service-role/*';
}

/** True when a condition of the statement names the service the role is created for. */
function limitsServiceName(statement: Statement): boolean {
  return statement.conditions.some((c) => c.key.value.toLowerCase() === 'iam:awsservicename' && !c.operator.value.toLowerCase().startsWith('null'));
}

export default defineRule({
  name: 'create-slr-unrestricted',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity'],
    docs: { description: 'Disallow `iam:CreateServiceLinkedRole` on every role without an `iam:AWSServiceName` condition' },
    messages: {
      starResource: 'Statement {{sid}} allows `iam:CreateServiceLinkedRole` (through `{{action}}`) for every service with `{{resource}}` and no `iam:AWSServiceName` condition.',
      notResource: 'Statement {{sid}} allows `iam:CreateServiceLinkedRole` (through `{{action}}`) on every role not listed in `NotResource`, with no `iam:AWSServiceName` condition.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'CREATE_SLR_WITH_STAR_IN_RESOURCE' },
      { tool: 'access-analyzer', id: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE' },
      { tool: 'access-analyzer', id: 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION' },
      { tool: 'access-analyzer', id: 'CREATE_SLR_WITH_NOT_RESOURCE' },
      { tool: 'access-analyzer', id: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE' },
      { tool: 'access-analyzer', id: 'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE' },
      { tool: 'iamcheck-catalog', id: 'create-slr-unrestricted' },
    ],
  },
  create(context) {
    const notes = ['A service-linked role carries permissions the service defines; creating one for any service lets the principal turn on access it was never meant to set up.'];
    const help = 'Name the service-linked role ARNs this principal may create, or add `"StringEquals": {"iam:AWSServiceName": "<service>.amazonaws.com"}`.';
    return {
      Statement(statement) {
        if (statement.effect.value !== 'Allow' || limitsServiceName(statement)) return;
        const granted = grantingElement(context.document, statement, 'iam:CreateServiceLinkedRole');
        if (!granted) return;
        const sid = statementLabel(statement);
        if (statement.notResources) {
          // A NotResource that excludes the service-linked roles themselves grants nothing here.
          if (statement.notResources.some((r) => isEveryServiceLinkedRole(r.value))) return;
          context.report({ messageId: 'notResource', span: keySpan(context.document, statement, 'NotResource'), data: { sid, action: granted.via }, notes, help });
          return;
        }
        for (const resource of statement.resources ?? []) {
          if (!isEveryServiceLinkedRole(resource.value)) continue;
          context.report({ messageId: 'starResource', span: resource.span, data: { sid, action: granted.via, resource: resource.value }, notes, help });
        }
      },
    };
  },
});
