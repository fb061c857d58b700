// readScenario / runScenario: the pure part of `iamcheck test` (scenario tree → requests, policy sets, results).
import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../src/core/source.js';
import { meetsExpectation, readScenario, runScenario } from '../../src/engine/scenario.js';
import { parseYaml } from '../../src/policy/parse-yaml.js';

async function read(text: string, files: Record<string, string> = {}) {
  const source = createSourceFile('scenario.yaml', text);
  const { root } = parseYaml(source);
  return readScenario(root!, source, async (path) => {
    if (!(path in files)) throw new Error('No such file.');
    return createSourceFile(`dir/${path}`, files[path]);
  });
}

const POLICY = 'policies:\n  identity:\n    - { Version: "2012-10-17", Statement: { Effect: Allow, Action: "s3:*", Resource: "*" } }\n';

describe('meetsExpectation', () => {
  it.each([
    ['allowed', 'allowed', true], ['allowed', 'implicitDeny', false], ['explicitDeny', 'implicitDeny', false],
    ['implicitDeny', 'implicitDeny', true], ['denied', 'explicitDeny', true], ['denied', 'implicitDeny', true], ['denied', 'allowed', false],
  ] as const)('%s accepts %s: %s', (expectation, decision, met) => {
    expect(meetsExpectation(expectation, decision)).toBe(met);
  });
});

describe('readScenario', () => {
  it('keeps the spelling of YAML numbers and booleans in context values and resourceAccount', async () => {
    const { scenario, findings } = await read(`${POLICY}tests:
  - name: t
    principal: arn:aws:iam::111122223333:user/alice
    action: s3:GetObject
    resource: arn:aws:s3:::b/k
    resourceAccount: 011122223333
    context: { aws:MultiFactorAuthAge: 0300, aws:SecureTransport: true, aws:TagKeys: [1.50, b] }
    expect: allowed
`);
    expect(findings).toEqual([]);
    expect(scenario.tests[0].request).toEqual({
      principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: '011122223333',
      context: { 'aws:MultiFactorAuthAge': '0300', 'aws:SecureTransport': 'true', 'aws:TagKeys': ['1.50', 'b'] },
    });
  });

  it('reports a context key given twice in different case, at the second one', async () => {
    const { findings } = await read(`${POLICY}tests:
  - name: t
    principal: arn:aws:iam::111122223333:user/alice
    action: s3:GetObject
    resource: arn:aws:s3:::b/k
    context: { aws:SourceIp: 10.0.0.1, AWS:SOURCEIP: 10.0.0.2 }
    expect: allowed
`);
    expect(findings.map((f) => [f.message, f.span.start.line, f.span.start.column])).toEqual([
      ['Context key `AWS:SOURCEIP` is given twice (also as `aws:SourceIp`).', 9, 40],
    ]);
  });

  it('gives a test its own policies instead of the file-level ones, and names inline policies by their place', async () => {
    const { scenario } = await read(`${POLICY}tests:
  - name: own
    principal: arn:aws:iam::111122223333:user/alice
    action: s3:GetObject
    resource: arn:aws:s3:::b/k
    expect: implicitDeny
    policies: { identity: [ { Version: "2012-10-17", Statement: { Effect: Allow, Action: "sqs:*", Resource: "*" } } ] }
  - name: shared
    principal: arn:aws:iam::111122223333:user/alice
    action: s3:GetObject
    resource: arn:aws:s3:::b/k
    expect: allowed
`);
    expect(scenario.tests.map((t) => t.policySet.identity.map((p) => [p.name, p.file, p.span.start.line]))).toEqual([
      [['tests[0].policies.identity[0]', 'scenario.yaml', 10]],
      [['policies.identity[0]', 'scenario.yaml', 3]],
    ]);
    expect(runScenario(scenario).map((r) => [r.name, r.decision, r.pass])).toEqual([['own', 'implicitDeny', true], ['shared', 'allowed', true]]);
  });

  it('reads a policy file once per kind and detects a trust policy under `resource`', async () => {
    let reads = 0;
    const trust = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}}';
    const source = createSourceFile('scenario.yaml', `policies: { resource: { file: trust.json }, permissionBoundary: { file: trust.json } }
tests:
  - { name: a, principal: "arn:aws:iam::111122223333:user/a", action: sts:AssumeRole, resource: "arn:aws:iam::111122223333:role/r", expect: implicitDeny }
`);
    const { scenario } = await readScenario(parseYaml(source).root!, source, async (path) => {
      reads++;
      return createSourceFile(`dir/${path}`, trust);
    });
    const set = scenario.tests[0].policySet;
    expect([set.resource?.kind, set.permissionBoundary?.kind, set.resource?.file, reads]).toEqual(['trust', 'boundary', 'dir/trust.json', 2]);
  });

  it('puts SCP and RCP levels in order, root first', async () => {
    const { scenario } = await read(`policies:
  scps:
    - [ { Version: "2012-10-17", Statement: { Sid: Root, Effect: Allow, Action: "*", Resource: "*" } } ]
    - [ { Version: "2012-10-17", Statement: { Sid: Ou, Effect: Allow, Action: "s3:*", Resource: "*" } },
        { Version: "2012-10-17", Statement: { Sid: OuDeny, Effect: Deny, Action: "s3:Delete*", Resource: "*" } } ]
  rcps: []
tests:
  - { name: a, principal: "arn:aws:iam::111122223333:user/a", action: s3:GetObject, resource: "arn:aws:s3:::b/k", expect: implicitDeny }
`);
    const set = scenario.tests[0].policySet;
    expect(set.scps?.map((level) => level.map((p) => [p.kind, p.name, p.statements[0].sid?.value]))).toEqual([
      [['scp', 'policies.scps[0][0]', 'Root']],
      [['scp', 'policies.scps[1][0]', 'Ou'], ['scp', 'policies.scps[1][1]', 'OuDeny']],
    ]);
    expect(set.rcps).toEqual([]);
  });
});
