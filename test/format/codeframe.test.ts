import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import type { SourceFile } from '../../src/core/source.js';
import { formatCodeframe, formatDiagnostic } from '../../src/format/codeframe.js';
import { parseJson } from '../../src/policy/parse-json.js';
import type { LintReport } from '../../src/format/types.js';
import { findingAt, findingOn, readFixture, sourceOf, stripAnsi, type FindingFields } from './helpers.js';

function reportOf(source: SourceFile | undefined, findings: Finding[], file = source?.path ?? 'x.json'): LintReport {
  return {
    files: [{ file, policyType: 'identity', findings, source }],
    rules: [],
    failOn: 'warning',
    toolVersion: '0.0.0-test',
  };
}

const WILDCARD: FindingFields = {
  ruleId: 'no-wildcard-action',
  severity: 'warning',
  message: 'Statement `ReadAll` allows every action with `*`.',
  notes: ['A wildcard also grants every action AWS adds to the service later.'],
  help: 'List only the actions this principal needs.',
};

const APP = readFixture('app.json', 'policies/app.json');

describe('codeframe', () => {
  test('looks exactly like STYLE.md "A diagnostic in the terminal"', () => {
    expect(formatCodeframe(reportOf(APP, [findingOn(APP, '"*"', WILDCARD)]))).toBe(
      [
        'policies/app.json:7:17  warning  no-wildcard-action',
        '  × Statement `ReadAll` allows every action with `*`.',
        '    6 │       "Effect": "Allow",',
        '  > 7 │       "Action": "*",',
        '      │                 ^^^',
        '  i A wildcard also grants every action AWS adds to the service later.',
        '  help: List only the actions this principal needs.',
        '',
        '✖ 1 problem (0 errors, 1 warning, 0 infos)',
        '',
      ].join('\n'),
    );
  });

  test('a CRLF source gives the same frame, with no carriage return in it', () => {
    const crlf = sourceOf('policies/app.json', APP.text.replace(/\n/g, '\r\n'));
    const finding = findingOn(crlf, '"*"', WILDCARD);
    expect(finding.span).toEqual({ start: { line: 7, column: 17, offset: 123 }, end: { line: 7, column: 20, offset: 126 } });
    const out = formatCodeframe(reportOf(crlf, [finding]));
    expect(out).toBe(formatCodeframe(reportOf(APP, [findingOn(APP, '"*"', WILDCARD)])));
    expect(out).not.toContain('\r');
  });

  test('a finding on the last line, in a file without a final newline', () => {
    const source = sourceOf('last.json', '{\n  "Version": "2012-10-17",\n  "Statement": []}');
    const finding = findingOn(source, '[]', { ruleId: 'schema/statement-empty', severity: 'error', message: '`Statement` is empty.' });
    expect(formatCodeframe(reportOf(source, [finding]))).toBe(
      [
        'last.json:3:16  error  schema/statement-empty',
        '  × `Statement` is empty.',
        '    2 │   "Version": "2012-10-17",',
        '  > 3 │   "Statement": []}',
        '      │                ^^',
        '',
        '✖ 1 problem (1 error, 0 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
  });

  test('a fatal parse error at the end of the input points at the empty last line', () => {
    const text = '{\n  "Version": "2012-10-17",\n';
    const source = sourceOf('cut.json', text);
    const finding = findingAt(source, text.length, text.length, {
      ruleId: 'parse/invalid-json', severity: 'error', fatal: true,
      message: 'Invalid JSON: the document ends before its `{` on line 1 is closed.',
      help: 'Close the object with `}`.',
    });
    expect(formatCodeframe(reportOf(source, [finding]))).toBe(
      [
        'cut.json:3:1  error  parse/invalid-json',
        '  × Invalid JSON: the document ends before its `{` on line 1 is closed.',
        '    2 │   "Version": "2012-10-17",',
        '  > 3 │',
        '      │ ^',
        '  help: Close the object with `}`.',
        '',
        '✖ 1 problem (1 error, 0 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
  });

  test('a fatal parse error in a fixture file (two commas in a row)', () => {
    const source = readFixture('invalid.json', 'policies/invalid.json');
    const finding = findingOn(source, ',', {
      ruleId: 'parse/invalid-json', severity: 'error', fatal: true, message: 'Invalid JSON: unexpected `,`.',
    }, 1);
    expect(formatCodeframe(reportOf(source, [finding]))).toBe(
      [
        'policies/invalid.json:2:27  error  parse/invalid-json',
        '  × Invalid JSON: unexpected `,`.',
        '    1 │ {',
        '  > 2 │   "Version": "2012-10-17",,',
        '      │                           ^',
        '',
        '✖ 1 problem (1 error, 0 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
  });

  test('the parser\'s own fatal finding for the fixture renders at its position (message wording is the parser\'s)', () => {
    const source = readFixture('invalid.json', 'policies/invalid.json');
    const { findings } = parseJson(source);
    expect(findings.map((f) => [f.ruleId, f.fatal])).toEqual([['parse/invalid-json', true]]);
    const lines = formatDiagnostic(findings[0], source).split('\n');
    expect(lines[0]).toBe('policies/invalid.json:2:27  error  parse/invalid-json');
    expect(lines.slice(2, 5)).toEqual([
      '    1 │ {',
      '  > 2 │   "Version": "2012-10-17",,',
      '      │                           ^',
    ]);
  });

  test('a finding without a source (unreadable file) has no frame', () => {
    const finding: Finding = {
      ruleId: 'parse/invalid-utf8', severity: 'error', fatal: true, file: 'bin.json',
      message: 'The file is not UTF-8 text.', help: 'Save it as UTF-8.',
      span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
    };
    expect(formatCodeframe(reportOf(undefined, [finding], 'bin.json'))).toBe(
      [
        'bin.json:1:1  error  parse/invalid-utf8',
        '  × The file is not UTF-8 text.',
        '  help: Save it as UTF-8.',
        '',
        '✖ 1 problem (1 error, 0 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
  });

  test('a multi-line span is underlined to the end of its first line', () => {
    const start = APP.text.indexOf('"Statement"');
    const end = APP.text.lastIndexOf(']') + 1;
    const finding = findingAt(APP, start, end, { ruleId: 'r', severity: 'info', message: 'The whole statement list.' });
    expect(finding.span.end).toEqual({ line: 10, column: 4, offset: 153 });
    expect(formatCodeframe(reportOf(APP, [finding]))).toBe(
      [
        'policies/app.json:3:3  info  r',
        '  × The whole statement list.',
        '    2 │   "Version": "2012-10-17",',
        '  > 3 │   "Statement": [',
        '      │   ^^^^^^^^^^^^^^',
        '',
        '⚠ 1 problem (0 errors, 0 warnings, 1 info) — none at or above `warning`, so the check passes',
        '',
      ].join('\n'),
    );
  });

  test('an empty span gets one caret; the gutter widens for two-digit line numbers', () => {
    const source = sourceOf('ten.json', '{\n' + '\n'.repeat(8) + '"a": 1}\n');
    const at = source.text.indexOf('1');
    const finding = findingAt(source, at, at, { ruleId: 'r', severity: 'warning', message: 'Here.' });
    expect(formatCodeframe(reportOf(source, [finding]))).toBe(
      [
        'ten.json:10:6  warning  r',
        '  × Here.',
        '     9 │',
        '  > 10 │ "a": 1}',
        '       │      ^',
        '',
        '✖ 1 problem (0 errors, 1 warning, 0 infos)',
        '',
      ].join('\n'),
    );
  });

  // wide.json line 3 is a tab, then `"Statement": [{"Sid": "读取全部", "Effect": "Allow", "Action": "*", ...`.
  // The tab takes 4 cells and each of the four CJK characters 2, so UTF-16 column 61 (`"*"`) is cell 67
  // and column 24 (`"读取全部"`, 10 cells wide) is cell 26.
  test('tabs expand to 4-cell stops and wide characters take two cells', () => {
    const source = readFixture('wide.json', 'wide.json');
    const action = findingOn(source, '"*"', { ruleId: 'r', severity: 'error', message: 'Action.' });
    const sid = findingOn(source, '"读取全部"', { ruleId: 'r', severity: 'error', message: 'Sid.' });
    const line3 = '    "Statement": [{"Sid": "读取全部", "Effect": "Allow", "Action": "*", "Resource": "*"}]';
    expect(formatCodeframe(reportOf(source, [action, sid]))).toBe(
      [
        'wide.json:3:61  error  r',
        '  × Action.',
        '    2 │     "Version": "2012-10-17",',
        `  > 3 │ ${line3}`,
        '      │ ' + ' '.repeat(67) + '^^^',
        '',
        'wide.json:3:24  error  r',
        '  × Sid.',
        '    2 │     "Version": "2012-10-17",',
        `  > 3 │ ${line3}`,
        '      │ ' + ' '.repeat(26) + '^'.repeat(10),
        '',
        '✖ 2 problems (2 errors, 0 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
  });

  test('a character outside the BMP (a surrogate pair) is one wide character', () => {
    const source = sourceOf('emoji.json', '{"Sid": "🚀x", "Action": "*"}');
    const sid = findingOn(source, '"🚀x"', { ruleId: 'r', severity: 'error', message: 'Sid.' });
    const action = findingOn(source, '"*"', { ruleId: 'r', severity: 'error', message: 'Action.' });
    expect(sid.span.start.column).toBe(9);
    expect(sid.span.end.column).toBe(14);
    expect(action.span.start.column).toBe(26);
    expect(formatCodeframe(reportOf(source, [sid, action]))).toBe(
      [
        'emoji.json:1:9  error  r',
        '  × Sid.',
        '  > 1 │ {"Sid": "🚀x", "Action": "*"}',
        '      │         ^^^^^',
        '',
        'emoji.json:1:26  error  r',
        '  × Action.',
        '  > 1 │ {"Sid": "🚀x", "Action": "*"}',
        '      │                          ^^^',
        '',
        '✖ 2 problems (2 errors, 0 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
  });

  test('control and bidi characters are shown, never sent to the terminal', () => {
    const source = sourceOf('hostile.json', '{"Sid": "a\u001b[2Jb\u202ec", "Action": "*"}');
    const finding = findingOn(source, '"*"', {
      ruleId: 'r', severity: 'error', message: 'Sid `a\u001b[2Jb` is odd.\nSecond line.',
    });
    expect(formatCodeframe(reportOf(source, [finding]))).toBe(
      [
        'hostile.json:1:31  error  r',
        '  × Sid `a␛[2Jb` is odd.␊Second line.',
        '  > 1 │ {"Sid": "a␛[2Jb\ufffdc", "Action": "*"}',
        '      │ ' + ' '.repeat(30) + '^^^',
        '',
        '✖ 1 problem (1 error, 0 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
  });

  test('a long (minified) line is shown through a window around the span, cut ends marked with `…`', () => {
    const statements = Array.from({ length: 12 }, (_, i) => `{"Sid":"S${i}","Effect":"Allow","Action":"s3:GetObject"}`);
    const text = `{"Version":"2012-10-17","Statement":[${statements.join(',')},{"Sid":"Bad","Effect":"Allow","Action":"*"}]}`;
    expect(text.length).toBe(732);
    const source = sourceOf('min.json', text);
    const wildcard = findingOn(source, '"*"', { ruleId: 'r', severity: 'error', message: 'Wildcard.' });
    const version = findingOn(source, '"2012-10-17"', { ruleId: 'r', severity: 'error', message: 'Version.' });
    expect(wildcard.span.start.column).toBe(727);
    // Column 727 is cell 726; the window is cells [696, 796), after a `…`, and reaches the end of the line.
    // Column 12 is near the start: the window is cells [0, 100) and the rest of the line is cut.
    expect(formatCodeframe(reportOf(source, [wildcard, version]))).toBe(
      [
        'min.json:1:727  error  r',
        '  × Wildcard.',
        `  > 1 │ …${text.slice(696)}`,
        '      │ ' + ' '.repeat(31) + '^^^',
        '',
        'min.json:1:12  error  r',
        '  × Version.',
        `  > 1 │ ${text.slice(0, 100)}…`,
        '      │ ' + ' '.repeat(11) + '^'.repeat(12),
        '',
        '✖ 2 problems (2 errors, 0 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
  });

  test('a one-megabyte line is laid out only near the span, with the same look', () => {
    const text = `{"Sid": "${'x'.repeat(1_000_000)}", "Action": "*"}\n`;
    const source = sourceOf('huge.json', text);
    const finding = findingOn(source, '"*"', { ruleId: 'r', severity: 'error', message: 'Wildcard.' });
    expect(finding.span.start.column).toBe(1_000_023);
    // Column 1000023 is unit 1000022: the window shows units [1000022 - 30, 1000022 + 70) of the line.
    expect(formatCodeframe(reportOf(source, [finding]))).toBe(
      [
        'huge.json:1:1000023  error  r',
        '  × Wildcard.',
        `  > 1 │ …${'x'.repeat(17)}", "Action": "*"}`,
        '      │ ' + ' '.repeat(31) + '^^^',
        '',
        '✖ 1 problem (1 error, 0 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
  });

  test('a huge context line above a short marked line is cut, not printed whole', () => {
    const text = `{"Sid": "${'y'.repeat(5000)}",\n"Action": "*"}`;
    const source = sourceOf('above.json', text);
    const finding = findingOn(source, '"*"', { ruleId: 'r', severity: 'error', message: 'Wildcard.' });
    expect(formatCodeframe(reportOf(source, [finding]))).toBe(
      [
        'above.json:2:11  error  r',
        '  × Wildcard.',
        `    1 │ ${('{"Sid": "' + 'y'.repeat(91))}…`,
        '  > 2 │ "Action": "*"}',
        '      │           ^^^',
        '',
        '✖ 1 problem (1 error, 0 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
  });

  test('an empty report says so', () => {
    expect(formatCodeframe({ files: [], rules: [], failOn: 'error', toolVersion: '0' })).toBe('✔ 0 files checked, no problems\n');
    expect(formatCodeframe(reportOf(APP, []))).toBe('✔ 1 file checked, no problems\n');
  });

  test('color: ANSI styles only when asked, and the text under them is the plain output', () => {
    const report = reportOf(APP, [findingOn(APP, '"*"', WILDCARD)]);
    const plain = formatCodeframe(report);
    const colored = formatCodeframe(report, { color: true });
    expect(plain).not.toContain('\u001b');
    expect(colored).toContain('\u001b[33m^^^\u001b[39m');
    expect(stripAnsi(colored)).toBe(plain);
  });
});
