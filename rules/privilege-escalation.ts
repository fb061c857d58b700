import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';
import { methodSource, PRIVILEGE_ESCALATION_METHODS, unconstrainedGrants, type Grant } from '../src/lint/privesc.js';

/** Every action some method needs, once. */
const METHOD_ACTIONS: readonly string[] = [...new Set(PRIVILEGE_ESCALATION_METHODS.flatMap((m) => m.actions))];

export default defineRule({
  name: 'privilege-escalation',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['identity'],
    docs: { description: 'Disallow combinations of actions, across all statements, that let a principal raise its own permissions' },
    messages: {
      method: 'Statement {{sid}} allows privilege escalation by `{{method}}`: {{actions}} {{verb}} allowed on every resource without a condition.',
      everyAction: 'Statement {{sid}} allows every action on every resource (`{{via}}`), and with it all {{count}} privilege-escalation methods.',
    },
    schema: [
      {
        type: 'object',
        properties: { ignoreMethods: { type: 'array', items: { type: 'string' }, uniqueItems: true } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ ignoreMethods: [] as string[] }],
    sources: [
      { tool: 'iamcheck-catalog', id: 'privilege-escalation' },
      { tool: 'iamcheck-catalog', id: 'sensitive-action-without-condition' },
      { tool: 'parliament', id: 'PRIVILEGE_ESCALATION' },
      { tool: 'cloudsplaining', id: 'PrivilegeEscalation' },
      { tool: 'checkov', id: 'CKV_AWS_110' },
      { tool: 'checkov', id: 'CKV_AWS_286' },
      { tool: 'kics', id: 'Role With Privilege Escalation By Actions' },
      { tool: 'iam-policy-validator', id: 'sensitive_action (privilege_escalation)' },
    ],
  },
  create(context, [{ ignoreMethods }]) {
    const ignored = new Set(ignoreMethods.map((n) => n.toLowerCase()));
    return {
      'Policy:exit'(policy) {
        const grants = unconstrainedGrants(context.document, policy, METHOD_ACTIONS);
        if (grants.size === 0) return;
        const found: { method: (typeof PRIVILEGE_ESCALATION_METHODS)[number]; grants: Grant[] }[] = [];
        for (const method of PRIVILEGE_ESCALATION_METHODS) {
          if (ignored.has(method.name.toLowerCase())) continue;
          const methodGrants = method.actions.map((a) => grants.get(a.toLowerCase()));
          if (methodGrants.some((g) => g === undefined)) continue;
          found.push({ method, grants: methodGrants as Grant[] });
        }
        // `"Action": "*"` grants every method through one element: one finding instead of one per method.
        const everything = found.filter((f) => f.grants.every((g) => g.via === '*' || g.via === '*:*'));
        if (everything.length > 1) {
          const grant = everything[0].grants[0];
          context.report({
            messageId: 'everyAction',
            span: grant.span,
            data: { sid: statementLabel(grant.statement), via: grant.via, count: everything.length },
            notes: [`Methods: ${everything.map((f) => f.method.name).join(', ')}.`],
            help: 'Replace `*` with the actions this principal needs.',
          });
        }
        for (const { method, grants: methodGrants } of found) {
          if (everything.length > 1 && everything.some((f) => f.method === method)) continue;
          // INVARIANT: every action of the method has a grant here; the finding sits on the earliest one.
          const first = methodGrants.reduce((a, b) => (b.span.start.offset < a.span.start.offset ? b : a));
          const actions = method.actions.map((a) => `\`${a}\``).join(', ');
          const via = method.actions.map((a, i) => `\`${a}\` by \`${methodGrants[i].via}\` in statement ${statementLabel(methodGrants[i].statement)}`);
          context.report({
            messageId: 'method',
            span: first.span,
            data: { sid: statementLabel(first.statement), method: method.name, actions, verb: method.actions.length > 1 ? 'are' : 'is' },
            notes: [`Granted: ${via.join('; ')}.`, `With these permissions a principal can give itself (or a role it controls) more access. Source: ${methodSource(method)}.`],
            help: 'Scope these actions to the specific resources they need (not `*`), or add a Condition; or deny one of them.',
          });
        }
      },
    };
  },
});
