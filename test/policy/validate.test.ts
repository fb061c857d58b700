import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../src/core/source.js';
import { documentsInFile } from '../../src/policy/documents.js';
import { parsePolicy } from '../../src/policy/index.js';
import { POLICY_QUOTAS } from '../../src/policy/quotas.js';
import { decodeSource } from '../../src/policy/read.js';
import type { PolicyKind } from '../../src/policy/types.js';

interface Expected {
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function findingsOf(path: string, kind?: PolicyKind): Expected[] {
  const source = decodeSource(path, readFileSync(path));
  const result = documentsInFile(source, kind ? { kind } : {});
  return [...result.findings, ...result.documents.flatMap((d) => d.findings)].map((f) => ({
    ruleId: f.ruleId, line: f.span.start.line, column: f.span.start.column, endLine: f.span.end.line, endColumn: f.span.end.column,
  }));
}

// Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
// Elements: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
const INVALID: { file: string; kind?: PolicyKind; errors: Expected[] }[] = [
  // Effect is case-sensitive: reference_policies_elements_effect.html
  { file: 'bad-effect.json', errors: [{ ruleId: 'schema/invalid-effect', line: 6, column: 17, endLine: 6, endColumn: 24 }] },
  { file: 'missing-action.json', errors: [{ ruleId: 'schema/missing-action', line: 4, column: 5, endLine: 7, endColumn: 6 }] },
  // reference_policies_elements_notaction.html: a statement has Action or NotAction.
  { file: 'action-and-not-action.json', errors: [{ ruleId: 'schema/action-and-not-action', line: 7, column: 7, endLine: 7, endColumn: 18 }] },
  // reference_policies_elements_principal.html: no Principal in identity-based policies.
  { file: 'identity-with-principal.json', kind: 'identity', errors: [{ ruleId: 'schema/principal-not-allowed', line: 6, column: 7, endLine: 6, endColumn: 18 }] },
  // Trust policies have no Resource: id_roles_create_for-service.html (MalformedPolicyDocument "Has prohibited field Resource").
  { file: 'trust-with-resource.json', kind: 'trust', errors: [{ ruleId: 'schema/element-not-allowed', line: 8, column: 7, endLine: 8, endColumn: 17 }] },
  {
    file: 'misspelled-element.json',
    errors: [
      { ruleId: 'schema/missing-resource', line: 4, column: 5, endLine: 8, endColumn: 6 },
      { ruleId: 'schema/unknown-element', line: 7, column: 7, endLine: 7, endColumn: 16 },
    ],
  },
  {
    file: 'wrong-types.json',
    errors: [
      { ruleId: 'schema/invalid-type', line: 5, column: 14, endLine: 5, endColumn: 15 },
      { ruleId: 'schema/invalid-type', line: 7, column: 34, endLine: 7, endColumn: 36 },
      { ruleId: 'schema/invalid-type', line: 8, column: 19, endLine: 8, endColumn: 54 },
      { ruleId: 'schema/invalid-condition', line: 9, column: 63, endLine: 9, endColumn: 73 },
    ],
  },
  // reference_policies_elements_version.html
  { file: 'bad-version.json', errors: [{ ruleId: 'schema/invalid-version', line: 2, column: 14, endLine: 2, endColumn: 26 }] },
  { file: 'empty-action.json', errors: [{ ruleId: 'schema/empty-value', line: 4, column: 36, endLine: 4, endColumn: 38 }] },
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
  {
    file: 'rcp-principal-not-star.json', kind: 'rcp',
    errors: [
      { ruleId: 'schema/missing-action', line: 4, column: 5, endLine: 9, endColumn: 6 },
      { ruleId: 'schema/element-not-allowed', line: 7, column: 7, endLine: 7, endColumn: 18 },
      { ruleId: 'schema/invalid-principal', line: 6, column: 20, endLine: 6, endColumn: 34 },
    ],
  },
  { file: 'duplicate-key.json', errors: [{ ruleId: 'parse/duplicate-key', line: 8, column: 7, endLine: 8, endColumn: 15 }] },
  { file: 'invalid-json.json', errors: [{ ruleId: 'parse/invalid-json', line: 4, column: 69, endLine: 4, endColumn: 70 }] },
  { file: 'not-a-policy.json', errors: [{ ruleId: 'parse/not-a-policy', line: 1, column: 1, endLine: 1, endColumn: 2 }] },
];

describe('schema validation of the invalid corpus', () => {
  it.each(INVALID)('$file', ({ file, kind, errors }) => {
    expect(findingsOf(`fixtures/policies/invalid/${file}`, kind)).toEqual(errors);
  });
});

const KINDS: PolicyKind[] = ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'];

describe('the valid corpus has no schema finding', () => {
  const cases = KINDS.flatMap((kind) => readdirSync(`fixtures/policies/valid/${kind}`).map((file) => ({ kind, file })));
  it('covers every kind', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(KINDS));
  });
  it.each(cases)('$kind/$file', ({ kind, file }) => {
    expect(findingsOf(`fixtures/policies/valid/${kind}/${file}`, kind)).toEqual([]);
  });
});

describe('the clean corpus', () => {
  const files = readdirSync('fixtures/policies/clean');
  it('has at least 15 policies', () => expect(files.length).toBeGreaterThanOrEqual(15));
  it.each(files)('%s has no schema finding (kind from its name: `<kind>-…` or `<owner>-<kind>-…`)', (file) => {
    const kind = file.split('-').slice(0, 2).find((part) => (KINDS as string[]).includes(part)) as PolicyKind;
    expect(KINDS).toContain(kind);
    expect(findingsOf(`fixtures/policies/clean/${file}`, kind)).toEqual([]);
  });
});

describe('messages are in AWS terms, never ajv wording', () => {
  const texts: [string, PolicyKind][] = [
    ['{"Statement":[{"Effect":"allow","Action":1,"Resource":[],"Condition":{"X":5}},"s"],"Version":2,"Extra":{}}', 'identity'],
    ['{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Servce":"x"},"NotPrincipal":"*"}}', 'trust'],
    ['{"Statement":[{"Effect":"Deny","NotAction":"s3:*","Principal":"arn:aws:iam::111122223333:root"}]}', 'rcp'],
  ];
  it.each(texts)('%s', (text, kind) => {
    const { findings } = parsePolicy(text, { kind });
    expect(findings.length).toBeGreaterThanOrEqual(2);
    for (const f of findings) {
      expect(f.message).not.toMatch(/must be equal to|must NOT have|must match|must have required property|instancePath|schema/);
      expect(f.help).toBeTruthy();
      expect(f.severity).toBe('error');
    }
  });

  it('names the kind and suggests the right spelling', () => {
    const { findings } = parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","action":"s3:GetObject","Resource":"*","Principal":"*"}]}', { kind: 'identity' });
    expect(findings.map((f) => [f.ruleId, f.message, f.help])).toEqual([
      ['schema/missing-action', 'A statement must have `Action` or `NotAction`.', 'List the actions the statement is about, for example `"Action": "s3:GetObject"`.'],
      ['schema/unknown-element', '`action` is not a statement element; AWS rejects the policy.', 'Did you mean `Action`? Statement elements are case-sensitive.'],
      ['schema/principal-not-allowed', '`Principal` is not allowed in an identity-based policy.', 'Remove `Principal`, or lint this document as a resource-based policy if that is what it is.'],
    ]);
  });

  it('accepts the 2025 SCP grammar: Allow with NotAction and a condition', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"account:CloseAccount","Resource":"arn:aws:s3:::b","Condition":{"Bool":{"aws:MultiFactorAuthPresent":true}}}]}';
    expect(parsePolicy(text, { kind: 'scp' }).findings).toEqual([]);
  });

  it('places errors under condition keys that contain `/` and `~`', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team~x":{"a":1}}}}]}';
    expect(parsePolicy(text, { kind: 'identity' }).findings.map((f) => [f.message, f.span.start.column, f.span.end.column])).toEqual([
      ['The value of `aws:PrincipalTag/team~x` must be a string, number, boolean or an array of them, not an object.', 150, 157],
    ]);
  });

  it('accepts Allow in an RCP only as RCPFullAWSAccess writes it', () => {
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
    const full = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}';
    expect(parsePolicy(full, { kind: 'rcp' }).findings).toEqual([]);
    const narrow = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}';
    expect(parsePolicy(narrow, { kind: 'rcp' }).findings.map((f) => [f.ruleId, f.message, f.span.start.column])).toEqual([
      ['schema/invalid-effect', 'In an RCP, `Effect` must be `Deny`.', 48],
    ]);
  });

  it('leaves Sid characters to the `valid-sid` lint rule (one fact in one place)', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Sid":"read reports","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
    expect(parsePolicy(text, { kind: 'identity' }).findings).toEqual([]);
  });
});

describe('schemas/<kind>.schema.json', () => {
  it.each(KINDS)('%s is a draft-07 schema named after its kind', (kind) => {
    const schema = JSON.parse(readFileSync(`schemas/${kind}.schema.json`, 'utf8')) as { $schema: string; $id: string; required: string[] };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe(`https://iamcheck.dev/schemas/${kind}.schema.json`);
    expect(schema.required).toContain('Statement');
  });

  it('share one definition of values, principals and conditions (no drift between kinds)', () => {
    const definitions = KINDS.map((kind) => {
      const { definitions: d } = JSON.parse(readFileSync(`schemas/${kind}.schema.json`, 'utf8')) as { definitions: Record<string, unknown> };
      return { stringList: d.stringList, principal: d.principal, condition: d.condition, conditionValue: d.conditionValue };
    });
    for (const d of definitions) expect(d).toEqual(definitions[0]);
  });
});

describe('size quotas', () => {
  const statement = (i: number) => `{"Sid":"S${i}","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-${i}/*"}`;
  const policyOf = (n: number, indent = '') => `{"Version":"2012-10-17","Statement":[${Array.from({ length: n }, (_, i) => indent + statement(i)).join(',')}]}`;

  it('reports a managed policy over 6,144 characters on the whole document', () => {
    const text = policyOf(100);
    const { findings } = parsePolicy(text, { kind: 'identity' });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'schema/policy-too-large', severity: 'error',
      message: `The policy is ${text.length.toLocaleString('en-US')} characters, not counting white space; AWS allows 6,144 for a managed policy.`,
      span: { start: { line: 1, column: 1 }, end: { line: 1, column: text.length + 1 } },
    });
    expect(findings[0].notes?.[0]).toContain('https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html');
  });

  it('does not count white space for IAM, but does for SCPs', () => {
    const padded = policyOf(60, '\n' + ' '.repeat(60));
    expect(JSON.stringify(JSON.parse(padded)).length).toBeLessThan(POLICY_QUOTAS['managed-policy'].limit);
    expect(padded.length).toBeGreaterThan(POLICY_QUOTAS.scp.limit);
    expect(parsePolicy(padded, { kind: 'identity' }).findings).toEqual([]);
    expect(parsePolicy(padded, { kind: 'scp' }).findings.map((f) => f.ruleId)).toEqual(['schema/policy-too-large']);
  });

  it('holds a trust policy to 2,048 characters and S3 bucket policies to 20 KB', () => {
    const trust = `{"Version":"2012-10-17","Statement":[${Array.from({ length: 30 }, (_, i) => `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1111222233${String(i).padStart(2, '0')}:root"},"Action":"sts:AssumeRole"}`).join(',')}]}`;
    expect(parsePolicy(trust, { kind: 'trust' }).findings.map((f) => f.message)).toEqual([
      `The policy is ${trust.length.toLocaleString('en-US')} characters, not counting white space; AWS allows 2,048 for a role trust policy.`,
    ]);
    const bucket = policyOf(100).replace(/"Effect"/g, '"Principal":"*","Effect"');
    const source = createSourceFile('bucket.json', bucket);
    expect(documentsInFile(source, { kind: 'resource', resourceType: 'AWS::S3::Bucket' }).documents[0].findings).toEqual([]);
    expect(documentsInFile(source, { kind: 'resource', resourceType: 'AWS::SQS::Queue' }).documents[0].findings.map((f) => f.ruleId)).toEqual(['schema/policy-too-large']);
  });
});
