// A clean, least-privilege policy gets no warning and no error from any rule (issue 4, "Precision").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../src/core/source.js';
import type { PolicyDocument } from '../../src/policy/documents.js';
import { normalizePolicy } from '../../src/policy/normalize.js';
import { parseJson } from '../../src/policy/parse-json.js';
import type { PolicyKind } from '../../src/policy/types.js';
import { lintDocument } from '../../src/lint/runner.js';
import { allRules } from '../../rules/index.js';

const dir = new URL('../../fixtures/lint/clean/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as { policies: { file: string; kind: PolicyKind; resourceType?: string }[] };
/** Every rule on, including those off by default. */
const everyRule = Object.fromEntries(allRules.map((r) => [r.name, { severity: r.meta.severity }]));

describe('clean corpus', () => {
  it.each(manifest.policies)('$file reports no warning or error', ({ file, kind, resourceType }) => {
    const source = createSourceFile(`fixtures/lint/clean/${file}`, readFileSync(new URL(file, dir), 'utf8'));
    const { root } = parseJson(source);
    const document: PolicyDocument = { policy: normalizePolicy(root!, { kind, name: file, file: source.path, source }), root: root!, source, findings: [] };
    if (resourceType) document.resourceType = resourceType;
    const findings = lintDocument(document, { rules: everyRule }).filter((f) => f.severity !== 'info');
    expect(findings.map((f) => `${f.span.start.line}:${f.span.start.column} ${f.ruleId} ${f.message}`)).toEqual([]);
  });
});
