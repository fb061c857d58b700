import type { LintReport } from '../../src/format/types.js';
import { findingAt, findingOn, readFixture, sourceOf } from './helpers.js';

const app = readFixture('app.json', 'policies/app.json');
const invalid = readFixture('invalid.json', 'policies/invalid.json');
// CRLF line breaks, a space in the file name, a finding on the last line.
const trustText = '{\r\n  "Version": "2012-10-17",\r\n  "Statement": []\r\n}';
const trust = sourceOf('policies/trust role.json', trustText);

/**
 * One report used by every format's test: a warning with notes and help, a fatal parse error, a clean file,
 * and an info on the last line of a CRLF file.
 */
export const SAMPLE: LintReport = {
  files: [
    {
      file: 'policies/app.json',
      policyType: 'identity',
      source: app,
      findings: [
        findingOn(app, '"*"', {
          ruleId: 'no-wildcard-action',
          severity: 'warning',
          message: 'Statement `ReadAll` allows every action with `*`.',
          notes: ['A wildcard also grants every action AWS adds to the service later.'],
          help: 'List only the actions this principal needs.',
        }),
        findingOn(app, '"*"', {
          ruleId: 'no-wildcard-resource',
          severity: 'error',
          message: 'Statement `ReadAll` applies to every resource, with `*`.',
        }, 1),
      ],
    },
    {
      file: 'policies/invalid.json',
      policyType: 'unknown',
      source: invalid,
      findings: [
        findingOn(invalid, ',', {
          ruleId: 'parse/invalid-json',
          severity: 'error',
          fatal: true,
          message: 'Invalid JSON: unexpected `,`.',
          help: 'Remove the extra comma.',
        }, 1),
      ],
    },
    { file: 'policies/clean.json', policyType: 'identity', findings: [] },
    {
      file: 'policies/trust role.json',
      policyType: 'trust',
      source: trust,
      findings: [
        findingAt(trust, trustText.length - 1, trustText.length, {
          ruleId: 'schema/statement-empty',
          severity: 'info',
          message: 'The policy has no statements, so it allows nothing.',
        }),
      ],
    },
  ],
  rules: [
    {
      id: 'no-wildcard-action',
      severity: 'warning',
      description: 'Disallow `*` as the action of an Allow statement',
      helpUri: 'https://iamcheck.dev/rules/no-wildcard-action',
      kinds: ['identity', 'resource'],
    },
    { id: 'no-wildcard-resource', severity: 'warning', description: 'Disallow `*` as the resource of an Allow statement' },
    { id: 'unused-rule', severity: 'info', description: 'A rule with no findings' },
  ],
  failOn: 'error',
  toolVersion: '1.2.3',
};

/** A report with nothing in it. */
export const EMPTY: LintReport = { files: [], rules: [], failOn: 'error', toolVersion: '1.2.3' };
