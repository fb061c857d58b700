// `iamcheck lint --account dump.json`: the dump is linted, and privilege escalation that only the combination of a
// principal's policies allows is reported in the dump, on the first granting action.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';

const DUMP = 'fixtures/lint/account/escalation-dump.json';

async function lint(args: string[]) {
  const io = memoryIo();
  const code = await main(['lint', ...args], io);
  return { code, out: io.out, err: io.err };
}

interface JsonFinding { ruleId: string; severity: string; line: number; column: number; endLine: number; endColumn: number; message: string }

describe('iamcheck lint --account', () => {
  it('adds cross-policy privilege escalation to the dump\'s report, once for each principal and method', async () => {
    const { code, out } = await lint(['--account', DUMP, '--no-config', '--format', 'json']);
    expect(code).toBe(1);
    const json = JSON.parse(out) as { files: { file: string; findings: JsonFinding[] }[] };
    expect(json.files.map((f) => f.file)).toEqual([DUMP]);
    const crossPolicy = json.files[0].findings.filter((f) => f.ruleId === 'privilege-escalation' && f.message.includes('combination of its policies'));
    expect(crossPolicy.map((f) => [f.line, f.column, f.endLine, f.endColumn, f.severity, f.message.slice(0, f.message.indexOf(' through'))])).toEqual([
      [111, 43, 111, 68, 'error', 'User `arn:aws:iam::111122223333:user/dana` can escalate privileges by `CreatePolicyVersionThenAssumeRole` (`iam:CreatePolicyVersion`, `sts:AssumeRole`)'],
      [221, 43, 221, 57, 'error', 'Role `arn:aws:iam::111122223333:role/builder` can escalate privileges by `CreateEC2WithExistingIP` (`iam:PassRole`, `ec2:RunInstances`)'],
    ]);
  });

  it('merges into the report of the dump when it is also given as a file, and follows --rule', async () => {
    const both = await lint([DUMP, '--account', DUMP, '--no-config', '--format', 'json', '--rule', 'privilege-escalation=warning']);
    const json = JSON.parse(both.out) as { files: { file: string; findings: JsonFinding[] }[] };
    expect(json.files.map((f) => f.file)).toEqual([DUMP]);
    const crossPolicy = json.files[0].findings.filter((f) => f.message.includes('combination of its policies'));
    expect(crossPolicy.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['111:43 warning', '221:43 warning']);

    const off = await lint(['--account', DUMP, '--no-config', '--format', 'json', '--rule', 'privilege-escalation=off']);
    expect(off.out).not.toContain('combination of its policies');
  });

  it('exits 2 with the position when the dump cannot be read', async () => {
    const { code, err } = await lint(['--account', 'fixtures/cli/not-json.json', '--no-config']);
    expect(code).toBe(2);
    expect(err).toMatch(/^iamcheck: fixtures\/cli\/not-json\.json:4:1: Invalid JSON/);
  });
});
