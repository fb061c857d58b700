// `iamcheck lint` end to end through main(): exit codes, JSON contract, discovery and unreadable inputs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';

async function lint(args: string[], cwd?: string) {
  const io = memoryIo(cwd);
  const code = await main(['lint', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('iamcheck lint', () => {
  it.each([
    // [args, exit code]
    [['fixtures/policies/clean', '--no-config'], 0],
    [['fixtures/cli/wildcard-admin.json', '--no-config'], 1],
    [['fixtures/cli/wildcard-admin.json', '--no-config', '--rule', 'no-such-rule=off'], 2],
    [['fixtures/cli/wildcard-admin.json', '--no-config', '--rule', 'no-wildcard-action=loud'], 2],
    [['fixtures/cli/not-json.json', '--no-config'], 2],
    [['fixtures/cli/does-not-exist.json'], 2],
    [['fixtures/cli/wildcard-admin.json', '--format', 'nope'], 2],
    [['fixtures/cli/wildcard-admin.json', '--policy-type', 'bucket'], 2],
    [[], 2],
  ] as const)('lint %j exits %i', async (args, expected) => {
    const { code } = await lint([...args]);
    expect(code).toBe(expected);
  });

  it('prints the JSON contract with exact positions', async () => {
    const { code, out } = await lint(['fixtures/cli/wildcard-admin.json', '--no-config', '--format', 'json']);
    expect(code).toBe(1);
    const json = JSON.parse(out);
    expect(json.files).toHaveLength(1);
    expect(json.files[0]).toMatchObject({ file: 'fixtures/cli/wildcard-admin.json', policyType: 'identity' });
    expect(json.files[0].findings).toContainEqual(
      expect.objectContaining({ ruleId: 'no-wildcard-action', severity: 'warning', line: 6, column: 17, endLine: 6, endColumn: 20 }),
    );
    expect(json.summary).toMatchObject({ files: 1, failed: true, failOn: 'error' });
  });

  it('lets --rule change a severity and switch a rule off', async () => {
    const raised = JSON.parse((await lint(['fixtures/cli/wildcard-admin.json', '--no-config', '--format', 'json', '--rule', 'no-wildcard-action=error'])).out);
    expect(raised.files[0].findings).toContainEqual(expect.objectContaining({ ruleId: 'no-wildcard-action', severity: 'error', line: 6, column: 17 }));
    const off = JSON.parse((await lint(['fixtures/cli/wildcard-admin.json', '--no-config', '--format', 'json', '--rule', 'no-wildcard-action=off'])).out);
    expect(off.files[0].findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('no-wildcard-action');
  });

  it('reports an unreadable file with file:line:column and still lints the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamcheck-lint-'));
    writeFileSync(join(dir, 'bad.json'), Buffer.from([0x7b, 0x0a, 0x22, 0xff, 0x22, 0x7d]));
    writeFileSync(join(dir, 'good.json'), '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}');
    const { code, out, err } = await lint([dir, '--no-config', '--format', 'json']);
    expect(err).toBe('');
    expect(code).toBe(2);
    const json = JSON.parse(out);
    const bad = json.files.find((f: { file: string }) => f.file.endsWith('bad.json'));
    expect(bad.findings[0]).toMatchObject({ ruleId: 'parse/unreadable', line: 2, column: 2 });
    expect(bad.findings[0].message).toMatch(/Invalid UTF-8/);
    expect(json.files.some((f: { file: string }) => f.file.endsWith('good.json'))).toBe(true);
  });

  it('expands globs as file globs and skips node_modules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamcheck-glob-'));
    writeFileSync(join(dir, 'a.json'), '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}');
    const { code, out } = await lint(['*.json', '--no-config', '--format', 'json'], dir);
    expect(code).toBe(0);
    expect(JSON.parse(out).files.map((f: { file: string }) => f.file)).toEqual(['a.json']);
    const none = await lint(['nothing/**/*.json', '--no-config'], dir);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/No file matches the pattern/);
  });
});
