import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetAccountAuthorizationDetailsCommand, IAMClient, type GetAccountAuthorizationDetailsCommandOutput } from '@aws-sdk/client-iam';
import { DecodeAuthorizationMessageCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeAuthorizationMessage, fetchAccountAuthorizationDetails, getCallerIdentity, withThrottlingRetry } from '../../src/account/live.js';
import { loadAccount } from '../../src/account/load.js';
import { identityPoliciesOf, findPrincipal } from '../../src/account/model.js';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { createSourceFile } from '../../src/core/source.js';

// Pages exactly as the IAM API returns them: documents URL-encoded (RFC 3986), IsTruncated/Marker.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
const page = (n: number) => JSON.parse(readFileSync(`fixtures/accounts/acme-api-page-${n}.json`, 'utf8')) as GetAccountAuthorizationDetailsCommandOutput;
const fake = { region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } };
const throttling = () => Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 }, $retryable: { throttling: true } });
const noSleep = { sleep: async () => undefined };

const iam = mockClient(IAMClient);
const sts = mockClient(STSClient);
afterEach(() => {
  iam.reset();
  sts.reset();
});

function mockPages(): void {
  iam.on(GetAccountAuthorizationDetailsCommand).callsFake((input: { Marker?: string }) => (input.Marker === undefined ? page(1) : input.Marker === 'AQXEXAMPLEMARKERPAGE2' ? page(2) : Promise.reject(new Error(`unexpected Marker ${input.Marker}`))));
}

describe('fetchAccountAuthorizationDetails', () => {
  it('follows IsTruncated/Marker and decodes every document to JSON', async () => {
    mockPages();
    const dump = await fetchAccountAuthorizationDetails(new IAMClient(fake), noSleep);
    const calls = iam.commandCalls(GetAccountAuthorizationDetailsCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([{ MaxItems: 1000 }, { MaxItems: 1000, Marker: 'AQXEXAMPLEMARKERPAGE2' }]);
    expect([dump.UserDetailList.length, dump.GroupDetailList.length, dump.RoleDetailList.length, dump.Policies.length]).toEqual([4, 2, 5, 5]);
    const bob = dump.UserDetailList[1] as { UserPolicyList: Array<{ PolicyDocument: unknown }> };
    expect(bob.UserPolicyList[0].PolicyDocument).toMatchObject({ Version: '2012-10-17', Statement: [{ Sid: 'CreateServiceRoles' }, { Sid: 'AssumeAnyRole' }] });
    // The written dump loads into the same account as the AWS CLI fixture.
    const fetched = loadAccount([createSourceFile('<live>', JSON.stringify(dump, null, 2))]);
    const cli = loadAccount([createSourceFile('cli.json', readFileSync('fixtures/accounts/acme-cli.json', 'utf8'))]);
    const summary = (a: typeof cli) => [...a.users.keys(), ...a.roles.keys()].map((arn) => {
      const p = findPrincipal(a, arn)!;
      return identityPoliciesOf(a, p).policies.map((x) => `${x.policy.name}:${x.via}:${x.policy.statements.map((s) => s.sidLabel).join(',')}`);
    });
    expect(summary(fetched)).toEqual(summary(cli));
    expect(fetched.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('retries a ThrottlingException, then succeeds', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejectsOnce(throttling()).resolves({ ...page(2), IsTruncated: false });
    const delays: number[] = [];
    const dump = await fetchAccountAuthorizationDetails(new IAMClient(fake), { sleep: async (ms) => void delays.push(ms), baseDelayMs: 100 });
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(2);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(dump.Policies).toHaveLength(5);
  });

  it('gives up after a bounded number of throttled attempts', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(throttling());
    await expect(fetchAccountAuthorizationDetails(new IAMClient(fake), { ...noSleep, maxAttempts: 3 })).rejects.toThrow('Rate exceeded');
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(3);
  });

  it('does not retry other errors', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(Object.assign(new Error('User is not authorized to perform: iam:GetAccountAuthorizationDetails'), { name: 'AccessDenied' }));
    await expect(fetchAccountAuthorizationDetails(new IAMClient(fake), noSleep)).rejects.toThrow('not authorized');
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(1);
  });

  it('stops when IsTruncated comes without a new Marker', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ ...page(1), IsTruncated: true, Marker: undefined });
    await expect(fetchAccountAuthorizationDetails(new IAMClient(fake), noSleep)).rejects.toThrow('IsTruncated without a new Marker');
  });
});

describe('withThrottlingRetry', () => {
  it.each([['Throttling'], ['ThrottlingException'], ['TooManyRequestsException'], ['RequestLimitExceeded']])('retries %s', async (name) => {
    let n = 0;
    const result = await withThrottlingRetry(async () => {
      if (n++ === 0) throw Object.assign(new Error('slow down'), { name });
      return 'ok';
    }, noSleep);
    expect([result, n]).toEqual(['ok', 2]);
  });
});

describe('STS', () => {
  it('GetCallerIdentity', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws:sts::111122223333:assumed-role/ci-deploy/GitHubActions', UserId: 'AROACIDEPLOYXXXXXXXX:GitHubActions' });
    expect(await getCallerIdentity(new STSClient(fake))).toEqual({ account: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/ci-deploy/GitHubActions', userId: 'AROACIDEPLOYXXXXXXXX:GitHubActions' });
  });

  it('DecodeAuthorizationMessage, retried when throttled', async () => {
    sts.on(DecodeAuthorizationMessageCommand).rejectsOnce(throttling()).resolves({ DecodedMessage: '{"allowed":false}' });
    expect(await decodeAuthorizationMessage(new STSClient(fake), 'abc', noSleep)).toBe('{"allowed":false}');
    expect(sts.commandCalls(DecodeAuthorizationMessageCommand)[1].args[0].input).toEqual({ EncodedMessage: 'abc' });
  });
});

describe('CLI: fetch, whoami, why --live', () => {
  it('fetch -o writes a dump that why --account reads', async () => {
    mockPages();
    const dir = mkdtempSync(join(tmpdir(), 'iamcheck-fetch-'));
    const io = memoryIo(dir);
    expect(await main(['fetch', '-o', 'account.json'], io)).toBe(0);
    expect(io.err).toContain('4 users, 2 groups, 5 roles, 5 managed policies');
    const why = memoryIo(dir);
    const msg = readFileSync('fixtures/accounts/messages/01-cli-implicit-identity.txt', 'utf8');
    expect(await main(['why', msg, '--account', 'account.json', '--format', 'json'], why)).toBe(1);
    expect(JSON.parse(why.out)).toMatchObject({ decision: 'implicitDeny', blockedBy: 'identity', closest: [{ policy: 'ReadReports', sid: 'ReadReports', via: 'group analysts inline' }] });
  });

  it('fetch reports AWS errors without a stack trace (exit 2)', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    const io = memoryIo();
    expect(await main(['fetch'], io)).toBe(2);
    expect(io.err).toBe('iamcheck: Could not fetch the account: CredentialsProviderError: Could not load credentials from any providers\n  help: Check your AWS credentials (--profile, AWS_PROFILE) and that they may call iam:GetAccountAuthorizationDetails.\n');
  });

  it('whoami --format json', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/alice', UserId: 'AIDAALICEEXAMPLE0001' });
    const io = memoryIo();
    expect(await main(['whoami', '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual({ account: '111122223333', arn: 'arn:aws:iam::111122223333:user/alice', userId: 'AIDAALICEEXAMPLE0001' });
  });

  it('why --live fetches the account and decodes an EC2 encoded message', async () => {
    mockPages();
    const decoded = {
      allowed: false, explicitDeny: false,
      context: { principal: { id: 'AIDACAROLEXAMPLE0003', name: 'carol', arn: 'arn:aws:iam::111122223333:user/carol' }, action: 'ec2:RunInstances',
        resource: 'arn:aws:ec2:eu-west-1:111122223333:instance/*', conditions: { items: [{ key: 'ec2:InstanceType', values: { items: [{ value: 'm5.large' }] } }] } },
    };
    sts.on(DecodeAuthorizationMessageCommand).resolves({ DecodedMessage: JSON.stringify(decoded) });
    const io = memoryIo();
    const msg = 'An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: 7mRbQwz3Vx1cK8hLpE2uYt9sNfA4jGdR0oWqXiZ6lBvMnC5yHkT';
    expect(await main(['why', msg, '--live', '--format', 'json'], io)).toBe(1);
    const out = JSON.parse(io.out);
    expect(out.request).toEqual({ principal: 'arn:aws:iam::111122223333:user/carol', action: 'ec2:RunInstances', resource: 'arn:aws:ec2:eu-west-1:111122223333:instance/*',
      context: { 'ec2:InstanceType': 'm5.large', 'aws:RequestedRegion': 'eu-west-1' } });
    expect([out.decision, out.blockedBy]).toEqual(['implicitDeny', 'identity']);
    expect(sts.commandCalls(DecodeAuthorizationMessageCommand)[0].args[0].input).toEqual({ EncodedMessage: '7mRbQwz3Vx1cK8hLpE2uYt9sNfA4jGdR0oWqXiZ6lBvMnC5yHkT' });
  });
});

describe('why --live with --account', () => {
  it('decodes the message live but reads the account from the files', async () => {
    sts.on(DecodeAuthorizationMessageCommand).resolves({ DecodedMessage: JSON.stringify({ allowed: false, explicitDeny: false,
      context: { principal: { arn: 'arn:aws:iam::111122223333:user/carol' }, action: 'ec2:RunInstances', resource: 'arn:aws:ec2:eu-west-1:111122223333:instance/*' } }) });
    const io = memoryIo();
    const msg = readFileSync('fixtures/accounts/messages/07-ec2-encoded.txt', 'utf8');
    expect(await main(['why', msg, '--live', '--account', 'fixtures/accounts/acme-cli.json', '--format', 'json'], io)).toBe(1);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(0);
    expect(JSON.parse(io.out)).toMatchObject({ decision: 'implicitDeny', blockedBy: 'identity', agreesWithMessage: true });
  });
});
