import { expandActions } from '../src/lint/arn-formats.js';
import { isProviderKey, parseOperator } from '../src/lint/conditions.js';
import type { ConditionEntry } from '../src/policy/types.js';
import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';
import type { Statement } from '../src/policy/types.js';

/** Largest expansion of an action pattern checked for key applicability. */
const MAX_EXPANSION = 500;
const TAG_KEY_PREFIXES = /^(aws:(RequestTag|ResourceTag|PrincipalTag)|[a-z0-9-]+:(ResourceTag|RequestTag))\/?$/i;

export default defineRule({
  name: 'unknown-condition-key',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Require condition keys that exist and that the statement\'s actions support' },
    messages: {
      invalidFormat: '`{{key}}` is not a condition key: keys are `prefix:name`, e.g. `aws:SourceIp`.',
      missingTagKey: '`{{key}}` names no tag key.',
      unknownGlobalKey: '`{{key}}` is not an AWS global condition key.',
      unknownServiceKey: '`{{key}}` is not a condition key of `{{service}}`.',
      notApplicable: 'None of the actions of statement {{sid}} supports `{{key}}`: it is never in their requests, so `{{operator}}` on it is always {{outcome}}.',
      duplicateKeyCase: '`{{key}}` repeats `{{first}}` under the same operator with different case.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'INVALID_CONDITION_KEY_FORMAT' },
      { tool: 'access-analyzer', id: 'INVALID_GLOBAL_CONDITION_KEY' },
      { tool: 'access-analyzer', id: 'INVALID_SERVICE_CONDITION_KEY' },
      { tool: 'access-analyzer', id: 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY' },
      { tool: 'access-analyzer', id: 'MISSING_TAG_KEY_IN_CONDITION' },
      { tool: 'access-analyzer', id: 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE' },
      { tool: 'parliament', id: 'UNKNOWN_CONDITION_FOR_ACTION' },
      { tool: 'iam-policy-validator', id: 'invalid_condition_key' },
      { tool: 'iamcheck-catalog', id: 'condition-key-format' },
      { tool: 'iamcheck-catalog', id: 'condition-unknown-global-key' },
      { tool: 'iamcheck-catalog', id: 'condition-unknown-service-key' },
      { tool: 'iamcheck-catalog', id: 'condition-key-not-supported-by-action' },
      { tool: 'iamcheck-catalog', id: 'tag-key-missing' },
      { tool: 'iamcheck-catalog', id: 'condition-duplicate-key-case' },
      { tool: 'access-analyzer', id: 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE' },
      { tool: 'access-analyzer', id: 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE' },
      { tool: 'iamcheck-catalog', id: 'tag-key-unsupported-by-service-allow' },
      { tool: 'iamcheck-catalog', id: 'tag-key-unsupported-by-service-deny' },
    ],
  },
  create(context) {
    const { catalog } = context;
    /** Lower-case keys the statement's actions support; undefined when unknown (wildcards, NotAction, unknown actions). */
    const supportCache = new Map<Statement, Set<string> | undefined>();
    const supported = (statement: Statement): Set<string> | undefined => {
      if (supportCache.has(statement)) return supportCache.get(statement);
      let keys: Set<string> | undefined = new Set();
      for (const action of statement.actions ?? []) {
        if (action.value === '*') { keys = undefined; break; }
        const infos = /[*?]/.test(action.value) ? expandActions(catalog, action.value) : [catalog.action(action.value)];
        if (infos.length === 0 || infos.length > MAX_EXPANSION || infos.some((i) => !i)) { keys = undefined; break; }
        for (const info of infos) for (const key of catalog.conditionKeysForAction(info!.id)) keys.add(key.toLowerCase());
      }
      if (!statement.actions) keys = undefined;
      supportCache.set(statement, keys);
      return keys;
    };
    const seen = new Map<string, string>();
    return {
      Statement() {
        seen.clear();
      },
      Condition(entry, statement) {
        const key = entry.key.value;
        const span = entry.key.span;
        const scope = `${entry.operator.span.start.offset}|${key.toLowerCase()}`;
        const first = seen.get(scope);
        if (first !== undefined && first !== key) {
          context.report({ messageId: 'duplicateKeyCase', span, data: { key, first }, notes: ['Condition keys are case-insensitive: AWS rejects the policy.'], help: 'Merge the values under one key.' });
          return;
        }
        seen.set(scope, key);
        if (/\$\{/.test(key)) return;
        const colon = key.indexOf(':');
        if (colon <= 0 || colon === key.length - 1) {
          context.report({ messageId: 'invalidFormat', span, data: { key }, help: 'Write the key with its service prefix, e.g. `aws:PrincipalOrgID` or `s3:prefix`.' });
          return;
        }
        if (TAG_KEY_PREFIXES.test(key)) {
          context.report({ messageId: 'missingTagKey', span, data: { key }, help: `Add the tag key after the slash, e.g. \`${key.replace(/\/?$/, '/team')}\`.` });
          return;
        }
        const info = catalog.conditionKey(key);
        const prefix = key.slice(0, colon);
        if (!info) {
          if (isProviderKey(key)) return; // A custom OIDC/SAML provider's claim: any name is possible.
          if (prefix.toLowerCase() === 'aws') {
            context.report({ messageId: 'unknownGlobalKey', span, data: { key }, notes: ['A condition on a key that is never in the request is false (true for negated operators, `…IfExists` and `ForAllValues`).'],
              help: 'Check the spelling against the list of AWS global condition context keys.' });
          } else if (catalog.hasService(prefix)) {
            context.report({ messageId: 'unknownServiceKey', span, data: { key, service: prefix }, notes: ['A condition on a key that is never in the request is false (true for negated operators, `…IfExists` and `ForAllValues`).'],
              help: `Check the condition keys of \`${prefix}\` in the Service Authorization Reference.` });
          }
          // Keys with an unknown prefix come with an unknown action, which unknown-service reports.
          return;
        }
        // Global keys apply to every action, except the tag keys, which only actions on taggable resources (or that
        // tag) support.
        const lower = info.key.toLowerCase();
        const tagKey = lower.startsWith('aws:resourcetag/') || lower.startsWith('aws:requesttag/') || lower === 'aws:tagkeys';
        if ((info.global && !tagKey) || isProviderKey(key) || lower.startsWith('sts:')) return;
        const keys = supported(statement);
        if (!keys || keys.has(info.key.toLowerCase())) return;
        // A key may be supported through a resource type's own template (`s3:ExistingObjectTag/<key>`): compare templates too.
        if ([...keys].some((k) => k.includes('/') && info.key.toLowerCase().startsWith(k.slice(0, k.indexOf('/') + 1)))) return;
        const outcome = absentKeyOutcome(entry);
        if (outcome === undefined) return;
        const deny = statement.effect.value === 'Deny';
        const why = outcome
          ? (deny ? 'The condition does not narrow the Deny: it applies to every request of these actions.' : 'The condition restricts nothing: the statement allows these actions without it.')
          : (deny ? 'A Deny whose condition is always false denies nothing.' : 'The statement grants nothing while this condition is on it.');
        context.report({
          messageId: 'notApplicable', span, data: { sid: statementLabel(statement), key, operator: entry.operator.value, outcome: String(outcome) },
          notes: [why],
          help: 'Use a key that these actions support (see their rows in the Service Authorization Reference), or move the condition to the statement of the actions that support it.',
        });
      },
    };
  },
});

/**
 * What a condition evaluates to when its key is absent from the request: false for positive operators and
 * `ForAnyValue`, true for negated operators, `…IfExists` and `ForAllValues`; for `Null`, its value. Undefined
 * when it cannot be said (unknown operator, `Null` with both values).
 */
function absentKeyOutcome(entry: ConditionEntry): boolean | undefined {
  const operator = parseOperator(entry.operator.value);
  if (!operator) return undefined;
  if (operator.family === 'Null') {
    const values = new Set(entry.values.map((v) => v.value.toLowerCase()));
    return values.size === 1 ? values.has('true') : undefined;
  }
  if (operator.ifExists || operator.set === 'ForAllValues') return true;
  if (operator.set === 'ForAnyValue') return false;
  return operator.negated;
}
