/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read the commands' JSON output */
// A principal's IAM tags are in the request context as aws:PrincipalTag/<key>; a value given with --context wins.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principaltag
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';

const ACCOUNT = ['--account', 'fixtures/accounts/principal-tags.json'];

async function json(argv: string[]) {
  const io = memoryIo();
  const code = await main([...argv, '--format', 'json'], io);
  return { code, out: JSON.parse(io.out) as any };
}

describe('principal tags from the dump', () => {
  it.each([
    // [principal, object, --context, decision]
    ['dana', 'team-files/data/q3.csv', [], 'allowed'],
    ['dana', 'team-files/web/q3.csv', [], 'implicitDeny'],
    ['eli', 'team-files/web/q3.csv', [], 'allowed'],
    ['dana', 'team-files/web/q3.csv', ['--context', 'aws:PrincipalTag/team=web'], 'allowed'],
  ] as const)('why: %s reads %s %j → %s', async (user, object, context, decision) => {
    const { out } = await json(['why', '--principal', `arn:aws:iam::111122223333:user/${user}`, '--action', 's3:GetObject',
      '--resource', `arn:aws:s3:::${object}`, ...context, ...ACCOUNT]);
    expect(out.decision).toBe(decision);
  });

  it('who-can uses each principal its own tags', async () => {
    const { code, out } = await json(['who-can', 's3:GetObject', 'arn:aws:s3:::team-files/web/q3.csv', ...ACCOUNT]);
    expect(code).toBe(0);
    expect(out.principals.map((p: { arn: string }) => p.arn)).toEqual(['arn:aws:iam::111122223333:user/eli']);
  });
});
