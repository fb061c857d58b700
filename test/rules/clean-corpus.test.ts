// Every policy of fixtures/policies/clean/ — realistic, least-privilege policies — gets no warning and no error from
// the recommended rules (issue 4, "Precision"). The kind comes from the file name's first word; resource policies
// take their CloudFormation resource type from the second.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../src/catalog/index.js';
import { createSourceFile } from '../../src/core/source.js';
import { CREDENTIALS_EXPOSURE_ACTIONS, DATA_EXFILTRATION_ACTIONS } from '../../src/lint/privesc.js';
import { lintDocument } from '../../src/lint/runner.js';
import type { PolicyDocument } from '../../src/policy/documents.js';
import { normalizePolicy } from '../../src/policy/normalize.js';
import { parseJson } from '../../src/policy/parse-json.js';
import { POLICY_KINDS, type PolicyKind } from '../../src/policy/types.js';

const dir = new URL('../../fixtures/policies/clean/', import.meta.url);
const RESOURCE_TYPES: Record<string, string> = {
  kms: 'AWS::KMS::Key',
  s3: 'AWS::S3::Bucket',
  sqs: 'AWS::SQS::Queue',
  sns: 'AWS::SNS::Topic',
  ecr: 'AWS::ECR::Repository',
  secrets: 'AWS::SecretsManager::Secret',
};

/** `rules-trust-…` and `trust-…` are trust policies; `resource-kms-…` a KMS key policy. */
function kindOf(file: string): { kind: PolicyKind; resourceType?: string } {
  const words = file.replace(/^rules-/, '').split('-');
  const kind = words[0] as PolicyKind;
  if (!POLICY_KINDS.includes(kind)) throw new Error(`${file}: the name must start with a policy kind (${POLICY_KINDS.join(', ')})`);
  const resourceType = kind === 'resource' ? RESOURCE_TYPES[words[1]] : undefined;
  return resourceType ? { kind, resourceType } : { kind };
}

const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('clean corpus (fixtures/policies/clean)', () => {
  it('has policies to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });
  it.each(files)('%s: no warning or error from the recommended rules', (file) => {
    const { kind, resourceType } = kindOf(file);
    const source = createSourceFile(`fixtures/policies/clean/${file}`, readFileSync(new URL(file, dir), 'utf8'));
    const parsed = parseJson(source);
    expect(parsed.findings.filter((f) => f.severity !== 'info').map((f) => f.message)).toEqual([]);
    const document: PolicyDocument = { policy: normalizePolicy(parsed.root!, { kind, name: file, file: source.path, source }), root: parsed.root!, source, findings: [] };
    if (resourceType) document.resourceType = resourceType;
    const findings = lintDocument(document).filter((f) => f.severity !== 'info');
    expect(findings.map((f) => `${f.span.start.line}:${f.span.start.column} ${f.ruleId} ${f.message}`)).toEqual([]);
  });
});

// Research §7.2: the most common false alarm of other tools is `Resource: "*"` reported on actions that support no
// resource-level permissions (xray:PutTraceSegments, ecr:GetAuthorizationToken…). Here every service contributes its
// first such actions (from the catalog) to one policy on `*`; no recommended rule may warn about it.
describe('Resource "*" on actions without resource-level permissions', () => {
  const catalog = getCatalog();
  const statements = catalog
    .services()
    .map((service) => catalog.actions(service).filter((a) => !catalog.supportsResourceLevelPermissions(a.id)).slice(0, 3).map((a) => a.id))
    .filter((ids) => ids.length > 0)
    .map((ids) => ({ Effect: 'Allow', Action: ids, Resource: '*' }));
  // The risky ones the risk-category rules know, and every permissions-management action without resource types.
  const risky = [...CREDENTIALS_EXPOSURE_ACTIONS, ...DATA_EXFILTRATION_ACTIONS, ...catalog.expandActionPattern('*').filter((a) => a.accessLevel === 'Permissions management').map((a) => a.id)];
  statements.push({ Effect: 'Allow', Action: [...new Set(risky.filter((id) => !catalog.supportsResourceLevelPermissions(id)))], Resource: '*' });
  it('the catalog has such actions in many services, and risky ones among them', () => {
    expect(statements.length).toBeGreaterThan(100);
    expect(statements[statements.length - 1].Action).toContain('ecr:GetAuthorizationToken');
  });
  it('no recommended rule reports a warning or an error', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
    const source = createSourceFile('unscopable.json', text);
    const { root } = parseJson(source);
    const document: PolicyDocument = { policy: normalizePolicy(root!, { kind: 'identity', name: 'unscopable', file: source.path, source }), root: root!, source, findings: [] };
    const findings = lintDocument(document).filter((f) => f.severity !== 'info');
    expect(findings.map((f) => `${f.span.start.line}:${f.span.start.column} ${f.ruleId} ${f.message}`)).toEqual([]);
  });
});
