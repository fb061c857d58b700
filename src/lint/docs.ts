// Documentation generated from rule meta: the README rule table, and the examples of rules/<id>.md.
import type { PolicyKind } from '../policy/types.js';
import { allRules } from '../../rules/index.js';
import type { AnyRule } from './rule.js';

/** Where the generated table sits in README.md. */
export const RULES_TABLE_START = '<!-- rules:start -->';
export const RULES_TABLE_END = '<!-- rules:end -->';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * The README's rule table in Markdown (without the start/end markers): one row per rule with its id (linked to
 * its doc), default severity, whether it is on by default, the policy kinds it checks, and its description.
 */
export function renderRulesTable(rules: readonly AnyRule[] = allRules): string {
  const rows = rules.map((rule) => {
    const kinds = rule.meta.appliesTo.join(', ') + (rule.meta.resourceTypes ? ` (${rule.meta.resourceTypes.join(', ')})` : '');
    return `| [\`${rule.name}\`](rules/${rule.name}.md) | ${rule.meta.severity} | ${rule.meta.recommended ? 'yes' : 'no'} | ${kinds} | ${escapeCell(rule.meta.docs.description)} |`;
  });
  return ['| Rule | Severity | On by default | Policy kinds | Checks |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** Replaces the text between the markers of a README with the table; the README unchanged when they are absent. */
export function updateReadmeTable(readme: string, table: string = renderRulesTable()): string {
  const start = readme.indexOf(RULES_TABLE_START);
  const end = readme.indexOf(RULES_TABLE_END);
  if (start < 0 || end < start) return readme;
  return `${readme.slice(0, start + RULES_TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}

/** The table currently between the markers, or undefined when the README has no markers. */
export function readmeTable(readme: string): string | undefined {
  const start = readme.indexOf(RULES_TABLE_START);
  const end = readme.indexOf(RULES_TABLE_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + RULES_TABLE_START.length, end).trim();
}

/** One example of a rule doc: a fenced ```json block under a ❌ (must report) or ✅ (must not report) heading. */
export interface DocExample {
  expect: 'report' | 'clean';
  code: string;
  /** 1-based line of the opening fence in the doc. */
  line: number;
  kind?: PolicyKind;
  resourceType?: string;
}

/**
 * Finds the examples of a rule doc. A heading containing ❌ starts the incorrect examples and one containing ✅
 * the correct ones, until the next heading of the same or a higher level. Each ```json block there is one
 * example; its info string may set `kind=<policy kind>` and `resourceType=<CloudFormation type>`.
 */
export function extractDocExamples(markdown: string): DocExample[] {
  const lines = markdown.split(/\r?\n/);
  const examples: DocExample[] = [];
  let section: { expect: DocExample['expect']; level: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(lines[i]);
    if (heading) {
      const level = heading[1].length;
      const mark = heading[2].includes('❌') ? 'report' : heading[2].includes('✅') ? 'clean' : undefined;
      if (mark) section = { expect: mark, level };
      else if (section && level <= section.level) section = undefined;
      continue;
    }
    const fence = /^```json\b(.*)$/.exec(lines[i]);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    if (!section) continue;
    const example: DocExample = { expect: section.expect, code: body.join('\n'), line: start + 1 };
    for (const [, key, value] of fence[1].matchAll(/(\w+)=(\S+)/g)) {
      if (key === 'kind') example.kind = value as PolicyKind;
      else if (key === 'resourceType') example.resourceType = value;
    }
    examples.push(example);
  }
  return examples;
}
