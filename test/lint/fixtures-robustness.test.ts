// Every rule, on every policy document found in every fixture of the repository (hostile inputs included),
// reports findings and never throws: a rule that throws is a bug that would stop `iamcheck lint`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../src/core/source.js';
import { documentsInFile, type PolicyDocument } from '../../src/policy/documents.js';
import { lintDocument } from '../../src/lint/runner.js';
import { allRules } from '../../rules/index.js';

const root = fileURLToPath(new URL('../../fixtures/', import.meta.url));

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(json|ya?ml|template)$/.test(name)) out.push(path);
  }
  return out;
}

describe('rules on every fixture', () => {
  it('never throw', () => {
    const everyRule = Object.fromEntries(allRules.map((r) => [r.name, { severity: r.meta.severity }]));
    const crashes: string[] = [];
    let documents = 0;
    for (const file of walk(root, [])) {
      let found: PolicyDocument[];
      try {
        found = documentsInFile(createSourceFile(file, readFileSync(file, 'utf8'))).documents;
      } catch {
        continue; // Not a readable policy container: the parser's tests cover it.
      }
      for (const document of found) {
        documents++;
        for (const rule of allRules) {
          try {
            lintDocument(document, { rules: everyRule, ruleList: [rule] });
          } catch (error) {
            crashes.push(`${file.slice(root.length)}: ${rule.name}: ${(error as Error).message}`);
          }
        }
      }
    }
    expect(documents).toBeGreaterThan(50);
    expect(crashes).toEqual([]);
  }, 120_000);
});
