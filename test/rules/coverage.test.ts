// Every check of the research catalog (lint-checks.json, one row per merged check, keyed by `id`) is either named
// in some rule's `meta.sources` as `{tool: "iamcheck-catalog", id}` or listed in rules/NOT-COVERED.md with a reason.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';

interface CatalogRow {
  id: string;
  category: string;
  summary: string;
}

const vendored = new URL('../../fixtures/research/lint-checks.json', import.meta.url);
/** The research folder next to the repository, when present (a session workspace); the vendored copy must match it. */
const research = new URL('../../../shared/research/lint-checks.json', import.meta.url);
const rows = JSON.parse(readFileSync(vendored, 'utf8')) as CatalogRow[];
const notCoveredText = readFileSync(new URL('../../rules/NOT-COVERED.md', import.meta.url), 'utf8');

/** Ids of the table rows of NOT-COVERED.md: lines of the form `| \`id\` | reason |`, with a non-empty reason. */
function notCoveredIds(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of markdown.split('\n')) {
    const row = /^\|\s*`([a-z0-9-]+)`\s*\|\s*(.*?)\s*\|\s*$/.exec(line);
    if (row) out.set(row[1], row[2]);
  }
  return out;
}

const covered = new Map<string, string[]>();
for (const rule of allRules) {
  for (const source of rule.meta.sources) {
    if (source.tool !== 'iamcheck-catalog') continue;
    covered.set(source.id, [...(covered.get(source.id) ?? []), rule.name]);
  }
}
const notCovered = notCoveredIds(notCoveredText);
const ids = new Set(rows.map((r) => r.id));

describe('coverage of lint-checks.json', () => {
  it('reads the catalog rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(138);
    expect(ids.size).toBe(rows.length);
  });

  it.skipIf(!existsSync(research))('the vendored copy equals ../shared/research/lint-checks.json', () => {
    expect(readFileSync(vendored, 'utf8')).toBe(readFileSync(research, 'utf8'));
  });

  it('every row is covered by a rule or explained in rules/NOT-COVERED.md', () => {
    const missing = rows.filter((r) => !covered.has(r.id) && !notCovered.has(r.id)).map((r) => `${r.id} (${r.category}): ${r.summary}`);
    expect(missing, 'add the id to a rule\'s meta.sources as {tool: "iamcheck-catalog", id}, or to rules/NOT-COVERED.md with the reason').toEqual([]);
  });

  it('rules and NOT-COVERED.md name only ids of the catalog', () => {
    const unknown = [...covered.keys(), ...notCovered.keys()].filter((id) => !ids.has(id));
    expect(unknown).toEqual([]);
  });

  it('NOT-COVERED.md lists no id that a rule covers, and gives every row a reason', () => {
    const stale = [...notCovered.keys()].filter((id) => covered.has(id)).map((id) => `${id} (covered by ${covered.get(id)!.join(', ')})`);
    expect(stale, 'remove these rows from rules/NOT-COVERED.md').toEqual([]);
    expect([...notCovered].filter(([, reason]) => reason.length < 20).map(([id]) => id)).toEqual([]);
  });
});
