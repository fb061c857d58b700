import { describe, expect, test } from 'vitest';
import { FORMAT_NAMES, formatReport, isFormatName } from '../../src/format/index.js';
import { EMPTY, SAMPLE } from './sample.js';

describe('formatReport', () => {
  test.each([
    ['codeframe', '✔ 0 files checked, no problems\n'],
    ['stylish', ''],
    ['github', ''],
  ] as const)('empty report in %s', (format, expected) => {
    expect(formatReport(EMPTY, format)).toBe(expected);
  });

  test.each(FORMAT_NAMES.map((name) => [name]))('%s is pure: same report, same text', (format) => {
    const snapshot = JSON.stringify(SAMPLE);
    expect(formatReport(SAMPLE, format)).toBe(formatReport(SAMPLE, format));
    expect(JSON.stringify(SAMPLE)).toBe(snapshot);
  });

  test('format names', () => {
    expect(FORMAT_NAMES).toEqual(['codeframe', 'stylish', 'json', 'sarif', 'github']);
    expect(isFormatName('sarif')).toBe(true);
    expect(isFormatName('toString')).toBe(false);
    expect(isFormatName('xml')).toBe(false);
  });

  test('color reaches only the terminal formats', () => {
    expect(formatReport(SAMPLE, 'codeframe', { color: true })).toContain('\u001b[');
    expect(formatReport(SAMPLE, 'json', { color: true })).not.toContain('\u001b[');
    expect(formatReport(SAMPLE, 'sarif', { color: true })).not.toContain('\u001b[');
  });
});
