import { matchArn } from '../src/engine/index.js';
import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';
import { actionMatches, actionPatternCovers, memoizeArnMatcher, resourcePatternCovers, type ArnMatcher } from '../src/lint/privesc.js';
import type { Catalog } from '../src/lint/rule.js';
import type { PrincipalValue, Statement } from '../src/policy/types.js';

/** Whether the Deny applies to every principal the Allow names (resource and trust policies). */
function principalsDenied(deny: Statement, allow: Statement): boolean {
  if (!allow.principals && !allow.notPrincipals) return !deny.principals && !deny.notPrincipals;
  if (!deny.principals || !allow.principals) return false;
  if (deny.principals.some((p) => p.value === '*' && (p.type === '*' || p.type === 'AWS'))) return true;
  const key = (p: PrincipalValue) => `${p.type}:${p.value}`;
  const denied = new Set(deny.principals.map(key));
  return allow.principals.every((p) => denied.has(key(p)));
}

/** Whether the Deny's action element covers the Allow's action pattern (NotAction: every expansion is left in). */
function actionDenied(deny: Statement, action: string, catalog: Catalog): boolean {
  if (deny.actions) return deny.actions.some((d) => actionPatternCovers(d.value, action));
  const excluded = deny.notActions ?? [];
  const expansion = /[*?]/.test(action) ? catalog.expandActionPattern(action).map((a) => a.id) : [action];
  // An unknown pattern expands to nothing: we cannot tell, so it is not shadowed.
  return expansion.length > 0 && expansion.every((id) => !excluded.some((e) => actionMatches(e.value, id)));
}

function resourceDenied(deny: Statement, resource: string | undefined, matchArn: ArnMatcher): boolean {
  if (resource === undefined) return !deny.resources && !deny.notResources;
  if (deny.resources) return deny.resources.some((d) => resourcePatternCovers(d.value, resource, matchArn));
  if (/[*?]/.test(resource)) return false;
  return !(deny.notResources ?? []).some((d) => matchArn(d.value, resource));
}

export default defineRule({
  name: 'shadowed-by-deny',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'boundary', 'session'],
    docs: { description: 'Report Allow statements whose every action and resource is denied by an unconditional Deny of the same document (dead grants)' },
    messages: {
      shadowed: 'Statement {{sid}} allows nothing: every action and resource it allows is denied by {{denies}}.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iamcheck-catalog', id: 'allow-shadowed-by-deny' },
    ],
  },
  create(context) {
    return {
      'Policy:exit'(policy) {
        const match = memoizeArnMatcher(matchArn);
        const denies = policy.statements.filter((s) => s.effect.value === 'Deny' && s.conditions.length === 0);
        if (denies.length === 0) return;
        for (const allow of policy.statements) {
          if (allow.effect.value !== 'Allow' || !allow.actions || allow.notResources || allow.notPrincipals) continue;
          const resources: (string | undefined)[] = allow.resources ? allow.resources.map((r) => r.value) : [undefined];
          const used = new Set<Statement>();
          const shadowed = allow.actions.every((a) =>
            resources.every((r) => {
              const deny = denies.find((d) => principalsDenied(d, allow) && actionDenied(d, a.value, context.catalog) && resourceDenied(d, r, match));
              if (deny) used.add(deny);
              return deny !== undefined;
            }),
          );
          if (!shadowed || allow.actions.length === 0) continue;
          const names = [...used].map((d) => `statement ${statementLabel(d)}`);
          context.report({
            messageId: 'shadowed',
            span: allow.effect.span,
            data: { sid: statementLabel(allow), denies: names.join(' and ') },
            notes: ['An explicit Deny always wins over an Allow (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html); this statement can never take effect.'],
            help: 'Delete the Allow, or narrow the Deny (or give it a Condition) if the Allow was meant to work.',
          });
        }
      },
    };
  },
});
