import { describe, expect, it } from 'vitest';
import { describeInputProblems } from '../../src/account/inputs.js';
import type { Finding } from '../../src/core/finding.js';

const at = (line: number, column: number, offset: number) => ({ start: { line, column, offset }, end: { line, column: column + 3, offset: offset + 3 } });

describe('describeInputProblems', () => {
  it('prints each problem at file:line:column with its help, and leaves out infos', () => {
    const findings: Finding[] = [
      { ruleId: 'account/undecodable-document', severity: 'error', file: 'dump.json', span: at(11, 139, 400), message: 'The document of `alice/Broken` is not valid URL encoding.', help: 'Fetch the dump again.' },
      { ruleId: 'account/missing-group', severity: 'warning', file: 'dump.json', span: at(20, 9, 700), message: 'Group `ops` is not in the dump.' },
      { ruleId: 'parse/unresolved-document', severity: 'info', file: 'dump.json', span: at(30, 1, 900), message: 'Not checked.', help: 'Ignored here.' },
    ];
    expect(describeInputProblems(findings)).toBe([
      'iamcheck: 2 problems in the inputs (the rest was loaded):',
      '  dump.json:11:139: error account/undecodable-document: The document of `alice/Broken` is not valid URL encoding.',
      '    help: Fetch the dump again.',
      '  dump.json:20:9: warning account/missing-group: Group `ops` is not in the dump.',
      '',
    ].join('\n'));
  });

  it('shows at most `max` problems, then how many more', () => {
    const findings: Finding[] = [1, 2, 3].map((line) => ({ ruleId: 'account/not-an-arn', severity: 'error', file: 'rp.json', span: at(line, 3, line * 10), message: `Key ${line} is not an ARN.`, help: 'Key it by ARN.' }));
    expect(describeInputProblems(findings, 2)).toBe([
      'iamcheck: 3 problems in the inputs (the rest was loaded):',
      '  rp.json:1:3: error account/not-an-arn: Key 1 is not an ARN.',
      '    help: Key it by ARN.',
      '  rp.json:2:3: error account/not-an-arn: Key 2 is not an ARN.',
      '    help: Key it by ARN.',
      '  … and 1 more',
      '',
    ].join('\n'));
  });

  it('prints nothing when there is nothing to report', () => {
    expect(describeInputProblems([])).toBe('');
  });
});
