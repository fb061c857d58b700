import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';
import { DATA_EXFILTRATION_ACTIONS, groupScopableGrants, listForMessage, unconstrainedGrants } from '../src/lint/privesc.js';

export default defineRule({
  name: 'data-exfiltration',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity'],
    docs: { description: 'Disallow reads of high-value data (objects, parameters, secrets, decryption) on every resource without a condition' },
    messages: {
      readsAll: 'Statement {{sid}} allows {{actions}} (through `{{via}}`) on every resource without a condition.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iamcheck-catalog', id: 'data-exfiltration' },
      { tool: 'cloudsplaining', id: 'DataExfiltration' },
      { tool: 'checkov', id: 'CKV_AWS_108' },
      { tool: 'checkov', id: 'CKV_AWS_288' },
      { tool: 'iam-policy-validator', id: 'sensitive_action (data_access)' },
    ],
  },
  create(context) {
    return {
      'Policy:exit'(policy) {
        const grants = unconstrainedGrants(context.document, policy, DATA_EXFILTRATION_ACTIONS);
        for (const { grant, actions } of groupScopableGrants(grants, DATA_EXFILTRATION_ACTIONS, (id) => context.catalog.supportsResourceLevelPermissions(id))) {
          context.report({
            messageId: 'readsAll',
            span: grant.span,
            data: { sid: statementLabel(grant.statement), actions: listForMessage(actions), via: grant.via },
            notes: [
              'These actions read every object, parameter or secret of the account (and of other accounts that allow it), or decrypt anything encrypted with any key the principal may use.',
            ],
            help: 'List the buckets/prefixes, parameter paths, secrets or keys the principal needs (for example `arn:aws:s3:::reports-bucket/reports/*`), or add a Condition.',
          });
        }
      },
    };
  },
});
