import { defineRule } from '../src/lint/rule.js';
import type { Located } from '../src/core/span.js';

/** Characters that render as nothing or as a plain space but are not one. */
const INVISIBLE = /[\u00A0\u00AD\u1680\u180E\u2000-\u200F\u2028\u2029\u202A-\u202E\u202F\u205F\u2060-\u2064\u3000\uFEFF]/;

/** `U+200B` for a message. */
function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export default defineRule({
  name: 'no-invisible-characters',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Disallow surrounding whitespace, invisible characters and non-ASCII look-alikes in actions, ARNs, principals and condition keys and values' },
    messages: {
      surroundingWhitespace: '`{{value}}` has whitespace at its {{where}}, which AWS does not trim.',
      invisible: '`{{value}}` contains the invisible character {{codePoint}}.',
      nonAscii: '`{{value}}` contains `{{character}}` ({{codePoint}}), which is not ASCII: {{element}} names are ASCII.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iamcheck-catalog', id: 'whitespace-or-invisible-chars' },
    ],
  },
  create(context) {
    const notes = ['The value matches nothing AWS sends, so the element silently never matches (copied from a document or chat, most often).'];
    /** `ascii`: the element's names are ASCII by definition (actions, condition keys, ARN prefixes). */
    const check = (value: Located<string>, element: string, ascii: boolean) => {
      const text = value.value;
      const data = { value: text.replace(INVISIBLE, '�') };
      const leading = /^[ \t\r\n]/.test(text);
      const trailing = /[ \t\r\n]$/.test(text);
      if (leading || trailing) {
        context.report({ messageId: 'surroundingWhitespace', span: value.span, data: { ...data, where: leading && trailing ? 'start and end' : leading ? 'start' : 'end' }, notes, help: 'Remove the spaces.' });
        return;
      }
      const invisible = INVISIBLE.exec(text);
      if (invisible) {
        context.report({ messageId: 'invisible', span: value.span, data: { ...data, codePoint: codePoint(invisible[0]) }, notes, help: 'Retype the value, or delete the character.' });
        return;
      }
      if (!ascii) return;
      const other = /[^\x20-\x7E]/u.exec(text);
      if (other) {
        context.report({ messageId: 'nonAscii', span: value.span, data: { ...data, character: other[0], codePoint: codePoint(other[0]), element }, notes, help: `Retype \`${other[0]}\` as the ASCII character it looks like.` });
      }
    };
    return {
      Action(action, _statement, field) {
        check(action, field, true);
      },
      Resource(resource, _statement, field) {
        // Only the ARN's fixed fields are ASCII; resource names may be Unicode (S3 object keys).
        const prefix = resource.value.split(':').slice(0, 5).join(':');
        check(resource, field, false);
        if (!INVISIBLE.test(resource.value) && !/^[ \t\r\n]|[ \t\r\n]$/.test(resource.value) && /[^\x20-\x7E]/.test(prefix)) check({ value: prefix, span: resource.span }, 'ARN service and Region', true);
      },
      Principal(principal, _statement, field) {
        check({ value: principal.value, span: principal.span }, field, true);
      },
      Condition(entry) {
        check(entry.key, 'Condition key', true);
        for (const value of entry.values) check(value, 'Condition value', false);
      },
    };
  },
});
