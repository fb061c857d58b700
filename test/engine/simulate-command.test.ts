import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';

const F = 'fixtures/simulate';
const CI = 'arn:aws:iam::111122223333:role/ci';
const OBJ = 'arn:aws:s3:::reports/2026/q3.csv';

async function simulate(args: string[]) {
  const io = memoryIo();
  const code = await main(['simulate', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('iamcheck simulate', () => {
  it('explains an implicit deny with the closest statement and the smallest fix (exit 1)', async () => {
    const r = await simulate(['--policy', `${F}/ci.json`, '--principal', CI, '--action', 's3:PutObject', '--resource', OBJ]);
    expect(r).toEqual({
      code: 1,
      err: '',
      out: [
        'implicitDeny  s3:PutObject on arn:aws:s3:::reports/2026/q3.csv  (arn:aws:iam::111122223333:role/ci)',
        '  no identity-based policy allows s3:PutObject.',
        '  closest: fixtures/simulate/ci.json Statement "WriteReports" (line 4)',
        '    action    s3:PutObject  matches  s3:Put*',
        '    resource  arn:aws:s3:::reports/2026/q3.csv  does not match  arn:aws:s3:::report/*',
        '  fix: add arn:aws:s3:::reports/* to Resource of "WriteReports"',
        '',
      ].join('\n'),
    });
  });

  it('names an unsatisfied condition as the fix', async () => {
    const r = await simulate(['--policy', `${F}/ci.json`, '--principal', CI, '--action', 's3:GetObject', '--resource', OBJ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('  fix: satisfy StringEquals aws:PrincipalTag/team reports (the request has no such key)\n');
  });

  it('allows with --context satisfying the condition (exit 0)', async () => {
    const r = await simulate(['--policy', `${F}/ci.json`, '--principal', CI, '--action', 's3:GetObject', '--resource', OBJ, '--context', 'aws:PrincipalTag/team=reports']);
    expect(r).toEqual({
      code: 0,
      err: '',
      out: 'allowed  s3:GetObject on arn:aws:s3:::reports/2026/q3.csv  (arn:aws:iam::111122223333:role/ci)\n  allowed by: fixtures/simulate/ci.json Statement "ReadTagged" (line 10), identity-based policy\n',
    });
  });

  it('takes one --scp per organization level and reports the level of a Deny', async () => {
    const r = await simulate(['--policy', `${F}/boundary.json`, '--scp', `${F}/scp-root.json`, '--scp', `${F}/scp-deny-delete.json`, '--principal', CI, '--action', 's3:DeleteObject', '--resource', OBJ, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out);
    expect(out.decision).toBe('explicitDeny');
    expect(out.blockedBy).toBe('scp');
    expect(out.determining).toEqual([
      { policy: `${F}/scp-deny-delete.json`, file: `${F}/scp-deny-delete.json`, policyType: 'scp', level: 1, statementIndex: 1, sid: 'NoDeletes', span: { start: { line: 5, column: 5, offset: 130 }, end: { line: 5, column: 86, offset: 211 } } },
    ]);
    expect(out.explanation).toBeUndefined();
  });

  it('accepts a comma list of SCPs within one level', async () => {
    const r = await simulate(['--policy', `${F}/boundary.json`, '--scp', `${F}/scp-root.json,${F}/scp-deny-delete.json`, '--principal', CI, '--action', 's3:GetObject', '--resource', OBJ, '--format', 'json']);
    expect(JSON.parse(r.out).determining.map((d: { sid: string; level: number }) => `${d.sid}@${d.level}`)).toEqual(['FullAccess@0', 'FullAccess@0', 'OnlyS3@undefined']);
  });

  it('evaluates a cross-account request against a YAML bucket policy', async () => {
    const args = ['--policy', `${F}/boundary.json`, '--principal', 'arn:aws:iam::444455556666:user/partner', '--action', 's3:GetObject', '--resource', OBJ, '--resource-account', '111122223333'];
    expect((await simulate([...args, '--resource-policy', `${F}/bucket-policy.yaml`])).code).toBe(0);
    const denied = await simulate([...args, '--format', 'json', '--explain']);
    expect(denied.code).toBe(1);
    const out = JSON.parse(denied.out);
    expect(out.blockedBy).toBe('resource');
    expect(out.explanation.missingAllow).toEqual({ policyType: 'resource', message: 'no resource-based policy allows s3:GetObject' });
    expect(out.explanation.request.sameAccount).toBe(false);
  });

  it('reports a broken policy at file:line:column (exit 2)', async () => {
    const r = await simulate(['--policy', `${F}/broken.json`, '--principal', CI, '--action', 's3:GetObject', '--resource', OBJ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^iamcheck: fixtures\/simulate\/broken\.json:4:51: /);
  });

  it.each([
    [['--principal', CI, '--action', 's3:GetObject'], /--resource is required/],
    [['--principal', CI, '--action', 'GetObject', '--resource', OBJ], /--action must look like service:Action/],
    [['--principal', CI, '--action', 's3:GetObject', '--resource', OBJ, '--resource-account', '12'], /12-digit account id/],
    [['--principal', CI, '--action', 's3:GetObject', '--resource', OBJ, '--format', 'xml'], /--format must be one of text, json/],
    [['--principal', CI, '--action', 's3:GetObject', '--resource', OBJ, '--context', 'novalue'], /--context expects key=value/],
    [['--policy', `${F}/missing.json`, '--principal', CI, '--action', 's3:GetObject', '--resource', OBJ], /missing\.json: No such file/],
  ])('rejects bad input %j (exit 2)', async (args, message) => {
    const r = await simulate(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
