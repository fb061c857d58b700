import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { formatJson, type JsonReport } from '../../src/format/json.js';
import { EMPTY, SAMPLE } from './sample.js';

const schemaPath = fileURLToPath(new URL('../../schemas/lint-output.schema.json', import.meta.url));
const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

describe('json', () => {
  test('the stable contract: every file, every finding with its exact span, and the summary', () => {
    const out = formatJson(SAMPLE);
    expect(out.endsWith('}\n')).toBe(true);
    expect(JSON.parse(out)).toEqual({
      files: [
        {
          file: 'policies/app.json',
          policyType: 'identity',
          findings: [
            {
              ruleId: 'no-wildcard-action', severity: 'warning',
              message: 'Statement `ReadAll` allows every action with `*`.',
              line: 7, column: 17, endLine: 7, endColumn: 20,
              notes: ['A wildcard also grants every action AWS adds to the service later.'],
              help: 'List only the actions this principal needs.',
            },
            {
              ruleId: 'no-wildcard-resource', severity: 'error',
              message: 'Statement `ReadAll` applies to every resource, with `*`.',
              line: 8, column: 19, endLine: 8, endColumn: 22,
            },
          ],
        },
        {
          file: 'policies/invalid.json',
          policyType: 'unknown',
          findings: [
            {
              ruleId: 'parse/invalid-json', severity: 'error', message: 'Invalid JSON: unexpected `,`.',
              line: 2, column: 27, endLine: 2, endColumn: 28, help: 'Remove the extra comma.', fatal: true,
            },
          ],
        },
        { file: 'policies/clean.json', policyType: 'identity', findings: [] },
        {
          // CRLF source: line 4 is the last line, `}`.
          file: 'policies/trust role.json',
          policyType: 'trust',
          findings: [
            {
              ruleId: 'schema/statement-empty', severity: 'info',
              message: 'The policy has no statements, so it allows nothing.',
              line: 4, column: 1, endLine: 4, endColumn: 2,
            },
          ],
        },
      ],
      summary: { files: 4, errors: 2, warnings: 1, infos: 1, failOn: 'error', failed: true },
    });
  });

  test('an empty report', () => {
    expect(formatJson(EMPTY)).toBe(
      '{\n  "files": [],\n  "summary": {\n    "files": 0,\n    "errors": 0,\n    "warnings": 0,\n' +
        '    "infos": 0,\n    "failOn": "error",\n    "failed": false\n  }\n}\n',
    );
  });

  test.each([
    ['sample', SAMPLE],
    ['empty', EMPTY],
    ['failOn info', { ...SAMPLE, failOn: 'info' as const }],
  ])('output validates against schemas/lint-output.schema.json (%s)', (_name, report) => {
    const ok = validate(JSON.parse(formatJson(report)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('the example in src/format/README.md validates against the schema', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../src/format/README.md', import.meta.url)), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(readme);
    expect(example).not.toBeNull();
    expect(validate(JSON.parse((example as RegExpExecArray)[1]))).toBe(true);
  });

  test.each([
    ['a severity outside error|warning|info', (o: JsonReport) => { (o.files[0].findings[0] as { severity: string }).severity = 'fatal'; }],
    ['a 0 column', (o: JsonReport) => { o.files[0].findings[0].column = 0; }],
    ['a missing summary field', (o: JsonReport) => { delete (o.summary as Partial<JsonReport['summary']>).failed; }],
    ['an unlisted field', (o: JsonReport) => { Object.assign(o.files[0].findings[0], { extra: 1 }); }],
  ])('the schema rejects %s', (_name, spoil) => {
    const out = JSON.parse(formatJson(SAMPLE)) as JsonReport;
    spoil(out);
    expect(validate(out)).toBe(false);
  });
});
