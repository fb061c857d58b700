import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { createSourceFile } from '../../src/core/source.js';
import { documentsInFile } from '../../src/policy/documents.js';
import { parsePolicy } from '../../src/policy/index.js';
import { parseJson } from '../../src/policy/parse-json.js';
import { parseYaml } from '../../src/policy/parse-yaml.js';
import { decodeSource, MAX_FILE_BYTES, readSource } from '../../src/policy/read.js';
import { toPlain } from '../../src/policy/tree.js';

const fixture = (name: string) => `fixtures/policies/invalid/${name}`;
const load = (name: string) => decodeSource(fixture(name), readFileSync(fixture(name)));

/** Every hostile input ends in findings or an InputError; this only checks that the call returns. */
function findingsOf(source: ReturnType<typeof createSourceFile>) {
  const result = documentsInFile(source);
  return [...result.findings, ...result.documents.flatMap((d) => d.findings)];
}

const tmp = mkdtempSync(join(tmpdir(), 'iamcheck-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('hostile inputs', () => {
  it('invalid JSON: a fatal finding at the offending character', () => {
    expect(findingsOf(load('invalid-json.json'))).toEqual([
      expect.objectContaining({
        ruleId: 'parse/invalid-json', fatal: true, message: 'Invalid JSON: Expected a key in double quotes, found `}`.',
        span: { start: { line: 4, column: 69, offset: 114 }, end: { line: 4, column: 70, offset: 115 } },
      }),
    ]);
  });

  it('duplicate keys: reported at the second key; the policy reads the last value, as AWS does', () => {
    const source = load('duplicate-key.json');
    const { documents, findings } = documentsInFile(source);
    expect(documents[0].findings).toEqual([]);
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'parse/duplicate-key', message: 'Duplicate key `Effect`; it is also at line 5.', span: expect.objectContaining({ start: { line: 8, column: 7, offset: 140 } }) }),
    ]);
    expect(documents[0].policy.statements[0].effect).toEqual({ value: 'Allow', span: expect.objectContaining({ start: { line: 8, column: 17, offset: 150 } }) });
  });

  it('UTF-8 BOM: accepted; positions are those an editor shows (the BOM takes no column)', () => {
    const bytes = readFileSync(fixture('bom-bad-effect.json'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(findingsOf(load('bom-bad-effect.json'))).toEqual([
      expect.objectContaining({ ruleId: 'schema/invalid-effect', span: { start: { line: 3, column: 28, offset: 56 }, end: { line: 3, column: 34, offset: 62 } } }),
    ]);
    // A caller that builds the SourceFile itself, BOM included, still gets a parse.
    expect(parseJson(createSourceFile('bom.json', '\uFEFF{"a": 1}')).findings).toEqual([]);
  });

  it('invalid UTF-8: an InputError at line:column', () => {
    const bytes = readFileSync(fixture('invalid-utf8.json'));
    let error: unknown;
    try {
      decodeSource('invalid-utf8.json', bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ file: 'invalid-utf8.json', line: 3, column: 29, message: 'Invalid UTF-8 (byte 0xe9 at byte offset 57).' });
    expect((error as InputError).describe()).toBe('invalid-utf8.json:3:29: Invalid UTF-8 (byte 0xe9 at byte offset 57).\n  help: IAM policies are UTF-8 text; re-save the file as UTF-8.');
  });

  it('__proto__ and constructor keys: plain data, Object.prototype untouched', () => {
    const { documents } = documentsInFile(load('proto-keys.json'));
    const plain = toPlain(documents[0].root) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['__proto__', 'constructor', 'Version', 'Statement']);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(documents[0].findings.map((f) => [f.ruleId, f.span.start.line, f.span.start.column])).toEqual([
      ['schema/unknown-element', 2, 3],
      ['schema/unknown-element', 3, 3],
      ['schema/unknown-element', 6, 69],
    ]);
    expect(documents[0].policy.statements[0].actions?.map((a) => a.value)).toEqual(['s3:GetObject']);
  });

  it.each([
    ['arrays', '['.repeat(100_000) + ']'.repeat(100_000), 'nested.json', 1, 129],
    ['objects', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), 'nested.json', 1, 641],
    ['YAML flow', '['.repeat(100_000), 'nested.yaml', 1, 129],
    ['YAML compact sequences', '- '.repeat(100_000) + 'x\n', 'nested.yaml', 1, 255],
    ['YAML indentation', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + '\n', 'nested.yaml', 129, 129],
  ])('nesting 100,000 deep (%s): a clear finding, no stack overflow', (_, text, path, line, column) => {
    const findings = findingsOf(createSourceFile(path, text));
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'parse/too-deep', fatal: true, message: 'Nesting is deeper than 128 levels.' })]);
    expect(findings[0].span.start).toMatchObject({ line, column });
  });

  it('a file over MAX_FILE_BYTES: an InputError before anything is read', async () => {
    const path = join(tmp, 'huge.json');
    writeFileSync(path, '{');
    truncateSync(path, MAX_FILE_BYTES + 1); // sparse: no 64 MB written
    await expect(readSource(path)).rejects.toMatchObject({
      name: 'InputError', file: path, line: 1, column: 1, message: `The file is ${MAX_FILE_BYTES + 1} bytes, over the limit of ${MAX_FILE_BYTES} bytes.`,
    });
  });

  it('YAML billion laughs: alias expansion stops at the budget', () => {
    expect(findingsOf(load('billion-laughs.yaml'))).toEqual([
      expect.objectContaining({
        ruleId: 'parse/too-large', fatal: true, message: 'YAML aliases expand this document to more than 100,000 values.',
        span: { start: { line: 10, column: 12, offset: 425 }, end: { line: 10, column: 14, offset: 427 } },
      }),
    ]);
  });

  it('numbers and objects where strings belong: findings, and the normalized model leaves them out', () => {
    const { documents } = documentsInFile(load('wrong-types.json'));
    expect(documents[0].findings.map((f) => f.message)).toEqual([
      '`Sid` must be a string, not a number.',
      'Each entry of `Action` must be a string, not a number.',
      '`Resource` must be a string or an array of strings, not an object.',
      'Each value of `s3:max-keys` must be a string, number or boolean, not an object.',
    ]);
    const statement = documents[0].policy.statements[0];
    expect(statement.sid).toBeUndefined();
    expect(statement.actions?.map((a) => a.value)).toEqual(['s3:GetObject']);
    expect(statement.resources).toEqual([]);
    expect(statement.conditions[0].values.map((v) => v.value)).toEqual(['10']);
  });

  it('a policy embedded in a Terraform plan string that is not JSON: a finding on the string, the rest analyzed', () => {
    const plan = JSON.stringify({
      format_version: '1.2',
      planned_values: { root_module: { resources: [
        { address: 'aws_iam_policy.a', mode: 'managed', type: 'aws_iam_policy', name: 'a', values: { policy: '{"Version": "2012-10-17",' } },
        { address: 'aws_iam_policy.b', mode: 'managed', type: 'aws_iam_policy', name: 'b', values: { policy: '{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}' } },
      ] } },
    });
    const result = documentsInFile(createSourceFile('plan.json', plan));
    expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'parse/invalid-json', fatal: false, message: 'aws_iam_policy.a.policy: Invalid JSON: Unexpected end of the file: the `{` on line 1 is never closed.', span: expect.objectContaining({ start: { line: 1, column: 202, offset: 201 } }) })]);
    expect(result.documents.map((d) => d.policy.name)).toEqual(['aws_iam_policy.b.policy']);
  });

  it('values of every type at every position never throw', () => {
    const values = ['null', 'true', '1', '"x"', '[]', '{}', '[null]', '{"a":null}'];
    for (const v of values) {
      for (const template of ['X', '{"Statement":X}', '{"Statement":[X]}', '{"Statement":{"Effect":X,"Action":X,"Resource":X,"Principal":X,"Condition":X}}', '{"Statement":{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"StringEquals":X}}}']) {
        for (const kind of ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'] as const) {
          const { findings } = parsePolicy(template.replaceAll('X', v), { kind });
          for (const f of findings) expect(f.span.start.line).toBe(1);
        }
      }
    }
  });
});

describe('YAML alias expansion budget is shared across the document', () => {
  it('a modest alias use is fine', () => {
    const { findings, root } = parseYaml(createSourceFile('a.yaml', 'base: &b {Effect: Allow}\nStatement: [*b, *b]\n'));
    expect(findings).toEqual([]);
    expect(toPlain(root!)).toEqual({ base: { Effect: 'Allow' }, Statement: [{ Effect: 'Allow' }, { Effect: 'Allow' }] });
  });
});

describe('a document with thousands of grammar errors', () => {
  it('lists the first 200 and says the rest are not listed', () => {
    const statements = Array.from({ length: 5000 }, () => '{"Effect":"Maybe","Action":1}').join(',');
    const { findings } = parsePolicy(`{"Statement":[${statements}]}`, { kind: 'identity' });
    expect(findings).toHaveLength(202);
    expect(findings.slice(200).map((f) => f.ruleId)).toEqual(['schema/too-many-errors', 'schema/policy-too-large']);
    expect(findings[200]).toMatchObject({ message: 'The document has more than 200 grammar errors; the rest are not listed.' });
  });
});

describe('a 4 MB document of broken statements', () => {
  it('stops at the cap instead of validating everything first', () => {
    const statement = '{"Effect":"Maybe","Action":1,"Resource":{}}';
    const text = `{"Statement":[${Array.from({ length: Math.floor((4 * 1024 * 1024) / (statement.length + 1)) }, () => statement).join(',')}]}`;
    const { findings } = parsePolicy(text, { kind: 'identity' });
    expect(findings.map((f) => f.ruleId).slice(-2)).toEqual(['schema/too-many-errors', 'schema/policy-too-large']);
  });
});
