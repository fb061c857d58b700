import { compileWildcard } from '../src/core/wildcard.js';
import { defineRule } from '../src/lint/rule.js';

const SERVICE_CHARACTERS = /^[A-Za-z0-9*?-]+$/;

export default defineRule({
  name: 'unknown-service',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Require actions of the form `service:action` whose service prefix exists' },
    messages: {
      malformed: '`{{action}}` is not an action: write `*` or `service:action`.',
      unknownService: 'There is no AWS service with the prefix `{{service}}`.',
      noServiceMatches: 'The service pattern `{{service}}` matches no AWS service.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'INVALID_SERVICE_IN_ACTION' },
      { tool: 'parliament', id: 'UNKNOWN_PREFIX' },
      { tool: 'cfn-lint', id: 'W3037' },
      { tool: 'iam-policy-validator', id: 'action_validation' },
      { tool: 'iamcheck-catalog', id: 'unknown-service-prefix' },
      { tool: 'iamcheck-catalog', id: 'invalid-action-format' },
    ],
  },
  create(context) {
    const { catalog } = context;
    return {
      Action(action) {
        const text = action.value;
        // Surrounding whitespace and invisible characters are no-invisible-characters' to report.
        if (text === '*' || /^\s|\s$|[\u00A0\u00AD\u200B-\u200F\u2060\uFEFF]/.test(text)) return;
        const colon = text.indexOf(':');
        const service = colon > 0 ? text.slice(0, colon) : '';
        const name = colon > 0 ? text.slice(colon + 1) : '';
        if (!service || !name || name.includes(':') || !SERVICE_CHARACTERS.test(service) || /\s/.test(name)) {
          context.report({
            messageId: 'malformed', span: action.span, data: { action: text },
            notes: /\s/.test(text) ? ['It contains whitespace, which AWS does not trim.'] : undefined,
            help: 'Actions are a service prefix and an action name separated by one colon, e.g. `s3:GetObject`.',
          });
          return;
        }
        if (/[*?]/.test(service)) {
          const matcher = compileWildcard(service, true);
          const any = catalog.services().some((s) => matcher.matches(s));
          if (!any) context.report({ messageId: 'noServiceMatches', span: action.span, data: { service }, help: 'Check the spelling of the service prefix.' });
          return;
        }
        if (catalog.hasService(service)) return;
        const suggestions = catalog.suggestServices(service);
        context.report({
          messageId: 'unknownService', span: action.span, data: { service },
          notes: ['The statement grants or denies nothing for this entry.'],
          help: suggestions.length ? `Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?` : 'Look up the service prefix in the Service Authorization Reference.',
        });
      },
    };
  },
});
