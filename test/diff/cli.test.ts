import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

const F = 'fixtures/diff';

async function run(argv: string[], cwd?: string) {
  const io = memoryIo(cwd);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

describe('iamcheck diff OLD NEW', () => {
  test.each([
    { name: 'action-wildcard-widened', code: 1, result: 'FAIL' },
    { name: 'action-wildcard-narrowed', code: 0, result: 'PASS' },
    { name: 'set-operator-unchanged', code: 0, result: 'PASS' },
  ])('$name: exit $code, json result $result', async ({ name, code, result }) => {
    const r = await run(['diff', `${F}/${name}/old.json`, `${F}/${name}/new.json`, '--format', 'json']);
    expect(r.code).toBe(code);
    const json = JSON.parse(r.out);
    expect(json.result).toBe(result);
    expect(typeof json.exact).toBe('boolean');
    expect(Array.isArray(json.reasons)).toBe(true);
    expect(Array.isArray(json.witnesses)).toBe(true);
  });

  test('json witness carries the request, absent keys and both decisions; reasons carry spans', async () => {
    const r = await run(['diff', `${F}/string-not-equals-absent-key/old.json`, `${F}/string-not-equals-absent-key/new.json`, '--format', 'json']);
    const json = JSON.parse(r.out);
    expect(json.reasons).toEqual([expect.objectContaining({ statementIndex: 0, file: `${F}/string-not-equals-absent-key/new.json`, span: { start: { line: 4, column: 5, offset: 50 }, end: { line: 13, column: 6, offset: 247 } } })]);
    const w = json.witnesses[0];
    expect(w.request.action).toBe('s3:GetObject');
    expect(w.absentKeys).toEqual(['aws:PrincipalTag/team']);
    expect(w.newDecision.decision).toBe('allowed');
    expect(w.oldDecision.decision).toBe('implicitDeny');
    expect(w.oldDecision.statements[0].because).toMatch(/aws:PrincipalTag\/team` is absent/);
  });

  test('text output names the statement at file:line:column and shows the witness', async () => {
    const r = await run(['diff', `${F}/action-wildcard-widened/old.json`, `${F}/action-wildcard-widened/new.json`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${F}/action-wildcard-widened/new.json:4:5`);
    expect(r.out).toMatch(/witness {2}s3:\S+ on arn:aws:s3:::reports-bucket\//);
    expect(r.out).toContain('old      implicitDeny');
  });

  test('--format github annotates the responsible statement', async () => {
    const r = await run(['diff', `${F}/deny-narrowed/old.json`, `${F}/deny-narrowed/new.json`, '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^::error file=fixtures\/diff\/deny-narrowed\/new.json,line=4,endLine=8,title=diff\/new-access::/m);
  });

  test('--format sarif is a SARIF 2.1.0 log with one result per reason', async () => {
    const r = await run(['diff', `${F}/action-wildcard-widened/old.json`, `${F}/action-wildcard-widened/new.json`, '--format', 'sarif']);
    const log = JSON.parse(r.out);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['diff/new-access']);
    expect(log.runs[0].results[0].locations[0].physicalLocation.region).toMatchObject({ startLine: 4, startColumn: 5 });
  });

  test.each([
    { argv: ['diff', `${F}/deny-added/old.json`], message: /give two files/ },
    { argv: ['diff', `${F}/deny-added/old.json`, `${F}/deny-added/new.json`, '--format', 'xml'], message: /--format must be one of/ },
    { argv: ['diff', `${F}/deny-added/old.json`, `${F}/deny-added/new.json`, '--policy-type', 'scp'], message: /--policy-type must be identity or resource/ },
    { argv: ['diff', `${F}/deny-added/old.json`, 'fixtures/diff/no-such.json'], message: /no-such\.json/ },
  ])('usage and input errors exit 2: $argv', async ({ argv, message }) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  test('a document AWS would reject as the given --policy-type is an input error at the statement, not a PASS', async () => {
    const r = await run(['diff', `${F}/deny-added/old.json`, `${F}/deny-added/new.json`, '--policy-type', 'resource']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^iamcheck: fixtures\/diff\/deny-added\/old\.json:4:5: A statement of a resource-based policy must have `Principal` or `NotPrincipal`\./);
  });

  test('a policy that is not JSON is an input error at file:line:column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamcheck-diff-'));
    writeFileSync(join(dir, 'bad.json'), '{\n  "Version": "2012-10-17",\n  "Statement": [\n');
    writeFileSync(join(dir, 'ok.json'), '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}');
    const r = await run(['diff', 'ok.json', 'bad.json'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^iamcheck: bad\.json:\d+:\d+: /);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('iamcheck check-access-not-granted', () => {
  test.each([
    { argv: ['--action', 's3:PutObject'], code: 0, result: 'PASS' },
    { argv: ['--action', 's3:GetObject'], code: 1, result: 'FAIL' },
    { argv: ['--action', 's3:GetObject', '--resource', 'arn:aws:s3:::other-bucket/*'], code: 0, result: 'PASS' },
    { argv: ['--resource', 'arn:aws:s3:::reports-bucket/secret/*'], code: 1, result: 'FAIL' },
  ])('$argv: exit $code', async ({ argv, code, result }) => {
    const r = await run(['check-access-not-granted', `${F}/action-wildcard-widened/old.json`, ...argv, '--format', 'json']);
    expect(r.code).toBe(code);
    const json = JSON.parse(r.out);
    expect(json.result).toBe(result);
    if (result === 'FAIL') expect(json.witnesses[0].newDecision.decision).toBe('allowed');
  });

  test('needs an action or a resource', async () => {
    const r = await run(['check-access-not-granted', `${F}/deny-added/old.json`]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/at least one --action or --resource/);
  });
});

describe('iamcheck diff --git BASE', () => {
  let dir: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  const policy = (actions: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'App', Effect: 'Allow', Action: actions, Resource: '*' }] }, null, 2);
  const template = (actions: string[]) => JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: { AppPolicy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } } } },
  }, null, 2);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'iamcheck-diff-git-'));
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    mkdirSync(join(dir, 'policies'));
    writeFileSync(join(dir, 'policies', 'app.json'), policy(['s3:GetObject']));
    writeFileSync(join(dir, 'policies', 'ops.json'), policy(['ec2:Describe*']));
    writeFileSync(join(dir, 'stack.json'), template(['sqs:SendMessage']));
    writeFileSync(join(dir, 'package.json'), '{"name": "not-a-policy"}');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('no change: PASS, exit 0', async () => {
    const r = await run(['diff', '--git', 'HEAD', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.result).toBe('PASS');
    expect(json.files.map((f: { new: string }) => f.new)).toEqual(['policies/app.json', 'policies/ops.json', 'stack.json']);
  });

  test('a widened policy, a narrowed one, a widened template and a new file', async () => {
    writeFileSync(join(dir, 'policies', 'app.json'), policy(['s3:GetObject', 's3:PutObject']));
    writeFileSync(join(dir, 'policies', 'ops.json'), policy(['ec2:DescribeInstances']));
    writeFileSync(join(dir, 'stack.json'), template(['sqs:SendMessage', 'sqs:DeleteQueue']));
    writeFileSync(join(dir, 'policies', 'new.json'), policy(['kms:Decrypt']));
    const r = await run(['diff', '--git', 'HEAD', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.result).toBe('FAIL');
    const byFile = Object.fromEntries(json.files.map((f: { new: string; result: string }) => [f.new, f.result]));
    expect(byFile).toEqual({ 'policies/app.json': 'FAIL', 'policies/new.json': 'FAIL', 'policies/ops.json': 'PASS', 'stack.json': 'FAIL' });
    const actions = json.witnesses.map((w: { request: { action: string } }) => w.request.action);
    expect(actions).toEqual(expect.arrayContaining(['s3:PutObject', 'kms:Decrypt', 'sqs:DeleteQueue']));
    const stack = json.files.find((f: { new: string }) => f.new === 'stack.json');
    expect(stack.location).toBe('Resources.AppPolicy.Properties.PolicyDocument');
  });

  test('a file that does not parse is reported on stderr, not silently passed over', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"Version": "2012-10-17",');
    const r = await run(['diff', '--git', 'HEAD', 'broken.json', 'policies/ops.json'], dir);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^iamcheck: skipped broken\.json:1:\d+: /);
    rmSync(join(dir, 'broken.json'));
  });

  test('paths limit the files; a bad revision is a usage error', async () => {
    const r = await run(['diff', '--git', 'HEAD', 'policies/ops.json', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).result).toBe('PASS');
    const bad = await run(['diff', '--git', 'no-such-revision'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/not a git revision/);
  });
});
