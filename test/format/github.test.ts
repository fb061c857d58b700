import { describe, expect, test } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/format/github.js';
import type { LintReport } from '../../src/format/types.js';
import { EMPTY, SAMPLE } from './sample.js';

describe('github', () => {
  // Columns: GitHub takes them only on one-line annotations, and its endColumn is inclusive
  // (https://docs.github.com/en/rest/checks/runs#create-a-check-run), so a span ending at column 20 ends at 19.
  test('one workflow command per finding; info is a notice; notes and help on further message lines', () => {
    expect(formatGithub(SAMPLE)).toBe(
      [
        '::warning file=policies/app.json,line=7,col=17,endLine=7,endColumn=19,title=no-wildcard-action::' +
          'Statement `ReadAll` allows every action with `*`.%0AA wildcard also grants every action AWS adds to the ' +
          'service later.%0AHelp: List only the actions this principal needs.',
        '::error file=policies/app.json,line=8,col=19,endLine=8,endColumn=21,title=no-wildcard-resource::' +
          'Statement `ReadAll` applies to every resource, with `*`.',
        '::error file=policies/invalid.json,line=2,col=27,endLine=2,endColumn=27,title=parse/invalid-json::' +
          'Invalid JSON: unexpected `,`.%0AHelp: Remove the extra comma.',
        '::notice file=policies/trust role.json,line=4,col=1,endLine=4,endColumn=1,title=schema/statement-empty::' +
          'The policy has no statements, so it allows nothing.',
        '',
      ].join('\n'),
    );
  });

  test('a multi-line span gives line and endLine without columns', () => {
    const base = SAMPLE.files[0].findings[0];
    const report: LintReport = {
      ...EMPTY,
      files: [{
        file: 'a.json', policyType: 'identity',
        findings: [{ ...base, notes: undefined, help: undefined, span: {
          start: { line: 4, column: 5, offset: 40 }, end: { line: 9, column: 6, offset: 150 },
        } }],
      }],
    };
    expect(formatGithub(report)).toBe(
      '::warning file=a.json,line=4,endLine=9,title=no-wildcard-action::Statement `ReadAll` allows every action with `*`.\n',
    );
  });

  test.each([
    ['plain', 'plain', 'plain'],
    ['100%', '100%25', '100%25'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['k:v,w', 'k:v,w', 'k%3Av%2Cw'],
    ['%0A', '%250A', '%250A'],
  ])('escapes %j: data %j, property %j', (input, data, property) => {
    expect(escapeData(input)).toBe(data);
    expect(escapeProperty(input)).toBe(property);
  });

  test('hostile file names and rule ids cannot inject properties or commands', () => {
    const base = SAMPLE.files[0].findings[0];
    const report: LintReport = {
      ...EMPTY,
      files: [{
        file: 'dir\\a,line=1:b.json', policyType: 'identity',
        findings: [{ ...base, ruleId: 'x::y', notes: undefined, help: 'done\n::error::pwned' }],
      }],
    };
    expect(formatGithub(report)).toBe(
      '::warning file=dir/a%2Cline=1%3Ab.json,line=7,col=17,endLine=7,endColumn=19,title=x%3A%3Ay::' +
        'Statement `ReadAll` allows every action with `*`.%0AHelp: done%0A::error::pwned\n',
    );
  });

  test('nothing to report: empty output', () => {
    expect(formatGithub(EMPTY)).toBe('');
  });
});
