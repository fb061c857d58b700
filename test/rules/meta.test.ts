// Every rule lives in four places (rules/<id>.ts, rules/<id>.md, test/rules/<id>.test.ts, rules/index.ts), and the
// examples of its doc run here: each ❌ example must report the rule, each ✅ example must not.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import { extractDocExamples } from '../../src/lint/docs.js';
import { reportsForCase } from '../../src/lint/rule-tester.js';

const rulesDir = new URL('../../rules/', import.meta.url);
const testsDir = new URL('./', import.meta.url);
const HELPER_FILES = ['index.ts'];

describe('rules/index.ts', () => {
  it('lists every rule file exactly once', () => {
    const files = readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && !HELPER_FILES.includes(f)).map((f) => f.slice(0, -3)).sort();
    expect(allRules.map((r) => r.name).sort()).toEqual(files);
  });
  it('has unique rule names', () => {
    expect(new Set(allRules.map((r) => r.name)).size).toBe(allRules.length);
  });
});

for (const rule of allRules) {
  describe(rule.name, () => {
    it('has its doc and its test file', () => {
      expect(existsSync(new URL(`${rule.name}.md`, rulesDir)), `rules/${rule.name}.md`).toBe(true);
      expect(existsSync(new URL(`${rule.name}.test.ts`, testsDir)), `test/rules/${rule.name}.test.ts`).toBe(true);
    });
    it('names sources with a tool and an id', () => {
      expect(rule.meta.sources.length).toBeGreaterThan(0);
      for (const source of rule.meta.sources) expect(source.tool.length * source.id.length).toBeGreaterThan(0);
    });
    const doc = existsSync(new URL(`${rule.name}.md`, rulesDir)) ? readFileSync(new URL(`${rule.name}.md`, rulesDir), 'utf8') : '';
    const examples = extractDocExamples(doc);
    it('has a title, and ❌ and ✅ examples in its doc', () => {
      expect(doc.startsWith(`# ${rule.name}\n`), 'the doc starts with `# <id>`').toBe(true);
      expect(examples.some((e) => e.expect === 'report'), 'a ❌ example').toBe(true);
      expect(examples.some((e) => e.expect === 'clean'), 'a ✅ example').toBe(true);
    });
    for (const example of examples) {
      it(`doc example at line ${example.line} ${example.expect === 'report' ? 'reports' : 'does not report'} ${rule.name}`, () => {
        const reports = reportsForCase(rule, example);
        const summary = reports.map((r) => `${r.finding.span.start.line}:${r.finding.span.start.column} ${r.finding.message}`);
        if (example.expect === 'report') expect(summary.length, 'the ❌ example reports something').toBeGreaterThan(0);
        else expect(summary).toEqual([]);
      });
    }
  });
}
