// Every documented AWS behaviour in fixtures/eval/<topic>/*.yaml, run through the `iamcheck test` runner.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarioFiles } from '../../src/cli/commands/test.js';

const root = join(import.meta.dirname, '../../fixtures/eval');
const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => join(root, f));

const run = await runScenarioFiles(files, process.cwd());

describe('fixtures/eval', () => {
  it('has fixture files for every documented topic', () => {
    const topics = new Set(files.map((f) => relative(root, f).split(/[\\/]/)[0]));
    expect([...topics].sort()).toEqual([
      'action-matching', 'conditions', 'evaluation-logic', 'permissions-boundaries', 'policy-variables', 'principals',
      'rcps', 'request-context', 'resource-matching', 'root-user', 'scps', 'session-policies', 'trust-policies',
    ]);
  });

  it('every fixture file cites the AWS page it follows', () => {
    for (const file of files) {
      const header = /^(#.*\n)+/.exec(readFileSync(file, 'utf8'))?.[0] ?? '';
      expect(header, file).toMatch(/https:\/\/docs\.aws\.amazon\.com\/\S+/);
    }
  });

  it('every fixture file reads without input errors', () => {
    expect(run.errors.map((e) => `${e.file}:${e.span.start.line}:${e.span.start.column} ${e.message}`)).toEqual([]);
  });

  for (const file of files) {
    const name = relative(root, file);
    describe(name, () => {
      for (const result of run.results.filter((r) => r.file === file)) {
        it(result.name, () => {
          expect({ decision: result.decision, errors: result.outcome.errors.map((e) => e.message) })
            .toEqual({ decision: result.pass ? result.decision : result.expect === 'denied' ? 'explicitDeny or implicitDeny' : result.expect, errors: [] });
        });
      }
    });
  }
});
