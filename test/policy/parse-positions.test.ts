import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../src/core/source.js';
import { parseJson } from '../../src/policy/parse-json.js';
import { parseYaml } from '../../src/policy/parse-yaml.js';
import * as tree from '../../src/policy/tree.js';
import { nodeAtPath, type MemberNode, type ScalarNode, type ValueNode } from '../../src/policy/tree.js';

/** `[path, line, column, endLine, endColumn]` of the value at `path`, or of the key when the path ends with `#key`. */
type Row = [string, number, number, number, number];

function positions(root: ValueNode, rows: readonly Row[]): Row[] {
  return rows.map(([path]) => {
    const steps = path.split('.').filter((s) => s !== '' && s !== '#key').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    let span;
    if (path.endsWith('#key')) {
      const parent = nodeAtPath(root, steps.slice(0, -1)) as ValueNode;
      const member = parent.type === 'object' ? (parent.members.find((m) => m.key.value === steps[steps.length - 1]) as MemberNode) : undefined;
      span = member!.key.span;
    } else span = (nodeAtPath(root, steps) as ValueNode).span;
    return [path, span.start.line, span.start.column, span.end.line, span.end.column];
  });
}

const JSON_TEXT = [
  '{',
  '  "Version": "2012-10-17",',
  '  "Statement": [',
  '    {',
  '      "Sid": "Tab\\tEscaped",',
  '      "Effect": "Allow",',
  '      "Action": ["s3:GetObject", "s3:\\u0050utObject"],',
  '      "Resource": "arn:aws:s3:::b/😀/*",',
  '      "Condition": { "NumericLessThan": { "s3:max-keys": 10 }, "Bool": { "aws:SecureTransport": true } }',
  '    }',
  '  ]',
  '}',
].join('\n');

describe('parseJson positions', () => {
  const { root, findings } = parseJson(createSourceFile('p.json', JSON_TEXT));
  it('parses', () => expect(findings).toEqual([]));
  const rows: Row[] = [
    ['', 1, 1, 12, 2],
    ['Version.#key', 2, 3, 2, 12],
    ['Version', 2, 14, 2, 26],
    ['Statement', 3, 16, 11, 4],
    ['Statement.0', 4, 5, 10, 6],
    ['Statement.0.Sid', 5, 14, 5, 28],
    ['Statement.0.Effect', 6, 17, 6, 24],
    ['Statement.0.Action.0', 7, 18, 7, 32],
    ['Statement.0.Action.1', 7, 34, 7, 53],
    ['Statement.0.Resource', 8, 19, 8, 40],
    ['Statement.0.Condition.NumericLessThan.s3:max-keys', 9, 58, 9, 60],
    ['Statement.0.Condition.Bool.aws:SecureTransport', 9, 97, 9, 101],
    ['Statement.0.Condition.Bool.#key', 9, 64, 9, 70],
  ];
  it('pins every key and value', () => expect(positions(root!, rows)).toEqual(rows));

  it('keeps where each character of an escaped string sits', () => {
    const sid = nodeAtPath(root!, ['Statement', 0, 'Sid']) as ScalarNode;
    expect(sid.value).toBe('Tab\tEscaped');
    const lineStart = JSON_TEXT.indexOf('      "Sid"');
    expect(sid.valueOffsets!.map((o) => o - lineStart + 1)).toEqual([15, 16, 17, 18, 20, 21, 22, 23, 24, 25, 26]);
    const action = nodeAtPath(root!, ['Statement', 0, 'Action', 1]) as ScalarNode;
    expect(action.value).toBe('s3:PutObject');
    expect(action.valueOffsets![3] - action.span.start.offset).toBe(4); // `\u0050` starts right after `s3:`
    expect(action.valueOffsets![4] - action.span.start.offset).toBe(10);
  });

  it('counts lines across CRLF and CR line ends', () => {
    const crlf = parseJson(createSourceFile('c.json', '{\r\n  "a": [\r\n    1,\r    "x"\r\n  ]\r\n}'));
    expect(positions(crlf.root!, [['a.0', 0, 0, 0, 0], ['a.1', 0, 0, 0, 0], ['a.#key', 0, 0, 0, 0]])).toEqual([
      ['a.0', 3, 5, 3, 6],
      ['a.1', 4, 5, 4, 8],
      ['a.#key', 2, 3, 2, 6],
    ]);
  });

  it.each([
    ['{"a": 1,}', 'Invalid JSON: Expected a key in double quotes, found `}`.', 1, 9, 'Remove the comma before `}` (JSON allows no trailing comma), or add the missing value.'],
    ['{"a" 1}', 'Invalid JSON: Expected `:` after the key, found a number.', 1, 6, undefined],
    ['{"a": 1 "b": 2}', 'Invalid JSON: Expected a comma or `}`, found a string.', 1, 9, 'A comma is probably missing before it.'],
    ['{\n  "a": tru\n}', 'Invalid JSON: Unexpected `tru`.', 2, 8, undefined],
    ['{\n  "a": [1, 2\n', 'Invalid JSON: Unexpected end of the file: the `[` on line 2 is never closed.', 3, 1, undefined],
    ['{\n  "Version": "2012-10-17",\n', 'Invalid JSON: Unexpected end of the file: the `{` on line 1 is never closed.', 3, 1, undefined],
    ['{"a": "abc\n}', 'Invalid JSON: This string is never closed.', 1, 7, undefined],
    ['{"a": "\\x"}', 'Invalid JSON: Invalid escape `\\x` in a string.', 1, 8, undefined],
    ['{"a": "\\u12"}', 'Invalid JSON: Invalid `\\u` escape: it takes four hexadecimal digits.', 1, 8, undefined],
    ['{"a": "tab\there"}', 'Invalid JSON: A control character (U+0009) is not allowed in a string.', 1, 11, undefined],
    ["{'a': 1}", "Invalid JSON: Unexpected `'a'`.", 1, 2, 'JSON strings use double quotes (`"`), not single quotes.'],
    ['{"a": 1} // note', 'Invalid JSON: Unexpected comment.', 1, 10, 'JSON has no comments; remove it.'],
    ['{"a": 01}', 'Invalid JSON: Invalid number `01`.', 1, 7, undefined],
    ['{"a": NaN}', 'Invalid JSON: Unexpected `NaN`.', 1, 7, 'JSON has only strings, numbers, `true`, `false`, `null`, objects and arrays.'],
    ['{} {}', 'Invalid JSON: Expected the end of the file, found `{`.', 1, 4, undefined],
    ['[1, 2,]', 'Invalid JSON: Expected a value, found `]`.', 1, 7, 'Remove the comma before `]` (JSON allows no trailing comma), or add the missing value.'],
    ['{"a": 0x1F}', 'Invalid JSON: Invalid number `0x1F`.', 1, 7, undefined],
    ['{"a": 1.}', 'Invalid JSON: Invalid number `1.`.', 1, 7, undefined],
    ['{"a": 1} /* note', 'Invalid JSON: Unexpected comment.', 1, 10, 'JSON has no comments; remove it.'],
    ['', 'The file is empty.', 1, 1, undefined],
  ])('reports %j at its line:column', (text, message, line, column, help) => {
    const { findings } = parseJson(createSourceFile('e.json', text));
    expect(findings.map((f) => [f.message, f.span.start.line, f.span.start.column, f.fatal])).toEqual([[message, line, column, true]]);
    if (help) expect(findings[0].help).toBe(help);
  });

  it('reads numbers, literals and escapes as JSON.parse does', () => {
    const text = '{"n": [0, -1.5e3, 12, -0, 1e400, 12345678901234567890], "lone": "\\ud800", "t": true, "f": false, "z": null, "s": "\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"}';
    const { root, findings } = parseJson(createSourceFile('v.json', text));
    expect(findings).toEqual([]);
    expect(tree.toPlain(root!)).toEqual(JSON.parse(text));
  });

  it('agrees with JSON.parse on random documents and on random damage to them (differential)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 4 }), fc.nat(), (value, indent, cut) => {
        const text = JSON.stringify(value, null, indent);
        const parsed = parseJson(createSourceFile('r.json', text));
        expect(parsed.findings).toEqual([]);
        expect(tree.toPlain(parsed.root!)).toEqual(JSON.parse(text));
        // Delete one character: both parsers must agree on whether the rest is still JSON.
        const at = cut % text.length;
        const damaged = text.slice(0, at) + text.slice(at + 1);
        let valid = true;
        try {
          JSON.parse(damaged);
        } catch {
          valid = false;
        }
        if (damaged.trim() === '') return;
        const result = parseJson(createSourceFile('d.json', damaged));
        expect(result.root !== undefined && !result.findings.some((f) => f.fatal)).toBe(valid);
        if (valid) expect(tree.toPlain(result.root!)).toEqual(JSON.parse(damaged));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });
});

const YAML_TEXT = [
  'Version: "2012-10-17"',
  'Statement:',
  '  - Sid: ReadAssets',
  '    Effect: Allow',
  '    Action: [s3:GetObject, "s3:ListBucket"]',
  '    Resource: !Sub "arn:aws:s3:::${Bucket}/*"',
  '    Condition:',
  '      Bool:',
  '        aws:SecureTransport: true',
  '      NumericLessThan: {s3:max-keys: 10}',
].join('\n');

describe('parseYaml positions', () => {
  const { root, findings } = parseYaml(createSourceFile('p.yaml', YAML_TEXT));
  it('parses', () => expect(findings).toEqual([]));
  const rows: Row[] = [
    ['Version.#key', 1, 1, 1, 8],
    ['Version', 1, 10, 1, 22],
    ['Statement.0.Sid', 3, 10, 3, 20],
    ['Statement.0.Effect', 4, 13, 4, 18],
    ['Statement.0.Action.0', 5, 14, 5, 26],
    ['Statement.0.Action.1', 5, 28, 5, 43],
    // The span of a tagged value starts at the value, after `!Sub`.
    ['Statement.0.Resource', 6, 20, 6, 46],
    ['Statement.0.Condition.Bool.aws:SecureTransport', 9, 30, 9, 34],
    ['Statement.0.Condition.NumericLessThan.s3:max-keys', 10, 38, 10, 40],
    ['Statement.0.Condition.NumericLessThan.#key', 10, 7, 10, 22],
  ];
  it('pins every key and value', () => expect(positions(root!, rows)).toEqual(rows));

  it('keeps CloudFormation short tags and the scalar types', () => {
    const resource = nodeAtPath(root!, ['Statement', 0, 'Resource']) as ValueNode;
    expect(resource).toMatchObject({ type: 'string', value: 'arn:aws:s3:::${Bucket}/*', tag: '!Sub' });
    expect(nodeAtPath(root!, ['Statement', 0, 'Condition', 'Bool', 'aws:SecureTransport'])).toMatchObject({ type: 'boolean', value: true });
    expect(nodeAtPath(root!, ['Version'])).toMatchObject({ type: 'string', value: '2012-10-17' });
  });

  it('reads an unquoted date-like Version as the string it is (YAML 1.2 core schema)', () => {
    const { root: r } = parseYaml(createSourceFile('v.yaml', 'Version: 2012-10-17\n'));
    expect(nodeAtPath(r!, ['Version'])).toMatchObject({ type: 'string', value: '2012-10-17' });
  });

  it('reports invalid YAML at its line:column', () => {
    const { findings: f } = parseYaml(createSourceFile('bad.yaml', 'Statement:\n  - Effect: Allow\n   Action: x\n'));
    expect(f.map((x) => [x.ruleId, x.span.start.line, x.fatal])).toEqual([['parse/invalid-yaml', 3, true]]);
  });
});

describe('parseYaml findings', () => {
  it('reports a duplicate key at the second one; the last value wins', () => {
    const { root, findings } = parseYaml(createSourceFile('d.yaml', 'Statement:\n  Effect: Deny\n  Action: "*"\n  Effect: Allow\n'));
    expect(findings.map((f) => [f.ruleId, f.message, f.span.start.line, f.span.start.column])).toEqual([
      ['parse/duplicate-key', 'Duplicate key `Effect`; it is also at line 2.', 4, 3],
    ]);
    expect(tree.toPlain(root!)).toEqual({ Statement: { Effect: 'Allow', Action: '*' } });
  });
});
