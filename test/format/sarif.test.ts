import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { formatSarif, toArtifactUri } from '../../src/format/sarif.js';
import type { LintReport } from '../../src/format/types.js';
import { EMPTY, SAMPLE } from './sample.js';

const require = createRequire(import.meta.url);
const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false }) // the schema's language pattern is not a valid `u` regex;
addFormats.default(ajv);
const validate = ajv.compile(sarifSchema);

function region(startLine: number, startColumn: number, endLine: number, endColumn: number) {
  return { startLine, startColumn, endLine, endColumn };
}

describe('sarif', () => {
  test('one run: the driver with every rule (listed ones first, then parse/schema ones), results with exact regions', () => {
    expect(JSON.parse(formatSarif(SAMPLE))).toEqual({
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{
        tool: {
          driver: {
            name: 'iamcheck',
            version: '1.2.3',
            informationUri: 'https://iamcheck.dev',
            rules: [
              {
                id: 'no-wildcard-action',
                shortDescription: { text: 'Disallow `*` as the action of an Allow statement' },
                helpUri: 'https://iamcheck.dev/rules/no-wildcard-action',
                defaultConfiguration: { level: 'warning' },
                properties: { policyKinds: ['identity', 'resource'] },
              },
              {
                id: 'no-wildcard-resource',
                shortDescription: { text: 'Disallow `*` as the resource of an Allow statement' },
                defaultConfiguration: { level: 'warning' },
              },
              {
                id: 'unused-rule',
                shortDescription: { text: 'A rule with no findings' },
                defaultConfiguration: { level: 'note' },
              },
              {
                id: 'parse/invalid-json',
                shortDescription: { text: 'The file must be readable, valid JSON or YAML, and within iamcheck\'s limits.' },
                defaultConfiguration: { level: 'error' },
              },
              {
                id: 'schema/statement-empty',
                shortDescription: { text: 'The policy must follow the IAM JSON policy grammar.' },
                helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html',
                defaultConfiguration: { level: 'note' },
              },
            ],
          },
        },
        columnKind: 'utf16CodeUnits',
        results: [
          {
            ruleId: 'no-wildcard-action', ruleIndex: 0, level: 'warning',
            message: {
              text: 'Statement `ReadAll` allows every action with `*`.\n' +
                'A wildcard also grants every action AWS adds to the service later.\n' +
                'Help: List only the actions this principal needs.',
            },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'policies/app.json' }, region: region(7, 17, 7, 20) } }],
          },
          {
            // The rule's default is warning; the finding's own severity (after config) wins.
            ruleId: 'no-wildcard-resource', ruleIndex: 1, level: 'error',
            message: { text: 'Statement `ReadAll` applies to every resource, with `*`.' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'policies/app.json' }, region: region(8, 19, 8, 22) } }],
          },
          {
            ruleId: 'parse/invalid-json', ruleIndex: 3, level: 'error',
            message: { text: 'Invalid JSON: unexpected `,`.\nHelp: Remove the extra comma.' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'policies/invalid.json' }, region: region(2, 27, 2, 28) } }],
          },
          {
            ruleId: 'schema/statement-empty', ruleIndex: 4, level: 'note',
            message: { text: 'The policy has no statements, so it allows nothing.' },
            locations: [{
              physicalLocation: { artifactLocation: { uri: 'policies/trust%20role.json' }, region: region(4, 1, 4, 2) },
            }],
          },
        ],
      }],
    });
  });

  test('a finding with a fix carries it as a SARIF fix', () => {
    const base = SAMPLE.files[0].findings[0];
    const report: LintReport = {
      ...EMPTY,
      files: [{ file: 'a.json', policyType: 'identity', findings: [{ ...base, notes: undefined, help: undefined, fix: { span: base.span, text: '"s3:GetObject"' } }] }],
    };
    const log = JSON.parse(formatSarif(report));
    expect(log.runs[0].results[0].fixes).toEqual([{
      artifactChanges: [{
        artifactLocation: { uri: 'a.json' },
        replacements: [{ deletedRegion: region(7, 17, 7, 20), insertedContent: { text: '"s3:GetObject"' } }],
      }],
    }]);
    expect(validate(log)).toBe(true);
  });

  test('an empty report is a run with no results', () => {
    const log = JSON.parse(formatSarif(EMPTY));
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toEqual([]);
  });

  test.each([
    ['sample', SAMPLE],
    ['empty', EMPTY],
  ])('output validates against the SARIF 2.1.0 schema (%s)', (_name, report) => {
    const ok = validate(JSON.parse(formatSarif(report)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('the schema check can fail: a level SARIF does not know is rejected', () => {
    const log = JSON.parse(formatSarif(SAMPLE));
    log.runs[0].results[0].level = 'info';
    expect(validate(log)).toBe(false);
  });

  test.each([
    ['policies/app.json', 'policies/app.json'],
    ['./policies/app.json', 'policies/app.json'],
    ['policies\\win\\app.json', 'policies/win/app.json'],
    ['a b/c#d?.json', 'a%20b/c%23d%3F.json'],
    ['role:admin.json', 'role%3Aadmin.json'],
    ['<stdin>', '%3Cstdin%3E'],
    ['/abs/dir/app.json', 'file:///abs/dir/app.json'],
    ['C:\\work\\app.json', 'file:///C:/work/app.json'],
    ['读取.json', '%E8%AF%BB%E5%8F%96.json'],
  ])('artifact URI of %j is %j', (path, uri) => {
    expect(toArtifactUri(path)).toBe(uri);
  });
});
