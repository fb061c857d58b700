import { parseOperator } from '../src/lint/conditions.js';
import { defineRule } from '../src/lint/rule.js';
import type { Located } from '../src/core/span.js';

const SPECIAL = ['*', '?', '$'];

/**
 * The problem with one `${…}` body, or undefined when it is a well-formed variable. Bodies without a `prefix:key`
 * (`${BucketName}`, `${AWS::Region}`) are CloudFormation substitutions, not policy variables, and are left alone.
 */
function problemOf(body: string): 'empty' | 'space' | 'quote' | 'cloudformation' | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return 'empty';
  if (SPECIAL.includes(trimmed)) return undefined;
  const comma = trimmed.indexOf(',');
  const key = (comma < 0 ? trimmed : trimmed.slice(0, comma)).trim();
  if (!key.includes(':') || key.includes('::')) return 'cloudformation';
  if (/\s/.test(key)) return 'space';
  if (comma >= 0) {
    const rest = trimmed.slice(comma + 1).trim();
    if (rest.length < 2 || rest[0] !== "'" || rest[rest.length - 1] !== "'" || rest.slice(1, -1).replace(/''/g, '').includes("'")) return 'quote';
  }
  return undefined;
}

export default defineRule({
  name: 'policy-variable',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Require well-formed policy variables (`${aws:username}`), only where AWS substitutes them' },
    messages: {
      missingBrace: '`${` in `{{value}}` is never closed with `}`.',
      emptyVariable: '`{{variable}}` names no key.',
      unsupportedSpace: '`{{variable}}` has a space in its key.',
      missingQuote: 'The default value in `{{variable}}` must be in single quotes.',
      unsupportedElement: 'Policy variables are not substituted in `{{element}}`: `{{variable}}` is literal text here.',
      invalidOperator: '`{{operator}}` does not substitute policy variables: `{{variable}}` is compared as literal text.',
      unknownKey: '`{{variable}}` names `{{key}}`, which is not a condition key, so it never has a value.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'MISSING_BRACE_IN_VARIABLE' },
      { tool: 'access-analyzer', id: 'MISSING_QUOTE_IN_VARIABLE' },
      { tool: 'access-analyzer', id: 'UNSUPPORTED_SPACE_IN_VARIABLE' },
      { tool: 'access-analyzer', id: 'EMPTY_VARIABLE' },
      { tool: 'access-analyzer', id: 'UNSUPPORTED_SYMBOL_IN_VARIABLE' },
      { tool: 'access-analyzer', id: 'VARIABLE_UNSUPPORTED_IN_ELEMENT' },
      { tool: 'access-analyzer', id: 'INVALID_VARIABLE_FOR_OPERATOR' },
      { tool: 'iamcheck-catalog', id: 'variable-syntax' },
      { tool: 'iamcheck-catalog', id: 'variable-unsupported-element' },
      { tool: 'iamcheck-catalog', id: 'variable-invalid-operator' },
    ],
  },
  create(context) {
    const docs = 'See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html.';
    /** Checks the syntax of every `${…}` in a value where AWS substitutes variables. */
    const checkSyntax = (value: Located<string>) => {
      const text = value.value;
      for (let at = text.indexOf('${'); at >= 0; at = text.indexOf('${', at + 2)) {
        const end = text.indexOf('}', at + 2);
        if (end < 0) {
          context.report({ messageId: 'missingBrace', span: value.span, data: { value: text }, help: `Close the variable with \`}\`. ${docs}` });
          return;
        }
        const variable = text.slice(at, end + 1);
        const body = text.slice(at + 2, end);
        const problem = problemOf(body);
        if (problem === 'empty') context.report({ messageId: 'emptyVariable', span: value.span, data: { variable }, help: `Name a key, e.g. \`\${aws:username}\`. ${docs}` });
        else if (problem === 'space') context.report({ messageId: 'unsupportedSpace', span: value.span, data: { variable }, help: `Remove the space. ${docs}` });
        else if (problem === 'quote') context.report({ messageId: 'missingQuote', span: value.span, data: { variable }, help: `Write \`\${key, 'default'}\`. ${docs}` });
        else if (problem === undefined && !SPECIAL.includes(body.trim())) {
          const key = body.split(',')[0].trim();
          if (!context.catalog.conditionKey(key) && !/^[^:]+\.[^:]+:/.test(key)) {
            context.report({ messageId: 'unknownKey', span: value.span, data: { variable, key }, notes: ['A variable without a value makes the whole element never match (unless it has a default).'],
              help: `Check the spelling of the key. ${docs}` });
          }
        }
        at = end - 1;
      }
    };
    const firstVariable = (text: string) => /\$\{[^}]*\}/.exec(text)?.[0];
    return {
      Action(action, _statement, field) {
        const variable = firstVariable(action.value);
        if (variable) context.report({ messageId: 'unsupportedElement', span: action.span, data: { element: field, variable }, help: 'Write the action literally; wildcards (`*`) are allowed.' });
      },
      Principal(principal, _statement, field) {
        const variable = firstVariable(principal.value);
        if (variable && problemOf(variable.slice(2, -1)) !== 'cloudformation') {
          context.report({ messageId: 'unsupportedElement', span: principal.span, data: { element: field, variable }, help: 'Write the principal literally; to match principals by pattern, use a condition on `aws:PrincipalArn`.' });
        }
      },
      Resource(resource) {
        checkSyntax(resource);
      },
      Condition(entry) {
        const operator = parseOperator(entry.operator.value);
        if (!operator) return;
        for (const value of entry.values) {
          if (!value.value.includes('${')) continue;
          if (!operator.variables) {
            const variable = firstVariable(value.value);
            if (variable && problemOf(variable.slice(2, -1)) === undefined) {
              context.report({ messageId: 'invalidOperator', span: value.span, data: { operator: entry.operator.value, variable },
                help: 'Variables work with String, ARN and Bool operators only.' });
            }
            continue;
          }
          checkSyntax(value);
        }
      },
    };
  },
});
