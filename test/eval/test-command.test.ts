// `iamcheck test`: policy unit tests for CI. Output formats, exit codes and input errors at file:line:column.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import scenarioSchema from '../../schemas/scenario.schema.json' with { type: 'json' };
import { memoryIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

const dir = 'fixtures/scenarios';

async function run(...args: string[]) {
  const io = memoryIo();
  const code = await main(['test', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('iamcheck test', () => {
  it('exits 0 and ticks every test when all expectations hold (YAML, {file} and inline policies)', async () => {
    const { code, out, err } = await run(`${dir}/passing.yaml`);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toBe([
      `${dir}/passing.yaml`,
      '  ✓ reads a report  allowed',
      '  ✓ cannot read a secret  explicitDeny',
      '',
      '2 passed, 0 failed',
      '',
    ].join('\n'));
  });

  it('exits 1 and explains a failed expectation', async () => {
    const { code, out } = await run(`${dir}/failing.yaml`);
    expect(code).toBe(1);
    expect(out).toContain(`  ✗ writes a report  expected allowed, got implicitDeny  (${dir}/failing.yaml:11)`);
    expect(out).toContain('s3:PutObject does not match s3:GetObject');
    expect(out).toContain('fix: add s3:PutObject to Action of "ReadReports"');
    expect(out).toMatch(/\n1 passed, 1 failed\n$/);
  });

  it('prints the JSON contract: results with file, name, expect, decision, pass, determining; summary', async () => {
    const { code, out } = await run(`${dir}/scenario.json`, '--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.summary).toEqual({ passed: 1, failed: 0 });
    expect(json.results).toHaveLength(1);
    const [result] = json.results;
    expect({ file: result.file, name: result.name, expect: result.expect, decision: result.decision, pass: result.pass }).toEqual({
      file: `${dir}/scenario.json`, name: 'reads a report', expect: 'allowed', decision: 'allowed', pass: true,
    });
    expect(result.determining).toMatchObject([{ policy: 'policies/read-reports.json', file: `${dir}/policies/read-reports.json`, sid: 'ReadReports', line: 4, column: 5 }]);
  });

  it('keeps spans of inline policies in the scenario file', async () => {
    const { out } = await run(`${dir}/inline-deny-span.yaml`, '--format', 'json');
    expect(JSON.parse(out).results[0].determining).toMatchObject([
      { policy: 'policies.identity[0]', file: `${dir}/inline-deny-span.yaml`, sid: 'DenyAll', statementIndex: 0, line: 5, column: 11 },
    ]);
  });

  it('reports JSON results of failing tests with pass false and exit 1', async () => {
    const { code, out } = await run(`${dir}/failing.yaml`, '--format', 'json');
    expect(code).toBe(1);
    const json = JSON.parse(out);
    expect(json.summary).toEqual({ passed: 1, failed: 1 });
    expect(json.results.map((r: { name: string; pass: boolean; decision: string }) => [r.name, r.pass, r.decision])).toEqual([
      ['reads a report', true, 'allowed'],
      ['writes a report', false, 'implicitDeny'],
    ]);
  });

  it('runs several files in order', async () => {
    const { code, out } = await run(`${dir}/passing.yaml`, `${dir}/scenario.json`, '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(out).results.map((r: { file: string }) => r.file)).toEqual([`${dir}/passing.yaml`, `${dir}/passing.yaml`, `${dir}/scenario.json`]);
  });

  it('reports schema errors in words, at file:line:column, and exits 2 without running anything', async () => {
    const { code, out, err } = await run(`${dir}/bad-schema.yaml`);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toBe([
      `iamcheck: ${dir}/bad-schema.yaml:5:11: \`policies.scps[0]\` is a map; expected a list.`,
      '  help: SCPs and RCPs are given as one list per organization level: `scps: [[rootPolicy], [accountPolicy]]`.',
      `iamcheck: ${dir}/bad-schema.yaml:7:5: \`tests[0]\` is missing \`expect\`.`,
      '  help: Add `expect:` with allowed, explicitDeny, implicitDeny or denied.',
      `iamcheck: ${dir}/bad-schema.yaml:11:5: Unknown key \`expct\` in \`tests[0]\`.`,
      '  help: Did you mean `expect`?',
      `iamcheck: ${dir}/bad-schema.yaml:16:30: The context value of \`tests[1].context.aws:SourceIp\` must be a string or a list of strings; it is a map.`,
      '  help: Write one value as `key: value` and several as `key: [a, b]`.',
      `iamcheck: ${dir}/bad-schema.yaml:17:13: \`tests[1].expect\` is \`allow\`; expected one of allowed, explicitDeny, implicitDeny, denied.`,
      '  help: Did you mean `allowed`?',
      '',
    ].join('\n'));
  });

  it.each([
    ['empty.yaml', 'empty.yaml:1:1: The scenario file is empty; expected a map.'],
    ['list.yaml', 'list.yaml:1:1: The scenario file is a list; expected a map.'],
  ])('reports %s as not a scenario', async (file, message) => {
    const { code, err } = await run(`${dir}/${file}`);
    expect(code).toBe(2);
    expect(err).toContain(`iamcheck: ${dir}/${message}`);
  });

  it('reports an invalid inline policy at its place in the scenario file', async () => {
    const { code, err } = await run(`${dir}/bad-inline-policy.yaml`);
    expect(code).toBe(2);
    // The wording is the policy validator's; what this command owns is the position in the scenario file.
    expect(err).toMatch(new RegExp(`^iamcheck: ${dir}/bad-inline-policy\\.yaml:5:19: .*Allw`));
  });

  it('reports a policy file that cannot be read at its `file:` entry', async () => {
    const { code, err } = await run(`${dir}/missing-file.yaml`);
    expect(code).toBe(2);
    expect(err).toBe(`iamcheck: ${dir}/missing-file.yaml:3:13: Cannot read the policy file \`policies/does-not-exist.json\`: No such file.\n`
      + '  help: Paths are relative to the scenario file; check the path.\n');
  });

  it('reports a test that has no policies', async () => {
    const { code, err } = await run(`${dir}/no-policies.yaml`);
    expect(code).toBe(2);
    expect(err).toContain(`${dir}/no-policies.yaml:2:5: Test \`a test without policies\` has no policies to evaluate.`);
  });

  it('reports a scenario file that does not exist', async () => {
    const { code, err } = await run(`${dir}/nope.yaml`);
    expect(code).toBe(2);
    expect(err).toContain(`${dir}/nope.yaml:1:1: No such file.`);
  });

  it('shows what the engine could not evaluate, in text and in JSON', async () => {
    const text = await run(`${dir}/unknown-operator.yaml`);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/ {2}✓ a statement with an unknown operator is skipped and reported {2}implicitDeny\n {6}warning \S+: /);
    expect(text.out).toContain('StringEqualz');
    const json = JSON.parse((await run(`${dir}/unknown-operator.yaml`, '--format', 'json')).out);
    expect(json.results[0].errors).toMatchObject([{ statement: { sid: 'Typo', line: 5, column: 11 } }]);
  });

  it('has a scenario schema that ajv compiles in strict mode', () => {
    expect(() => new Ajv({ strict: true, allowUnionTypes: true }).compile(scenarioSchema)).not.toThrow();
  });

  it('rejects an unknown format and a missing file argument as usage errors', async () => {
    expect((await run(`${dir}/passing.yaml`, '--format', 'sarif')).code).toBe(2);
    expect((await run()).err).toContain('give at least one scenario file');
  });
});
