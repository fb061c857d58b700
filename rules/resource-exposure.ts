import { defineRule } from '../src/lint/rule.js';
import { keySpan, statementLabel } from '../src/lint/rule-helpers.js';
import { actionMatches, isDeniedEverywhere, isUnconstrainedAllow, listForMessage, type Grant } from '../src/lint/privesc.js';

export default defineRule({
  name: 'resource-exposure',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity'],
    docs: { description: 'Disallow permissions-management actions (resource policies, ACLs, grants, shares) on every resource without a condition' },
    messages: {
      permissionsManagement: 'Statement {{sid}} allows permissions-management actions {{actions}} (through `{{via}}`) on every resource without a condition.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iamcheck-catalog', id: 'resource-exposure' },
      { tool: 'iamcheck-catalog', id: 'wildcard-includes-sensitive-action' },
      { tool: 'cloudsplaining', id: 'ResourceExposure' },
      { tool: 'parliament', id: 'PERMISSIONS_MANAGEMENT_ACTIONS' },
      { tool: 'checkov', id: 'CKV_AWS_109' },
      { tool: 'checkov', id: 'CKV_AWS_289' },
      { tool: 'iam-policy-validator', id: 'sensitive_action (resource_exposure)' },
    ],
  },
  create(context) {
    const { catalog, document } = context;
    return {
      'Policy:exit'(policy) {
        const seen = new Set<string>();
        for (const statement of policy.statements) {
          if (!isUnconstrainedAllow(statement)) continue;
          const elements: { grant: Grant; ids: string[] }[] = [];
          if (statement.notActions) {
            const excluded = statement.notActions.map((a) => a.value);
            const ids = catalog
              .expandActionPattern('*')
              .filter((a) => a.accessLevel === 'Permissions management' && !excluded.some((p) => actionMatches(p, a.id)))
              .map((a) => a.id);
            elements.push({ grant: { statement, via: 'NotAction', span: keySpan(document, statement, 'NotAction') }, ids });
          } else {
            for (const a of statement.actions ?? []) {
              const infos = /[*?]/.test(a.value) ? catalog.expandActionPattern(a.value) : [catalog.action(a.value)].filter((i) => i !== undefined);
              const ids = infos.filter((i) => i.accessLevel === 'Permissions management').map((i) => i.id);
              elements.push({ grant: { statement, via: a.value, span: a.span }, ids });
            }
          }
          for (const { grant, ids } of elements) {
            const actions = ids.filter((id) => {
              const lower = id.toLowerCase();
              if (seen.has(lower)) return false;
              seen.add(lower);
              return catalog.supportsResourceLevelPermissions(id) && !isDeniedEverywhere(document, policy, id);
            });
            if (actions.length === 0) continue;
            context.report({
              messageId: 'permissionsManagement',
              span: grant.span,
              data: { sid: statementLabel(statement), actions: listForMessage(actions), via: grant.via },
              notes: [
                `${actions.length} action${actions.length > 1 ? 's' : ''} at the "Permissions management" access level: they rewrite resource policies, ACLs, grants or shares, and can open any resource of the account to anyone.`,
              ],
              help: 'Scope these actions to the resources this principal administers, or add a Condition (for example on `aws:ResourceTag`).',
            });
          }
        }
      },
    };
  },
});
