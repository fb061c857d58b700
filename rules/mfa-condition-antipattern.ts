import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';

/**
 * `aws:MultiFactorAuthPresent` is absent from requests signed with long-term access keys. So `Bool … false` in a
 * Deny never denies those requests, and `BoolIfExists … true` in an Allow allows them: neither enforces MFA.
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent)
 */
export default defineRule({
  name: 'mfa-condition-antipattern',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Disallow `aws:MultiFactorAuthPresent` tests that let requests signed with access keys through' },
    messages: {
      denyWithoutIfExists: 'Statement {{sid}} denies with `{{operator}}` `aws:MultiFactorAuthPresent` `false`: requests signed with long-term access keys carry no such key and are not denied.',
      allowWithIfExists: 'Statement {{sid}} allows with `{{operator}}` `aws:MultiFactorAuthPresent` `true`: requests signed with long-term access keys carry no such key and are allowed without MFA.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'parliament', id: 'BAD_PATTERN_FOR_MFA' },
      { tool: 'iam-policy-validator', id: 'mfa_condition_antipattern' },
      { tool: 'iamcheck-catalog', id: 'mfa-condition-antipattern' },
    ],
  },
  create(context) {
    const notes = ['`aws:MultiFactorAuthPresent` is only in requests made with temporary credentials; with an access key the key is missing, and a missing key fails `Bool` but passes `BoolIfExists`.'];
    return {
      Condition(entry, statement) {
        if (entry.key.value.toLowerCase() !== 'aws:multifactorauthpresent' || entry.values.length === 0) return;
        const operator = entry.operator.value.toLowerCase();
        const values = entry.values.map((v) => v.value.toLowerCase());
        const data = { sid: statementLabel(statement), operator: entry.operator.value };
        if (statement.effect.value === 'Deny' && operator === 'bool' && values.every((v) => v === 'false')) {
          context.report({ messageId: 'denyWithoutIfExists', span: entry.operator.span, data, notes, help: 'Use `"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}` so that requests without the key are denied too.' });
        } else if (statement.effect.value === 'Allow' && operator === 'boolifexists' && values.every((v) => v === 'true')) {
          context.report({ messageId: 'allowWithIfExists', span: entry.operator.span, data, notes, help: 'Use `"Bool": {"aws:MultiFactorAuthPresent": "true"}` so that only requests authenticated with MFA are allowed.' });
        }
      },
    };
  },
});
