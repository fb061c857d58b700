import { describe, expect, test } from 'vitest';
import type { Severity } from '../../src/core/finding.js';
import { exitCodeFor, summarize } from '../../src/format/summary.js';
import type { LintReport } from '../../src/format/types.js';
import { EMPTY, SAMPLE } from './sample.js';

function withOnly(severities: Severity[], failOn: Severity): LintReport {
  const base = SAMPLE.files[0].findings[0];
  return {
    ...EMPTY,
    failOn,
    files: [{ file: 'a.json', policyType: 'identity', findings: severities.map((severity) => ({ ...base, severity })) }],
  };
}

describe('summarize and exitCodeFor', () => {
  test('the sample report', () => {
    expect(summarize(SAMPLE)).toEqual({ files: 4, errors: 2, warnings: 1, infos: 1, failOn: 'error', failed: true });
    expect(exitCodeFor(SAMPLE)).toBe(1);
  });

  test('an empty report passes', () => {
    expect(summarize(EMPTY)).toEqual({ files: 0, errors: 0, warnings: 0, infos: 0, failOn: 'error', failed: false });
    expect(exitCodeFor(EMPTY)).toBe(0);
  });

  test.each([
    [[], 'info', 0],
    [['info'], 'info', 1],
    [['info'], 'warning', 0],
    [['warning'], 'warning', 1],
    [['warning', 'info'], 'error', 0],
    [['info', 'error'], 'error', 1],
    [['error'], 'info', 1],
  ] as [Severity[], Severity, number][])('findings %j with failOn %s: exit %i', (severities, failOn, code) => {
    expect(exitCodeFor(withOnly(severities, failOn))).toBe(code);
    expect(summarize(withOnly(severities, failOn)).failed).toBe(code === 1);
  });
});
