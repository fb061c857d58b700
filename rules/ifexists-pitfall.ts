import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';

/**
 * Keys that restrict who or where a request comes from and that AWS leaves out of some requests: network keys are
 * only there for requests through a VPC endpoint; `aws:Source…` keys only for requests a service makes on behalf of
 * a resource; `aws:Principal…` keys are missing from anonymous requests. (`aws:MultiFactorAuthPresent` is
 * `mfa-condition-antipattern`'s.)
 */
const RESTRICTING_KEYS = new Set([
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:vpcsourceip',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
]);

export default defineRule({
  name: 'ifexists-pitfall',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'boundary', 'session'],
    docs: { description: 'Disallow `…IfExists` on network, source and principal keys in an Allow, which lets requests without the key through' },
    messages: {
      allowIfAbsent: 'Statement {{sid}} allows with `{{operator}}` on `{{key}}`: requests that do not carry `{{key}}` ({{absentFor}}) pass the condition.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iam-policy-validator', id: 'ifexists_condition_usage' },
      { tool: 'iamcheck-catalog', id: 'ifexists-pitfall' },
    ],
  },
  create(context) {
    return {
      Condition(entry, statement) {
        if (statement.effect.value !== 'Allow') return;
        const operator = entry.operator.value.replace(/^for(all|any)values:/i, '');
        // Negated operators already match a missing key, with or without IfExists: nothing is widened.
        if (!/ifexists$/i.test(operator) || /not/i.test(operator.slice(0, -'IfExists'.length))) return;
        const key = entry.key.value.toLowerCase();
        if (!RESTRICTING_KEYS.has(key)) return;
        const absentFor = key.startsWith('aws:principal') ? 'anonymous requests' : key.startsWith('aws:source') && !key.startsWith('aws:sourcevpc') ? 'requests not made by an AWS service on behalf of a resource' : 'requests that do not come through a VPC endpoint';
        context.report({
          messageId: 'allowIfAbsent',
          span: entry.operator.span,
          data: { sid: statementLabel(statement), operator: entry.operator.value, key: entry.key.value, absentFor },
          notes: ['`…IfExists` makes the test true when the key is missing: the restriction only applies to the requests that carry the key, and every other request is allowed.'],
          help: `Use \`${entry.operator.value.replace(/IfExists$/i, '')}\` so that a request without \`${entry.key.value}\` is not allowed.`,
        });
      },
    };
  },
});
