import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocExamples, readmeTable, renderRulesTable, updateReadmeTable } from '../../src/lint/docs.js';
import noWildcardAction from '../../rules/no-wildcard-action.js';

describe('renderRulesTable', () => {
  it('renders one row per rule from meta', () => {
    expect(renderRulesTable([noWildcardAction]).split('\n')).toEqual([
      '| Rule | Severity | On by default | Policy kinds | Checks |',
      '|---|---|---|---|---|',
      '| [`no-wildcard-action`](rules/no-wildcard-action.md) | warning | yes | identity, resource | Disallow `*` and `service:*` as the action of an Allow statement |',
    ]);
  });

  it('matches the table in README.md (run `npm run docs` to regenerate)', () => {
    const path = new URL('../../README.md', import.meta.url);
    const current = existsSync(path) ? readmeTable(readFileSync(path, 'utf8')) : undefined;
    // Until the README has its markers, there is nothing to compare (the lead adds them).
    if (current === undefined) return;
    expect(current).toBe(renderRulesTable());
  });

  it('replaces only the text between the markers', () => {
    const readme = 'intro\n<!-- rules:start -->\nold\n<!-- rules:end -->\nend\n';
    expect(updateReadmeTable(readme, 'NEW')).toBe('intro\n<!-- rules:start -->\nNEW\n<!-- rules:end -->\nend\n');
    expect(updateReadmeTable('no markers', 'NEW')).toBe('no markers');
  });
});

describe('extractDocExamples', () => {
  it('takes ```json blocks under ❌ and ✅ headings, with kind and resourceType from the info string', () => {
    const doc = [
      '# x', '', '```json', '{"ignored": "before any marker"}', '```',
      '## ❌ Incorrect', '```json kind=resource resourceType=AWS::KMS::Key', '{"a": 1}', '```',
      '### a sub-heading stays in the section', '```json', '{"b": 2}', '```',
      '## ✅ Correct', '```json', '{"c": 3}', '```',
      '## Options', '```json', '{"d": 4}', '```',
    ].join('\n');
    expect(extractDocExamples(doc)).toEqual([
      { expect: 'report', code: '{"a": 1}', line: 7, kind: 'resource', resourceType: 'AWS::KMS::Key' },
      { expect: 'report', code: '{"b": 2}', line: 11 },
      { expect: 'clean', code: '{"c": 3}', line: 15 },
    ]);
  });
});
