// Hostile inputs through every command of `iamcheck --help`: bad input gets a clear error (file, line:column, what is
// wrong, what to do), the documented exit code, no stack trace, no "internal error", no hang, and Object.prototype
// stays untouched. Fixtures are in fixtures/hostile/; the deep and oversized files are generated into a temp dir
// (`$T` in a row's argv) and never committed. The hostile-input classes come from
// /work/shared/research/reliability.md (section 3) and its goals G1, G4, G10 and G13.
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commandNames, main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';

/** One hostile invocation and what the user must see. */
interface Row {
  /** What is hostile about it. */
  name: string;
  /** Arguments after `iamcheck`; `$T` is the temp dir holding the generated files. */
  argv: string[];
  /** 2 usage/input error; 1 where the problem is reported as a finding (or the answer is a denial); 0 accepted. */
  exit: 0 | 1 | 2;
  /** The file, and its line:column where one exists, as printed (stderr or stdout). */
  where: RegExp;
  /** What to do about it (a `help:` line, or the valid values of a flag). */
  hint: RegExp;
}

/** An AWS request used by the commands that need one. */
const REQUEST = ['--principal', 'arn:aws:iam::111122223333:user/alice', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::reports/q3.csv'];
/** 10,000 characters that a 30-star pattern `a*a*…a*b` almost matches: a backtracking matcher takes forever here. */
const LONG = 'a'.repeat(10_000);

// The help texts every reader of files shares (src/policy/read.ts, parse-json.ts, parse-yaml.ts).
const MISSING_HELP = /help: Check the path/;
const DIRECTORY_HELP = /help: Pass a file/;
const EMPTY_HELP = /help: Put a JSON policy document in this file/;
const COMMA_HELP = /help: A comma is probably missing before it/;
const UTF8_HELP = /help: .*re-save the file as UTF-8/;
const DEEP_HELP = /help: .*[Cc]heck that this is the file you meant/;
const HUGE_HELP = /help: IAM policies are at most a few KB/;
const DUPLICATE_HELP = /help: Merge the two into one key/;
const ALIASES_HELP = /help: Write the values out, or reduce the use of aliases/;

/** What the mocked IAM answers for GetAccountAuthorizationDetails. */
const EMPTY_ACCOUNT = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [], IsTruncated: false };
const T = mkdtempSync(join(tmpdir(), 'iamcheck-hostile-'));
const iam = mockClient(IAMClient);
const sts = mockClient(STSClient);
let prototypeNames: string[] = [];

beforeAll(() => {
  // 100,000 levels of nesting: a recursive parser overflows the stack long before that.
  writeFileSync(join(T, 'deep.json'), `${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
  writeFileSync(join(T, 'deep.yaml'), `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
  // 70 MB, over the 64 MiB limit: a short header, then a sparse hole (instant to create, no disk used).
  for (const [name, header] of [['huge.json', '{"Version": "'], ['huge.yaml', 'a: "']]) {
    const fd = openSync(join(T, name), 'w');
    writeSync(fd, header);
    ftruncateSync(fd, 70 * 1024 * 1024);
    closeSync(fd);
  }
  prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
  // No test may reach AWS: the SDK clients answer from these mocks.
  iam.on(GetAccountAuthorizationDetailsCommand).resolves(EMPTY_ACCOUNT);
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/alice', UserId: 'AIDAALICEEXAMPLE0001' });
});

afterEach(() => {
  // Research invariant 24 / goal G10: processing a `__proto__` key must not pollute Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

afterAll(() => {
  rmSync(T, { recursive: true, force: true });
  iam.restore();
  sts.restore();
});

/** Runs `iamcheck …argv` in memory; returns the exit code and everything printed. */
async function run(argv: string[]): Promise<{ code: number; text: string; out: string; err: string }> {
  const io = memoryIo();
  const code = await main(argv.map((arg) => arg.replace('$T', T)), io);
  return { code, text: `${io.err}${io.out}`, out: io.out, err: io.err };
}

/** The checks every rejected (or reported) hostile input must pass. */
async function expectClearError(row: Row): Promise<void> {
  const { code, text } = await run(row.argv);
  expect(text, 'no stack trace').not.toMatch(/\n\s+at /);
  expect(text, 'not reported as our bug').not.toMatch(/internal error/i);
  expect(text, 'names the file and position').toMatch(row.where);
  expect(text, 'says what to do').toMatch(row.hint);
  expect(code, text).toBe(row.exit);
}

/** Hostile inputs that every command already handles; a regression turns one of these red. */
const ROWS: Row[] = [
  // lint: codeframe prints file:line:column and the help of each finding.
  { name: 'missing file', argv: ['lint', '--format', 'codeframe', 'fixtures/hostile/does-not-exist.json'], exit: 2, where: /fixtures\/hostile\/does-not-exist\.json/, hint: /help: Check the path/ },
  { name: 'empty JSON file', argv: ['lint', '--format', 'codeframe', 'fixtures/hostile/empty.json'], exit: 2, where: /fixtures\/hostile\/empty\.json:1:1 /, hint: /help: / },
  { name: 'empty YAML file', argv: ['lint', '--format', 'codeframe', 'fixtures/hostile/empty.yaml'], exit: 2, where: /fixtures\/hostile\/empty\.yaml:1:1 /, hint: /help: / },
  { name: 'invalid JSON (missing comma)', argv: ['lint', '--format', 'codeframe', 'fixtures/hostile/missing-comma.json'], exit: 2, where: /fixtures\/hostile\/missing-comma\.json:6:7 /, hint: COMMA_HELP },
  { name: 'invalid JSON, JSON output', argv: ['lint', '--format', 'json', 'fixtures/hostile/missing-comma.json'], exit: 2, where: /"file": "fixtures\/hostile\/missing-comma\.json"[^]*"line": 6,\s+"column": 7,/, hint: /"help": "A comma is probably missing before it\."/ },
  { name: 'invalid UTF-8', argv: ['lint', '--format', 'codeframe', 'fixtures/hostile/invalid-utf8.json'], exit: 2, where: /fixtures\/hostile\/invalid-utf8\.json:5:19 /, hint: UTF8_HELP },
  { name: 'UTF-16 (with its BOM)', argv: ['lint', '--format', 'codeframe', 'fixtures/hostile/utf16.json'], exit: 2, where: /fixtures\/hostile\/utf16\.json:1:1 /, hint: UTF8_HELP },
  { name: 'nesting 100,000 deep (JSON)', argv: ['lint', '--format', 'codeframe', '$T/deep.json'], exit: 2, where: /deep\.json:1:129 /, hint: DEEP_HELP },
  { name: 'nesting 100,000 deep (YAML)', argv: ['lint', '--format', 'codeframe', '$T/deep.yaml'], exit: 2, where: /deep\.yaml:1:132 /, hint: DEEP_HELP },
  { name: '70 MB file', argv: ['lint', '--format', 'codeframe', '$T/huge.json'], exit: 2, where: /huge\.json:1:1 /, hint: HUGE_HELP },
  { name: 'duplicate key', argv: ['lint', '--format', 'codeframe', 'fixtures/hostile/duplicate-keys.json'], exit: 1, where: /fixtures\/hostile\/duplicate-keys\.json:8:7 /, hint: DUPLICATE_HELP },
  { name: '__proto__ keys', argv: ['lint', '--format', 'codeframe', 'fixtures/hostile/proto-keys.json'], exit: 1, where: /fixtures\/hostile\/proto-keys\.json:3:3 /, hint: /help: A policy has only `Version`, `Id` and `Statement` at the top level/ },
  { name: 'numbers where strings belong', argv: ['lint', '--format', 'codeframe', 'fixtures/hostile/number-types.json'], exit: 1, where: /fixtures\/hostile\/number-types\.json:6:17 /, hint: /help: / },
  { name: 'YAML billion laughs', argv: ['lint', '--format', 'codeframe', 'fixtures/hostile/billion-laughs.yaml'], exit: 2, where: /fixtures\/hostile\/billion-laughs\.yaml:10:8 /, hint: ALIASES_HELP },
  { name: 'unknown condition operator', argv: ['lint', '--format', 'codeframe', 'fixtures/hostile/unknown-operator.json'], exit: 1, where: /fixtures\/hostile\/unknown-operator\.json:10:9 /, hint: /help: See the condition operators/ },
  { name: 'condition operator `constructor`', argv: ['lint', '--format', 'codeframe', 'fixtures/hostile/proto-operator.json'], exit: 1, where: /fixtures\/hostile\/proto-operator\.json:10:9 /, hint: /help: See the condition operators/ },
  { name: 'config: YAML billion laughs', argv: ['lint', '--config', 'fixtures/hostile/config-billion-laughs/iamcheck.config.yaml', 'fixtures/hostile/policy.json'], exit: 2, where: /config-billion-laughs\/iamcheck\.config\.yaml:11:8:/, hint: ALIASES_HELP },
  { name: 'config: __proto__ key', argv: ['lint', '--config', 'fixtures/hostile/config-proto/iamcheck.config.json', 'fixtures/hostile/policy.json'], exit: 2, where: /config-proto\/iamcheck\.config\.json:2:3:/, hint: /help: Allowed keys: / },
  { name: 'config: duplicate key', argv: ['lint', '--config', 'fixtures/hostile/config-duplicate-keys/iamcheck.config.json', 'fixtures/hostile/policy.json'], exit: 2, where: /config-duplicate-keys\/iamcheck\.config\.json:3:3:/, hint: DUPLICATE_HELP },
  { name: 'config: number where a string belongs', argv: ['lint', '--config', 'fixtures/hostile/config-number-types/iamcheck.config.json', 'fixtures/hostile/policy.json'], exit: 2, where: /config-number-types\/iamcheck\.config\.json:2:13:/, hint: /must be one of `error`, `warning`, `info`/ },
  { name: 'config: missing file', argv: ['lint', '--config', 'fixtures/hostile/does-not-exist.json', 'fixtures/hostile/policy.json'], exit: 2, where: /fixtures\/hostile\/does-not-exist\.json/, hint: MISSING_HELP },
  { name: 'config: a directory', argv: ['lint', '--config', 'fixtures/hostile/config-proto', 'fixtures/hostile/policy.json'], exit: 2, where: /fixtures\/hostile\/config-proto/, hint: DIRECTORY_HELP },
  { name: 'wrong --format', argv: ['lint', '--format', 'xml', 'fixtures/hostile/policy.json'], exit: 2, where: /--format/, hint: /must be one of .*stylish/ },
  { name: 'wrong --fail-on', argv: ['lint', '--fail-on', 'fatal', 'fixtures/hostile/policy.json'], exit: 2, where: /--fail-on/, hint: /must be one of error, warning, info/ },
  { name: 'wrong --policy-type', argv: ['lint', '--policy-type', 'banana', 'fixtures/hostile/policy.json'], exit: 2, where: /--policy-type/, hint: /must be one of identity, resource/ },
  { name: '--rule without =', argv: ['lint', '--rule', 'no-wildcard-action', 'fixtures/hostile/policy.json'], exit: 2, where: /--rule/, hint: /expects <id>=<off\|info\|warning\|error>/ },
  { name: '--rule naming no rule', argv: ['lint', '--rule', 'no-such-rule=error', 'fixtures/hostile/policy.json'], exit: 2, where: /no-such-rule/, hint: /Run `iamcheck rules`/ },
  { name: 'unknown flag', argv: ['lint', '--bogus', 'fixtures/hostile/policy.json'], exit: 2, where: /--bogus/, hint: /Run `iamcheck lint --help`/ },
  { name: 'flag without its value', argv: ['lint', '--format'], exit: 2, where: /--format/, hint: /Run `iamcheck lint --help`/ },
  { name: 'no file', argv: ['lint'], exit: 2, where: /lint/, hint: /Run `iamcheck lint --help`/ },

  // test: scenario files (YAML or JSON).
  { name: 'missing scenario file', argv: ['test', 'fixtures/hostile/does-not-exist.yaml'], exit: 2, where: /fixtures\/hostile\/does-not-exist\.yaml/, hint: MISSING_HELP },
  { name: 'a directory', argv: ['test', 'fixtures/hostile/config-proto'], exit: 2, where: /fixtures\/hostile\/config-proto/, hint: DIRECTORY_HELP },
  { name: 'empty YAML scenario', argv: ['test', 'fixtures/hostile/empty.yaml'], exit: 2, where: /fixtures\/hostile\/empty\.yaml:1:1:/, hint: /help: See `iamcheck test --help`/ },
  { name: 'empty JSON scenario', argv: ['test', 'fixtures/hostile/empty.json'], exit: 2, where: /fixtures\/hostile\/empty\.json:1:1:/, hint: /help: / },
  { name: 'invalid JSON', argv: ['test', 'fixtures/hostile/scenario-missing-comma.json'], exit: 2, where: /fixtures\/hostile\/scenario-missing-comma\.json:4:23:/, hint: COMMA_HELP },
  { name: 'invalid YAML', argv: ['test', 'fixtures/hostile/scenario-bad-yaml.yaml'], exit: 2, where: /fixtures\/hostile\/scenario-bad-yaml\.yaml:6:5:/, hint: /help: Fix the YAML syntax/ },
  { name: 'invalid UTF-8', argv: ['test', 'fixtures/hostile/invalid-utf8.json'], exit: 2, where: /fixtures\/hostile\/invalid-utf8\.json:5:19:/, hint: UTF8_HELP },
  { name: 'nesting 100,000 deep (JSON)', argv: ['test', '$T/deep.json'], exit: 2, where: /deep\.json:1:129:/, hint: DEEP_HELP },
  { name: 'nesting 100,000 deep (YAML)', argv: ['test', '$T/deep.yaml'], exit: 2, where: /deep\.yaml:1:132:/, hint: DEEP_HELP },
  { name: '70 MB file', argv: ['test', '$T/huge.yaml'], exit: 2, where: /huge\.yaml:1:1:/, hint: HUGE_HELP },
  { name: 'duplicate key', argv: ['test', 'fixtures/hostile/scenario-duplicate-keys.yaml'], exit: 2, where: /fixtures\/hostile\/scenario-duplicate-keys\.yaml:14:5:/, hint: DUPLICATE_HELP },
  { name: '__proto__ keys', argv: ['test', 'fixtures/hostile/scenario-proto.yaml'], exit: 2, where: /fixtures\/hostile\/scenario-proto\.yaml:1:1:/, hint: /help: Expected one of: `policies`, `tests`/ },
  { name: 'numbers where strings belong (both reported)', argv: ['test', 'fixtures/hostile/scenario-number-types.yaml'], exit: 2, where: /scenario-number-types\.yaml:10:16: `tests\[0\]\.principal` is a number[^]*scenario-number-types\.yaml:11:13: `tests\[0\]\.action` is a number/, hint: /help: See `iamcheck test --help`/ },
  { name: 'YAML billion laughs', argv: ['test', 'fixtures/hostile/scenario-billion-laughs.yaml'], exit: 2, where: /fixtures\/hostile\/scenario-billion-laughs\.yaml:12:14:/, hint: ALIASES_HELP },
  { name: 'wrong --format', argv: ['test', '--format', 'xml', 'fixtures/hostile/scenario.yaml'], exit: 2, where: /--format/, hint: /must be one of text, json/ },
  { name: 'unknown flag', argv: ['test', '--bogus', 'fixtures/hostile/scenario.yaml'], exit: 2, where: /--bogus/, hint: /Run `iamcheck test --help`/ },
  { name: 'no scenario file', argv: ['test'], exit: 2, where: /test/, hint: /Run `iamcheck test --help`/ },

  // simulate: policies from files, the request from flags.
  { name: 'missing policy file', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/does-not-exist.json'], exit: 2, where: /fixtures\/hostile\/does-not-exist\.json/, hint: MISSING_HELP },
  { name: 'a directory as --policy', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile'], exit: 2, where: /fixtures\/hostile/, hint: DIRECTORY_HELP },
  { name: 'empty policy', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/empty.json'], exit: 2, where: /fixtures\/hostile\/empty\.json:1:1:/, hint: EMPTY_HELP },
  { name: 'invalid JSON', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/missing-comma.json'], exit: 2, where: /fixtures\/hostile\/missing-comma\.json:6:7:/, hint: COMMA_HELP },
  { name: 'invalid JSON with --format json', argv: ['simulate', ...REQUEST, '--format', 'json', '--policy', 'fixtures/hostile/missing-comma.json'], exit: 2, where: /fixtures\/hostile\/missing-comma\.json:6:7:/, hint: COMMA_HELP },
  { name: 'invalid JSON in the second SCP of a level', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/policy.json', '--scp', 'fixtures/hostile/policy.json,fixtures/hostile/missing-comma.json'], exit: 2, where: /fixtures\/hostile\/missing-comma\.json:6:7:/, hint: COMMA_HELP },
  { name: 'invalid UTF-8', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/invalid-utf8.json'], exit: 2, where: /fixtures\/hostile\/invalid-utf8\.json:5:19:/, hint: UTF8_HELP },
  { name: 'UTF-16 (with its BOM)', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/utf16.json'], exit: 2, where: /fixtures\/hostile\/utf16\.json:1:1:/, hint: UTF8_HELP },
  { name: 'nesting 100,000 deep', argv: ['simulate', ...REQUEST, '--policy', '$T/deep.json'], exit: 2, where: /deep\.json:1:129:/, hint: DEEP_HELP },
  { name: '70 MB boundary', argv: ['simulate', ...REQUEST, '--boundary', '$T/huge.json'], exit: 2, where: /huge\.json:1:1:/, hint: HUGE_HELP },
  { name: 'duplicate key', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/duplicate-keys.json'], exit: 2, where: /fixtures\/hostile\/duplicate-keys\.json:8:7:/, hint: DUPLICATE_HELP },
  { name: '__proto__ keys', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/proto-keys.json'], exit: 2, where: /fixtures\/hostile\/proto-keys\.json:3:3:/, hint: /help: .*remove this key/ },
  { name: 'numbers where strings belong', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/number-types.json'], exit: 2, where: /fixtures\/hostile\/number-types\.json:2:14:/, hint: /help: Use `"Version": "2012-10-17"`/ },
  { name: 'YAML billion laughs', argv: ['simulate', ...REQUEST, '--resource-policy', 'fixtures/hostile/billion-laughs.yaml'], exit: 2, where: /fixtures\/hostile\/billion-laughs\.yaml:10:8:/, hint: ALIASES_HELP },
  { name: 'unknown condition operator: statement skipped and reported', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/unknown-operator.json'], exit: 1, where: /error: fixtures\/hostile\/unknown-operator\.json statement UnknownOperator was skipped: Unknown condition operator `StringEqualz`/, hint: /fix: / },
  { name: '--context without =', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/policy.json', '--context', 'aws:SourceIp'], exit: 2, where: /--context .*`aws:SourceIp`/, hint: /expects key=value/ },
  { name: '--context without a key', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/policy.json', '--context', '=203.0.113.5'], exit: 2, where: /--context .*`=203\.0\.113\.5`/, hint: /expects key=value/ },
  { name: 'wrong --format', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/policy.json', '--format', 'xml'], exit: 2, where: /--format/, hint: /must be one of text, json/ },
  { name: '--action that is not service:Action', argv: ['simulate', '--principal', 'arn:aws:iam::111122223333:user/alice', '--action', 'GetObject', '--resource', 'arn:aws:s3:::reports/q3.csv', '--policy', 'fixtures/hostile/policy.json'], exit: 2, where: /--action/, hint: /must look like service:Action \(e\.g\. s3:GetObject\)/ },
  { name: 'missing --principal', argv: ['simulate', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::reports/q3.csv', '--policy', 'fixtures/hostile/policy.json'], exit: 2, where: /--principal is required/, hint: /Run `iamcheck simulate --help`/ },
  { name: 'missing --action', argv: ['simulate', '--principal', 'arn:aws:iam::111122223333:user/alice', '--resource', 'arn:aws:s3:::reports/q3.csv', '--policy', 'fixtures/hostile/policy.json'], exit: 2, where: /--action is required/, hint: /Run `iamcheck simulate --help`/ },
  { name: 'unknown flag', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/policy.json', '--bogus'], exit: 2, where: /--bogus/, hint: /Run `iamcheck simulate --help`/ },
  { name: 'condition operator `constructor`: statement skipped and reported', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/proto-operator.json'], exit: 1, where: /error: fixtures\/hostile\/proto-operator\.json statement ProtoOperator was skipped: Unknown condition operator `constructor`/, hint: /fix: / },

  // why / who-can / can: account dumps (get-account-authorization-details), org and resource-policy files.
  { name: 'missing account file', argv: ['why', ...REQUEST, '--account', 'fixtures/hostile/does-not-exist.json'], exit: 2, where: /fixtures\/hostile\/does-not-exist\.json/, hint: MISSING_HELP },
  { name: 'a directory as --account', argv: ['why', ...REQUEST, '--account', 'fixtures/hostile'], exit: 2, where: /fixtures\/hostile/, hint: DIRECTORY_HELP },
  { name: 'empty account file', argv: ['why', ...REQUEST, '--account', 'fixtures/hostile/empty.json'], exit: 2, where: /fixtures\/hostile\/empty\.json:1:1:/, hint: /help: / },
  { name: 'invalid JSON', argv: ['why', ...REQUEST, '--account', 'fixtures/hostile/account-missing-comma.json'], exit: 2, where: /fixtures\/hostile\/account-missing-comma\.json:5:7:/, hint: COMMA_HELP },
  { name: 'invalid UTF-8', argv: ['why', ...REQUEST, '--account', 'fixtures/hostile/invalid-utf8.json'], exit: 2, where: /fixtures\/hostile\/invalid-utf8\.json:5:19:/, hint: UTF8_HELP },
  { name: 'nesting 100,000 deep', argv: ['why', ...REQUEST, '--account', '$T/deep.json'], exit: 2, where: /deep\.json:1:129:/, hint: DEEP_HELP },
  { name: '70 MB account file', argv: ['why', ...REQUEST, '--account', '$T/huge.json'], exit: 2, where: /huge\.json:1:1:/, hint: HUGE_HELP },
  { name: 'number where a user name belongs', argv: ['why', ...REQUEST, '--account', 'fixtures/hostile/account-number-types.json'], exit: 2, where: /fixtures\/hostile\/account-number-types\.json:5:19: error account\/wrong-type: `UserName` should be a string/, hint: /help: Pass the dump of the account/ },
  { name: '--context without =', argv: ['why', ...REQUEST, '--account', 'fixtures/hostile/account.json', '--context', 'aws:SourceIp'], exit: 2, where: /--context .*`aws:SourceIp`/, hint: /expects key=value/ },
  { name: 'wrong --format', argv: ['why', ...REQUEST, '--account', 'fixtures/hostile/account.json', '--format', 'xml'], exit: 2, where: /--format `xml`/, hint: /use text or json/ },
  { name: 'unknown flag', argv: ['why', ...REQUEST, '--account', 'fixtures/hostile/account.json', '--bogus'], exit: 2, where: /--bogus/, hint: /Run `iamcheck why --help`/ },
  { name: 'missing --account', argv: ['why', ...REQUEST], exit: 2, where: /--account FILE/, hint: /get-account-authorization-details/ },
  { name: 'a message that is not an AWS error', argv: ['why', 'this is not an AccessDenied message', '--account', 'fixtures/hostile/account.json'], exit: 2, where: /could not find the action in the message/, hint: /Paste the whole error .* or give --action/ },
  { name: 'neither message nor request', argv: ['why', '--account', 'fixtures/hostile/account.json'], exit: 2, where: /why:/, hint: /pass an AWS error message, or --principal, --action and --resource/ },
  { name: 'invalid JSON', argv: ['who-can', 's3:GetObject', 'arn:aws:s3:::reports/q3.csv', '--account', 'fixtures/hostile/account-missing-comma.json'], exit: 2, where: /fixtures\/hostile\/account-missing-comma\.json:5:7:/, hint: COMMA_HELP },
  { name: 'empty account file', argv: ['who-can', 's3:GetObject', 'arn:aws:s3:::reports/q3.csv', '--account', 'fixtures/hostile/empty.json'], exit: 2, where: /fixtures\/hostile\/empty\.json:1:1:/, hint: /help: / },
  { name: 'nesting 100,000 deep', argv: ['who-can', 's3:GetObject', 'arn:aws:s3:::reports/q3.csv', '--account', '$T/deep.json'], exit: 2, where: /deep\.json:1:129:/, hint: DEEP_HELP },
  { name: '--context without =', argv: ['who-can', 's3:GetObject', 'arn:aws:s3:::reports/q3.csv', '--account', 'fixtures/hostile/account.json', '--context', 'novalue'], exit: 2, where: /--context .*`novalue`/, hint: /expects key=value/ },
  { name: 'wrong --format', argv: ['who-can', 's3:GetObject', 'arn:aws:s3:::reports/q3.csv', '--account', 'fixtures/hostile/account.json', '--format', 'xml'], exit: 2, where: /--format `xml`/, hint: /use text or json/ },
  { name: 'missing RESOURCE', argv: ['who-can', 's3:GetObject', '--account', 'fixtures/hostile/account.json'], exit: 2, where: /give ACTION and RESOURCE/, hint: /e\.g\. `iamcheck who-can s3:GetObject/ },
  { name: 'missing --account', argv: ['who-can', 's3:GetObject', 'arn:aws:s3:::reports/q3.csv'], exit: 2, where: /--account FILE/, hint: /get-account-authorization-details/ },
  { name: 'invalid UTF-8', argv: ['can', 'arn:aws:iam::111122223333:user/alice', '--account', 'fixtures/hostile/invalid-utf8.json'], exit: 2, where: /fixtures\/hostile\/invalid-utf8\.json:5:19:/, hint: UTF8_HELP },
  { name: '70 MB account file', argv: ['can', 'arn:aws:iam::111122223333:user/alice', '--account', '$T/huge.json'], exit: 2, where: /huge\.json:1:1:/, hint: HUGE_HELP },
  { name: 'number where a user name belongs', argv: ['can', 'arn:aws:iam::111122223333:user/alice', '--account', 'fixtures/hostile/account-number-types.json'], exit: 2, where: /fixtures\/hostile\/account-number-types\.json:5:19: error account\/wrong-type/, hint: /help: Give the ARN of a user or role in the dump/ },
  { name: 'a principal not in the dump', argv: ['can', 'arn:aws:iam::111122223333:user/nobody', '--account', 'fixtures/hostile/account.json'], exit: 2, where: /fixtures\/hostile\/account\.json: The principal arn:aws:iam::111122223333:user\/nobody is not in the account files/, hint: /help: Give the ARN of a user or role/ },
  { name: '--context without =', argv: ['can', 'arn:aws:iam::111122223333:user/alice', '--account', 'fixtures/hostile/account.json', '--context', 'novalue'], exit: 2, where: /--context .*`novalue`/, hint: /expects key=value/ },
  { name: 'missing --account', argv: ['can', 'arn:aws:iam::111122223333:user/alice'], exit: 2, where: /--account FILE/, hint: /get-account-authorization-details/ },
  { name: 'unknown flag', argv: ['can', 'arn:aws:iam::111122223333:user/alice', '--account', 'fixtures/hostile/account.json', '--bogus'], exit: 2, where: /--bogus/, hint: /Run `iamcheck can --help`/ },
  // Problems inside the inputs are reported with their help, and the answer says what it could not read.
  { name: 'undecodable URL-encoded document', argv: ['why', ...REQUEST, '--account', 'fixtures/hostile/account-bad-encoding.json'], exit: 0, where: /fixtures\/hostile\/account-bad-encoding\.json:11:139: error account\/undecodable-document/, hint: /help: Fetch the dump again/ },
  { name: 'undecodable URL-encoded document', argv: ['who-can', 's3:GetObject', 'arn:aws:s3:::reports/q3.csv', '--account', 'fixtures/hostile/account-bad-encoding.json'], exit: 0, where: /fixtures\/hostile\/account-bad-encoding\.json:11:139: error account\/undecodable-document[^]*user arn:aws:iam::111122223333:user\/alice[^]*Broken/, hint: /help: Fetch the dump again/ },
  { name: 'undecodable URL-encoded document', argv: ['can', 'arn:aws:iam::111122223333:user/alice', '--account', 'fixtures/hostile/account-bad-encoding.json'], exit: 0, where: /fixtures\/hostile\/account-bad-encoding\.json:11:139: error account\/undecodable-document/, hint: /help: Fetch the dump again/ },
  { name: 'duplicate key in a dump', argv: ['why', ...REQUEST, '--account', 'fixtures/hostile/account-duplicate-keys.json'], exit: 0, where: /fixtures\/hostile\/account-duplicate-keys\.json:19:7: error parse\/duplicate-key/, hint: DUPLICATE_HELP },
  { name: '__proto__ keys in the org file', argv: ['why', ...REQUEST, '--account', 'fixtures/hostile/account.json', '--org', 'fixtures/hostile/org-proto.json'], exit: 0, where: /fixtures\/hostile\/org-proto\.json:2:3: error account\/unknown-key/, hint: /help: / },
  { name: '__proto__ keys in the resource-policies file', argv: ['who-can', 's3:GetObject', 'arn:aws:s3:::reports/q3.csv', '--account', 'fixtures/hostile/account.json', '--resource-policies', 'fixtures/hostile/resource-policies-proto.json'], exit: 0, where: /fixtures\/hostile\/resource-policies-proto\.json:2:3: error account\/not-an-arn/, hint: /help: / },

  // fetch / whoami: flags are checked before any call to AWS.
  { name: 'unknown flag', argv: ['fetch', '--bogus'], exit: 2, where: /--bogus/, hint: /Run `iamcheck fetch --help`/ },
  { name: 'flag without its value', argv: ['fetch', '--profile'], exit: 2, where: /--profile/, hint: /Run `iamcheck fetch --help`/ },
  { name: 'unexpected argument', argv: ['fetch', 'extra'], exit: 2, where: /`extra`/, hint: /Run `iamcheck fetch --help`/ },
  { name: 'wrong --format', argv: ['whoami', '--format', 'xml'], exit: 2, where: /--format `xml`/, hint: /use text or json/ },
  { name: 'unknown flag', argv: ['whoami', '--bogus'], exit: 2, where: /--bogus/, hint: /Run `iamcheck whoami --help`/ },

  // rules
  { name: 'wrong --format', argv: ['rules', '--format', 'xml'], exit: 2, where: /format `xml`/, hint: /use `text` or `json`/ },
  { name: 'unknown flag', argv: ['rules', '--bogus'], exit: 2, where: /--bogus/, hint: /Run `iamcheck rules --help`/ },
  { name: 'unexpected argument', argv: ['rules', 'extra'], exit: 2, where: /`extra`/, hint: /Run `iamcheck rules --help`/ },

  // preflight: the preflight file (YAML/JSON) and the eks/ecs/ecr shortcuts.
  { name: 'missing preflight file', argv: ['preflight', 'fixtures/hostile/does-not-exist.yaml'], exit: 2, where: /fixtures\/hostile\/does-not-exist\.yaml/, hint: MISSING_HELP },
  { name: 'a directory', argv: ['preflight', 'fixtures/hostile'], exit: 2, where: /fixtures\/hostile/, hint: DIRECTORY_HELP },
  { name: 'empty preflight file', argv: ['preflight', 'fixtures/hostile/empty.yaml'], exit: 2, where: /fixtures\/hostile\/empty\.yaml:1:1:/, hint: /help: See schemas\/preflight\.schema\.json/ },
  { name: 'invalid YAML', argv: ['preflight', 'fixtures/hostile/preflight-bad-yaml.yaml'], exit: 2, where: /fixtures\/hostile\/preflight-bad-yaml\.yaml:4:1:/, hint: /help: Fix the YAML syntax/ },
  { name: 'invalid UTF-8', argv: ['preflight', 'fixtures/hostile/invalid-utf8.json'], exit: 2, where: /fixtures\/hostile\/invalid-utf8\.json:5:19:/, hint: UTF8_HELP },
  { name: 'nesting 100,000 deep', argv: ['preflight', '$T/deep.yaml'], exit: 2, where: /deep\.yaml:1:132:/, hint: DEEP_HELP },
  { name: '70 MB file', argv: ['preflight', '$T/huge.yaml'], exit: 2, where: /huge\.yaml:1:1:/, hint: HUGE_HELP },
  { name: 'duplicate key', argv: ['preflight', 'fixtures/hostile/preflight-duplicate-keys.yaml'], exit: 2, where: /fixtures\/hostile\/preflight-duplicate-keys\.yaml:6:3:/, hint: DUPLICATE_HELP },
  { name: '__proto__ keys', argv: ['preflight', 'fixtures/hostile/preflight-proto.yaml'], exit: 2, where: /fixtures\/hostile\/preflight-proto\.yaml:1:1: Unknown key `__proto__`/, hint: /help: See schemas\/preflight\.schema\.json/ },
  { name: 'numbers where strings belong', argv: ['preflight', 'fixtures/hostile/preflight-number-types.yaml'], exit: 2, where: /fixtures\/hostile\/preflight-number-types\.yaml:2:8:/, hint: /help: See schemas\/preflight\.schema\.json/ },
  { name: 'YAML billion laughs', argv: ['preflight', 'fixtures/hostile/preflight-billion-laughs.yaml'], exit: 2, where: /fixtures\/hostile\/preflight-billion-laughs\.yaml:13:14:/, hint: ALIASES_HELP },
  { name: 'eksctl config: YAML billion laughs (a config problem)', argv: ['preflight', 'eks', '--config', 'fixtures/hostile/eksctl-billion-laughs.yaml', '--principal', 'arn:aws:iam::111122223333:user/ci', '--policy', 'fixtures/hostile/policy.json'], exit: 1, where: /fixtures\/hostile\/eksctl-billion-laughs\.yaml:16:9 {2}error {2}parse\/too-large/, hint: ALIASES_HELP },
  { name: 'a directory as --config', argv: ['preflight', 'eks', '--config', 'fixtures/hostile', '--principal', 'arn:aws:iam::111122223333:user/ci', '--policy', 'fixtures/hostile/policy.json'], exit: 2, where: /fixtures\/hostile/, hint: DIRECTORY_HELP },
  { name: 'task definition: invalid JSON (a config problem)', argv: ['preflight', 'ecs', '--task-def', 'fixtures/hostile/missing-comma.json', '--principal', 'arn:aws:iam::111122223333:user/ci', '--policy', 'fixtures/hostile/policy.json'], exit: 1, where: /fixtures\/hostile\/missing-comma\.json:6:7 {2}error {2}parse\/invalid-json/, hint: COMMA_HELP },
  { name: 'Dockerfile: invalid UTF-8', argv: ['preflight', 'ecr', '--dockerfile', 'fixtures/hostile/invalid-utf8.json', '--push', '111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1', '--principal', 'arn:aws:iam::111122223333:user/ci', '--policy', 'fixtures/hostile/policy.json'], exit: 2, where: /fixtures\/hostile\/invalid-utf8\.json:5:19:/, hint: UTF8_HELP },
  { name: '--policy: invalid JSON', argv: ['preflight', 'eks', '--eksctl', 'eksctl create cluster --name prod --region us-east-1', '--principal', 'arn:aws:iam::111122223333:user/ci', '--policy', 'fixtures/hostile/missing-comma.json'], exit: 2, where: /fixtures\/hostile\/missing-comma\.json:6:7:/, hint: COMMA_HELP },
  { name: '--fact without =', argv: ['preflight', 'ecr', '--push', '111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1', '--principal', 'arn:aws:iam::111122223333:user/ci', '--policy', 'fixtures/hostile/policy.json', '--fact', 'clusterName'], exit: 2, where: /--fact .*`clusterName`/, hint: /expects key=value/ },
  { name: '--fact naming no fact', argv: ['preflight', 'ecr', '--push', '111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1', '--principal', 'arn:aws:iam::111122223333:user/ci', '--policy', 'fixtures/hostile/policy.json', '--fact', 'bogusFact=x'], exit: 2, where: /--fact: `bogusFact`/, hint: /known: region, / },
  { name: '--eksctl flag without its value (a config problem)', argv: ['preflight', 'eks', '--eksctl', 'eksctl create cluster --name prod --region', '--principal', 'arn:aws:iam::111122223333:user/ci', '--policy', 'fixtures/hostile/policy.json'], exit: 1, where: /<--eksctl>:1:35 {2}error {2}preflight\/flag-needs-value/, hint: /help: Write `--region VALUE`/ },
  { name: 'wrong --format', argv: ['preflight', 'fixtures/hostile/preflight.yaml', '--format', 'xml'], exit: 2, where: /--format/, hint: /must be text or json/ },
  { name: 'unknown flag', argv: ['preflight', 'fixtures/hostile/preflight.yaml', '--bogus'], exit: 2, where: /--bogus/, hint: /Run `iamcheck preflight --help`/ },
  { name: 'no preflight file', argv: ['preflight'], exit: 2, where: /preflight:/, hint: /Run `iamcheck preflight --help`/ },

  // diff: OLD and NEW policy files.
  { name: 'missing NEW file', argv: ['diff', 'fixtures/hostile/policy.json', 'fixtures/hostile/does-not-exist.json'], exit: 2, where: /fixtures\/hostile\/does-not-exist\.json/, hint: MISSING_HELP },
  { name: 'a directory as OLD', argv: ['diff', 'fixtures/hostile', 'fixtures/hostile/policy.json'], exit: 2, where: /fixtures\/hostile/, hint: DIRECTORY_HELP },
  { name: 'empty OLD file', argv: ['diff', 'fixtures/hostile/empty.json', 'fixtures/hostile/policy.json'], exit: 2, where: /fixtures\/hostile\/empty\.json:1:1:/, hint: EMPTY_HELP },
  { name: 'invalid JSON', argv: ['diff', 'fixtures/hostile/policy.json', 'fixtures/hostile/missing-comma.json'], exit: 2, where: /fixtures\/hostile\/missing-comma\.json:6:7:/, hint: COMMA_HELP },
  { name: 'invalid UTF-8', argv: ['diff', 'fixtures/hostile/policy.json', 'fixtures/hostile/invalid-utf8.json'], exit: 2, where: /fixtures\/hostile\/invalid-utf8\.json:5:19:/, hint: UTF8_HELP },
  { name: 'nesting 100,000 deep', argv: ['diff', 'fixtures/hostile/policy.json', '$T/deep.json'], exit: 2, where: /deep\.json:1:129:/, hint: DEEP_HELP },
  { name: '70 MB file', argv: ['diff', 'fixtures/hostile/policy.json', '$T/huge.json'], exit: 2, where: /huge\.json:1:1:/, hint: HUGE_HELP },
  { name: 'duplicate key', argv: ['diff', 'fixtures/hostile/policy.json', 'fixtures/hostile/duplicate-keys.json'], exit: 2, where: /fixtures\/hostile\/duplicate-keys\.json:8:7:/, hint: DUPLICATE_HELP },
  { name: 'YAML billion laughs', argv: ['diff', 'fixtures/hostile/policy.json', 'fixtures/hostile/billion-laughs.yaml'], exit: 2, where: /fixtures\/hostile\/billion-laughs\.yaml:10:8:/, hint: ALIASES_HELP },
  { name: 'unknown condition operator: the statement cannot be evaluated, so no verdict', argv: ['diff', 'fixtures/hostile/policy.json', 'fixtures/hostile/unknown-operator.json'], exit: 2, where: /fixtures\/hostile\/unknown-operator\.json:4:5: Statement UnknownOperator cannot be evaluated: Unknown condition operator `StringEqualz`/, hint: /help: Fix the statement/ },
  { name: 'wrong --max-witnesses', argv: ['diff', 'fixtures/hostile/policy.json', 'fixtures/hostile/policy.json', '--max-witnesses', 'many'], exit: 2, where: /--max-witnesses/, hint: /takes a positive whole number/ },
  { name: 'wrong --policy-type', argv: ['diff', 'fixtures/hostile/policy.json', 'fixtures/hostile/policy.json', '--policy-type', 'banana'], exit: 2, where: /--policy-type/, hint: /must be identity or resource/ },
  { name: 'wrong --format', argv: ['diff', 'fixtures/hostile/policy.json', 'fixtures/hostile/policy.json', '--format', 'xml'], exit: 2, where: /--format/, hint: /must be one of text, json, sarif, github/ },
  { name: 'only one file', argv: ['diff', 'fixtures/hostile/policy.json'], exit: 2, where: /give two files, OLD and NEW/, hint: /Run `iamcheck diff --help`/ },
  { name: 'unknown flag', argv: ['diff', 'fixtures/hostile/policy.json', 'fixtures/hostile/policy.json', '--bogus'], exit: 2, where: /--bogus/, hint: /Run `iamcheck diff --help`/ },

  // check-access-not-granted: one policy file and --action/--resource.
  { name: 'missing policy file', argv: ['check-access-not-granted', 'fixtures/hostile/does-not-exist.json', '--action', 's3:GetObject'], exit: 2, where: /fixtures\/hostile\/does-not-exist\.json/, hint: MISSING_HELP },
  { name: 'a directory', argv: ['check-access-not-granted', 'fixtures/hostile', '--action', 's3:GetObject'], exit: 2, where: /fixtures\/hostile/, hint: DIRECTORY_HELP },
  { name: 'empty policy', argv: ['check-access-not-granted', 'fixtures/hostile/empty.json', '--action', 's3:GetObject'], exit: 2, where: /fixtures\/hostile\/empty\.json:1:1:/, hint: EMPTY_HELP },
  { name: 'invalid JSON', argv: ['check-access-not-granted', 'fixtures/hostile/missing-comma.json', '--action', 's3:GetObject'], exit: 2, where: /fixtures\/hostile\/missing-comma\.json:6:7:/, hint: COMMA_HELP },
  { name: 'invalid UTF-8', argv: ['check-access-not-granted', 'fixtures/hostile/invalid-utf8.json', '--action', 's3:GetObject'], exit: 2, where: /fixtures\/hostile\/invalid-utf8\.json:5:19:/, hint: UTF8_HELP },
  { name: 'nesting 100,000 deep', argv: ['check-access-not-granted', '$T/deep.json', '--action', 's3:GetObject'], exit: 2, where: /deep\.json:1:129:/, hint: DEEP_HELP },
  { name: '70 MB file', argv: ['check-access-not-granted', '$T/huge.json', '--action', 's3:GetObject'], exit: 2, where: /huge\.json:1:1:/, hint: HUGE_HELP },
  { name: 'duplicate key', argv: ['check-access-not-granted', 'fixtures/hostile/duplicate-keys.json', '--action', 's3:GetObject'], exit: 2, where: /fixtures\/hostile\/duplicate-keys\.json:8:7:/, hint: DUPLICATE_HELP },
  { name: 'YAML billion laughs', argv: ['check-access-not-granted', 'fixtures/hostile/billion-laughs.yaml', '--action', 's3:GetObject'], exit: 2, where: /fixtures\/hostile\/billion-laughs\.yaml:10:8:/, hint: ALIASES_HELP },
  { name: 'unknown condition operator: the statement cannot be evaluated, so no verdict', argv: ['check-access-not-granted', 'fixtures/hostile/unknown-operator.json', '--action', 's3:GetObject'], exit: 2, where: /fixtures\/hostile\/unknown-operator\.json:4:5: Statement UnknownOperator cannot be evaluated: Unknown condition operator `StringEqualz`/, hint: /help: Fix the statement/ },
  { name: '--action that is not service:Action', argv: ['check-access-not-granted', 'fixtures/hostile/policy.json', '--action', 'GetObject'], exit: 2, where: /`GetObject` is not an action/, hint: /write service:Action, e\.g\. s3:GetObject/ },
  { name: 'neither --action nor --resource', argv: ['check-access-not-granted', 'fixtures/hostile/policy.json'], exit: 2, where: /check-access-not-granted:/, hint: /give at least one --action or --resource/ },
  { name: 'wrong --format', argv: ['check-access-not-granted', 'fixtures/hostile/policy.json', '--action', 's3:GetObject', '--format', 'xml'], exit: 2, where: /--format/, hint: /must be one of text, json, sarif, github/ },
  { name: 'unknown flag', argv: ['check-access-not-granted', 'fixtures/hostile/policy.json', '--action', 's3:GetObject', '--bogus'], exit: 2, where: /--bogus/, hint: /Run `iamcheck check-access-not-granted --help`/ },
  { name: 'no policy file', argv: ['check-access-not-granted', '--action', 's3:GetObject'], exit: 2, where: /give one policy file/, hint: /Run `iamcheck check-access-not-granted --help`/ },
  // Regressions: command names and key=value flags are looked up as own properties only.
  { name: 'command named constructor', argv: ['constructor'], exit: 2, where: /Unknown command `constructor`/, hint: /Run `iamcheck --help`/ },
  { name: 'command named __proto__', argv: ['__proto__'], exit: 2, where: /Unknown command `__proto__`/, hint: /Run `iamcheck --help`/ },
  { name: '--fact __proto__=x', argv: ['preflight', 'ecr', '--push', '111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1', '--principal', 'arn:aws:iam::111122223333:user/ci', '--policy', 'fixtures/hostile/policy.json', '--fact', '__proto__=x'], exit: 2, where: /--fact: `__proto__`/, hint: /known: region, / },
  { name: '--context constructor=y', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/context-key-constructor.json', '--context', 'constructor=y', '--context', 'aws:PrincipalTag/constructor=y', '--explain'], exit: 0, where: /condition StringEquals constructor y {2}\(request: y\) {2}true/, hint: /^allowed /m },
  // Regressions: preflight rejects invalid policies, stray flags with a preflight file, and non-image push targets.
  { name: '--policy: numbers where strings belong', argv: ['preflight', 'eks', '--eksctl', 'eksctl create cluster --name prod --region us-east-1', '--principal', 'arn:aws:iam::111122223333:user/ci', '--policy', 'fixtures/hostile/number-types.json'], exit: 2, where: /fixtures\/hostile\/number-types\.json:2:14:/, hint: /help: Use `"Version": "2012-10-17"`/ },
  { name: '--fact without =', argv: ['preflight', 'fixtures/hostile/preflight.yaml', '--fact', 'clusterName'], exit: 2, where: /--fact .*`clusterName`/, hint: /expects key=value/ },
  { name: '--fact with a preflight file', argv: ['preflight', 'fixtures/hostile/preflight.yaml', '--fact', 'region=Singapore'], exit: 2, where: /--fact|Singapore/, hint: /help: |region/ },
  { name: '--push that is not an image reference', argv: ['preflight', 'ecr', '--push', 'not an image', '--principal', 'arn:aws:iam::111122223333:user/ci', '--policy', 'fixtures/hostile/policy.json'], exit: 2, where: /--push .*`not an image`/, hint: /<account>\.dkr\.ecr\.<region>\.amazonaws\.com\/<repo>:<tag>/ },
  { name: 'undecodable URL-encoded document', argv: ['preflight', 'eks', '--eksctl', 'eksctl create cluster --name prod --region us-east-1', '--principal', 'arn:aws:iam::111122223333:user/alice', '--account', 'fixtures/hostile/account-bad-encoding.json'], exit: 1, where: /fixtures\/hostile\/account-bad-encoding\.json:11:139/, hint: /Fetch the dump again/ },
  // Regressions: diff and check-access-not-granted refuse documents AWS would reject, at the first problem.
  { name: 'condition operator `constructor`', argv: ['diff', 'fixtures/hostile/policy.json', 'fixtures/hostile/proto-operator.json'], exit: 2, where: /fixtures\/hostile\/proto-operator\.json:4:5: Statement ProtoOperator cannot be evaluated: Unknown condition operator `constructor`/, hint: /help: Fix the statement/ },
  { name: 'condition operator `constructor`', argv: ['check-access-not-granted', 'fixtures/hostile/proto-operator.json', '--action', 's3:GetObject'], exit: 2, where: /fixtures\/hostile\/proto-operator\.json:4:5: Statement ProtoOperator cannot be evaluated: Unknown condition operator `constructor`/, hint: /help: Fix the statement/ },
  { name: '__proto__ keys', argv: ['diff', 'fixtures/hostile/policy.json', 'fixtures/hostile/proto-keys.json'], exit: 2, where: /fixtures\/hostile\/proto-keys\.json:3:3:/, hint: /help: .*remove this key/ },
  { name: '__proto__ keys', argv: ['check-access-not-granted', 'fixtures/hostile/proto-keys.json', '--action', 's3:GetObject'], exit: 2, where: /fixtures\/hostile\/proto-keys\.json:3:3:/, hint: /help: .*remove this key/ },
  { name: 'numbers where strings belong', argv: ['diff', 'fixtures/hostile/policy.json', 'fixtures/hostile/number-types.json'], exit: 2, where: /fixtures\/hostile\/number-types\.json:2:14:/, hint: /help: Use `"Version": "2012-10-17"`/ },
  { name: 'numbers where strings belong', argv: ['check-access-not-granted', 'fixtures/hostile/number-types.json', '--action', 's3:GetObject'], exit: 2, where: /fixtures\/hostile\/number-types\.json:2:14:/, hint: /help: Use `"Version": "2012-10-17"`/ },
];

describe('every command rejects hostile input clearly', () => {
  it('covers every command of `iamcheck --help`', () => {
    const covered = new Set(ROWS.map((row) => row.argv[0]));
    expect(commandNames().filter((name) => !covered.has(name))).toEqual([]);
  });

  it.each<Row>(ROWS)('$argv.0: $name', expectClearError, 30_000);
});

describe('hostile input that must be accepted or answered without hanging', () => {
  it.each<{ name: string; argv: string[]; exit: 0 | 1; out: RegExp }>([
    // A UTF-8 BOM is what Windows editors write; it is not part of the document and is accepted.
    { name: 'BOM before a policy', argv: ['lint', 'fixtures/hostile/bom.json'], exit: 0, out: /^$/ },
    { name: 'BOM before a policy', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/bom.json'], exit: 0, out: /^allowed .*\n.*bom\.json Statement "ReadReports" \(line 4\)/ },
    { name: 'BOM before the new policy', argv: ['diff', 'fixtures/hostile/policy.json', 'fixtures/hostile/bom.json'], exit: 0, out: /^PASS /m },
    { name: 'BOM before a scenario (YAML)', argv: ['test', 'fixtures/hostile/bom-scenario.yaml'], exit: 0, out: /✓ reads a report {2}allowed\n[^]*1 passed, 0 failed/ },
    { name: 'BOM before a preflight file (YAML)', argv: ['preflight', 'fixtures/hostile/bom-preflight.yaml'], exit: 0, out: /^PASS: 6 of 6 checks allowed/m },
    { name: 'BOM before an account dump', argv: ['who-can', 's3:GetObject', 'arn:aws:s3:::reports/q3.csv', '--account', 'fixtures/hostile/bom-account.json'], exit: 0, out: /^1 of 1 principals can s3:GetObject/ },
    { name: 'BOM before a policy', argv: ['check-access-not-granted', 'fixtures/hostile/bom.json', '--action', 's3:DeleteObject'], exit: 0, out: /^PASS /m },
    // `a*a*…*b` (30 stars) against 10,000 `a`s: exponential for a backtracking regex, linear for IAM's matcher.
    { name: '30-star Resource pattern vs a 10,000-character ARN', argv: ['simulate', '--principal', 'arn:aws:iam::111122223333:user/alice', '--action', 's3:GetObject', '--resource', `arn:aws:s3:::${LONG}`, '--policy', 'fixtures/hostile/wildcard-30-stars.json'], exit: 1, out: /^implicitDeny /m },
    { name: '30-star Action pattern vs a 10,000-character action', argv: ['simulate', '--principal', 'arn:aws:iam::111122223333:user/alice', '--action', `s3:${LONG}`, '--resource', 'arn:aws:s3:::x', '--policy', 'fixtures/hostile/wildcard-30-stars.json'], exit: 1, out: /^implicitDeny /m },
    { name: '30-star StringLike value vs a 10,000-character context value', argv: ['simulate', '--principal', 'arn:aws:iam::111122223333:user/alice', '--action', 's3:PutObject', '--resource', 'arn:aws:s3:::x', '--context', `aws:PrincipalTag/team=${LONG}`, '--policy', 'fixtures/hostile/wildcard-30-stars.json', '--explain'], exit: 1, out: /condition StringLike aws:PrincipalTag\/team a\*a\*.*\*b .*false/ },
    { name: '30-star patterns, new access', argv: ['diff', 'fixtures/hostile/policy.json', 'fixtures/hostile/wildcard-30-stars.json'], exit: 1, out: /^FAIL .*wildcard-30-stars\.json/m },
    { name: '30-star patterns, not granted', argv: ['check-access-not-granted', 'fixtures/hostile/wildcard-30-stars.json', '--action', 's3:DeleteObject'], exit: 0, out: /^PASS /m },
    // `__proto__` as an IAM name (allowed by the name pattern [\w+=,.@-]+) is an ordinary name.
    { name: 'a user named __proto__ with a `__proto__` tag', argv: ['who-can', 's3:GetObject', 'arn:aws:s3:::reports/q3.csv', '--account', 'fixtures/hostile/account-proto.json'], exit: 0, out: /user arn:aws:iam::111122223333:user\/__proto__\n/ },
    { name: 'a user named __proto__', argv: ['can', 'arn:aws:iam::111122223333:user/__proto__', '--account', 'fixtures/hostile/account-proto.json'], exit: 0, out: /s3:GetObject {2}on \*/ },
    { name: 'a user named __proto__', argv: ['why', '--principal', 'arn:aws:iam::111122223333:user/__proto__', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::reports/q3.csv', '--account', 'fixtures/hostile/account-proto.json'], exit: 0, out: /^allowed .*\n {2}allowed by: ReadObjects #1 \(inline\) {2}fixtures\/hostile\/account-proto\.json:14:27/ },
    // Condition keys named like Object.prototype members are ordinary keys, present or absent.
    { name: 'context keys __proto__, constructor and toString in a scenario', argv: ['test', 'fixtures/hostile/scenario-proto-context.yaml'], exit: 0, out: /✓ prototype-named context keys are just keys {2}allowed\n {2}✓ toString is not a tag value {2}implicitDeny\n[^]*2 passed, 0 failed/ },
    { name: 'a condition on key `constructor` not given sees it absent (not Object.prototype.constructor)', argv: ['simulate', ...REQUEST, '--policy', 'fixtures/hostile/context-key-constructor.json', '--context', 'aws:PrincipalTag/constructor=y', '--explain'], exit: 1, out: /condition StringEquals constructor y {2}\(request: absent\) {2}false/ },
  ])('$argv.0: $name', async ({ argv, exit, out }) => {
    const result = await run(argv);
    expect(result.text).not.toMatch(/\n\s+at /);
    expect(result.text).not.toMatch(/internal error/i);
    expect(result.out).toMatch(out);
    expect(result.code, result.text).toBe(exit);
  }, 30_000);
});

describe('fetch never loses the account it downloaded', () => {
  beforeEach(() => iam.resetHistory());

  // -o is checked before any call to AWS: a download must not end in a path that cannot be written.
  it.each<Row>([
    { name: '-o names a directory', argv: ['fetch', '-o', 'fixtures/hostile'], exit: 2, where: /fixtures\/hostile: Is a directory/, hint: /help: Name a file, e\.g\. -o fixtures\/hostile\/account\.json/ },
    { name: '-o in a folder that does not exist', argv: ['fetch', '-o', '$T/no-such-folder/account.json'], exit: 2, where: /no-such-folder\/account\.json: The folder .*no-such-folder does not exist/, hint: /help: Create the folder first/ },
  ])('$argv.0: $name', async (row) => {
    await expectClearError(row);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(0);
  }, 30_000);

  it('saves the dump elsewhere when -o becomes unwritable during the download', async () => {
    // The folder appears at the output path while AWS answers: the check passed, the write fails.
    const late = join(T, 'late.json');
    iam.on(GetAccountAuthorizationDetailsCommand).callsFake(() => {
      mkdirSync(late);
      return EMPTY_ACCOUNT;
    });
    try {
      const { code, err } = await run(['fetch', '-o', '$T/late.json']);
      expect(err).not.toMatch(/internal error/i);
      const saved = /late\.json: Could not write the account dump \(EISDIR\); it was saved to (\S+) instead\.\n {2}help: Move the saved dump/.exec(err);
      expect(saved, err).not.toBeNull();
      expect(JSON.parse(readFileSync(saved![1], 'utf8'))).toEqual({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] });
      rmSync(saved![1]);
      expect(code).toBe(2);
    } finally {
      iam.on(GetAccountAuthorizationDetailsCommand).resolves(EMPTY_ACCOUNT);
    }
  }, 30_000);
});
