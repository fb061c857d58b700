import type { ActionInfo } from '../src/catalog/index.js';
import { expandActions, formatsForArn, formatsOfAction } from '../src/lint/arn-formats.js';
import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';

/** Largest expansion of an action pattern we check; `*`-like patterns say nothing useful about resources. */
const MAX_EXPANSION = 500;

export default defineRule({
  name: 'action-resource-mismatch',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity', 'resource', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Report actions for which no Resource of the statement has a matching resource type' },
    messages: {
      mismatch: '`{{action}}` acts on {{types}}, but no Resource of statement {{sid}} is one of them.',
      patternMismatch: 'None of the {{count}} actions of `{{action}}` acts on the resources of statement {{sid}}.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'parliament', id: 'RESOURCE_MISMATCH' },
      { tool: 'cfn-lint', id: 'I3510' },
      { tool: 'iam-policy-validator', id: 'resource_mismatch' },
      { tool: 'iamcheck-catalog', id: 'action-resource-mismatch' },
    ],
  },
  create(context) {
    const { catalog } = context;
    const fits = (info: ActionInfo, resourceFormats: readonly string[][]): boolean => {
      // INVARIANT: actions without resource-level permissions take `*` only; they are never reported here.
      if (info.resourceTypes.length === 0) return true;
      const formats = formatsOfAction(catalog, info);
      if (!formats) return true;
      return resourceFormats.some((list) => list.length === 0 || list.some((f) => formats.has(f)));
    };
    return {
      Statement(statement) {
        const resources = statement.resources;
        if (!statement.actions || !resources || resources.length === 0) return;
        // Anything with `*` in the service or account-less shortcuts is left alone: only concrete ARNs are judged.
        if (resources.some((r) => r.value === '*' || !r.value.startsWith('arn:'))) return;
        // An ARN that fits no format at all is invalid-arn's to report; here it counts as fitting everything.
        const resourceFormats = resources.map((r) => formatsForArn(catalog, r.value));
        for (const action of statement.actions) {
          if (action.value === '*') continue;
          const wildcard = /[*?]/.test(action.value);
          const infos = wildcard ? expandActions(catalog, action.value) : [catalog.action(action.value)].filter((i): i is ActionInfo => i !== undefined);
          if (infos.length === 0 || infos.length > MAX_EXPANSION) continue;
          if (infos.some((info) => fits(info, resourceFormats))) continue;
          const sid = statementLabel(statement);
          if (wildcard) {
            context.report({ messageId: 'patternMismatch', span: action.span, data: { action: action.value, count: infos.length, sid },
              notes: ['The statement grants or denies nothing for these actions.'],
              help: 'Add the ARNs of the resources these actions act on, or move the actions to a statement that has them.' });
            continue;
          }
          const info = infos[0];
          // The required resource types are what the action always touches; the optional ones only sometimes.
          const required = info.resourceTypes.filter((t) => t.required);
          const shown = required.length ? required : info.resourceTypes;
          const types = shown.map((t) => `\`${t.name}\``).join(', ');
          const example = shown.map((t) => catalog.resourceType(info.service, t.name)).find((t) => t?.arnFormats[0]?.includes(`:${info.service}:`))?.arnFormats[0]
            ?? catalog.resourceType(info.service, shown[0].name)?.arnFormats[0];
          context.report({
            messageId: 'mismatch', span: action.span, data: { action: info.id, types, sid },
            notes: ['The statement grants or denies nothing for this action: AWS compares the action\'s resource with the listed ARNs, and none can match.'],
            help: example ? `Add a Resource of the form \`${example}\`, or move the action to a statement that has one.` : 'Move the action to a statement with a matching Resource.',
          });
        }
      },
    };
  },
});
