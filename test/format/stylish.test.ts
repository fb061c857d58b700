import { describe, expect, test } from 'vitest';
import { formatStylish } from '../../src/format/stylish.js';
import { EMPTY, SAMPLE } from './sample.js';
import { stripAnsi } from './helpers.js';

describe('stylish', () => {
  test('one aligned row per finding under its file, files without findings left out, then the summary', () => {
    expect(formatStylish(SAMPLE)).toBe(
      [
        'policies/app.json',
        '  7:17  warning  Statement `ReadAll` allows every action with `*`.         no-wildcard-action',
        '  8:19  error    Statement `ReadAll` applies to every resource, with `*`.  no-wildcard-resource',
        '',
        'policies/invalid.json',
        '  2:27  error  Invalid JSON: unexpected `,`.  parse/invalid-json',
        '',
        'policies/trust role.json',
        '  4:1  info  The policy has no statements, so it allows nothing.  schema/statement-empty',
        '',
        '✖ 4 problems (2 errors, 1 warning, 1 info)',
        '',
      ].join('\n'),
    );
  });

  test('findings below failOn: the summary says the check passes', () => {
    const report = { ...SAMPLE, files: [SAMPLE.files[3]] };
    expect(formatStylish(report)).toBe(
      [
        'policies/trust role.json',
        '  4:1  info  The policy has no statements, so it allows nothing.  schema/statement-empty',
        '',
        '⚠ 1 problem (0 errors, 0 warnings, 1 info) — none at or above `error`, so the check passes',
        '',
      ].join('\n'),
    );
  });

  test('nothing to report: empty output, like ESLint', () => {
    expect(formatStylish(EMPTY)).toBe('');
    expect(formatStylish({ ...SAMPLE, files: [SAMPLE.files[2]] })).toBe('');
  });

  test('wide characters in messages keep the rule column aligned', () => {
    const base = SAMPLE.files[0].findings[0];
    const report = {
      ...EMPTY,
      files: [{
        file: 'a.json', policyType: 'identity',
        findings: [{ ...base, message: 'Sid `读取` is odd.' }, { ...base, message: 'Sid `ab` is odd.' }],
      }],
    };
    expect(formatStylish(report).split('\n').slice(1, 3)).toEqual([
      '  7:17  warning  Sid `读取` is odd.  no-wildcard-action',
      '  7:17  warning  Sid `ab` is odd.    no-wildcard-action',
    ]);
  });

  test('color only when asked, over the same text', () => {
    const colored = formatStylish(SAMPLE, { color: true });
    expect(colored).toContain('\u001b[31merror  \u001b[39m');
    expect(stripAnsi(colored)).toBe(formatStylish(SAMPLE));
    expect(formatStylish(SAMPLE)).not.toContain('\u001b');
  });
});
