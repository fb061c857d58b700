// Lint figures: policies/s with every rule on, over 5,000 generated realistic policies (identity, resource and
// trust), linting already-parsed documents and the whole parse + lint pipeline.
import { createSourceFile } from '../src/core/source.js';
import type { PolicyDocument } from '../src/policy/documents.js';
import { normalizePolicy } from '../src/policy/normalize.js';
import { parseJson } from '../src/policy/parse-json.js';
import type { PolicyKind } from '../src/policy/types.js';
import { lintDocument } from '../src/lint/runner.js';
import { generatePolicy as generateFoundationPolicy, time } from './corpus.js';
import { allRules } from '../rules/index.js';

const ACCOUNT = '111122223333';
const SERVICES: [string, string[], (i: number) => string][] = [
  ['s3', ['GetObject', 'PutObject', 'ListBucket', 'DeleteObject', 'Get*'], (i) => `arn:aws:s3:::bucket-${i}/prefix-${i % 7}/*`],
  ['dynamodb', ['GetItem', 'PutItem', 'Query', 'UpdateItem', 'BatchGet*'], (i) => `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/table-${i}`],
  ['sqs', ['SendMessage', 'ReceiveMessage', 'DeleteMessage'], (i) => `arn:aws:sqs:eu-west-1:${ACCOUNT}:queue-${i}`],
  ['logs', ['CreateLogStream', 'PutLogEvents'], (i) => `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/app/${i}:*`],
  ['kms', ['Decrypt', 'GenerateDataKey', 'Encrypt'], (i) => `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${i.toString(16).padStart(8, '0')}-1111-2222-3333-444455556666`],
  ['ec2', ['StartInstances', 'StopInstances', 'Describe*'], (i) => `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-${i.toString(16).padStart(17, '0')}`],
  ['iam', ['PassRole', 'GetRole'], (i) => `arn:aws:iam::${ACCOUNT}:role/app-${i}`],
];

const CONDITIONS: Record<string, unknown>[] = [
  { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] }, Bool: { 'aws:SecureTransport': 'true' } },
  { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] }, DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } },
  { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
  { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] }, Null: { 'aws:TagKeys': 'false' } },
];

/** A deterministic policy of 1–6 statements; every fifth is a resource policy, every seventh a trust policy. */
function generatePolicy(n: number): { text: string; kind: PolicyKind } {
  if (n % 7 === 3) {
    return {
      kind: 'trust',
      text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:ecs:eu-west-1:${ACCOUNT}:*` } } }] }, null, 2),
    };
  }
  const resource = n % 5 === 1;
  const statements = [];
  const count = 1 + (n % 6);
  for (let s = 0; s < count; s++) {
    const [service, actions, arn] = SERVICES[(n + s) % SERVICES.length];
    const statement: Record<string, unknown> = {
      Sid: `Statement${s}`,
      Effect: s % 5 === 4 ? 'Deny' : 'Allow',
      Action: actions.slice(0, 1 + ((n + s) % actions.length)).map((a) => `${service}:${a}`),
      Resource: [arn(n * 10 + s), arn(n * 10 + s + 1)],
    };
    if (resource) statement.Principal = { AWS: `arn:aws:iam::${ACCOUNT}:role/app-${n}` };
    if ((n + s) % 3 === 0) statement.Condition = CONDITIONS[(n + s) % CONDITIONS.length];
    statements.push(statement);
  }
  return { kind: resource ? 'resource' : 'identity', text: JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2) };
}

function parse(text: string, kind: PolicyKind, i: number): PolicyDocument {
  const source = createSourceFile(`generated-${i}.json`, text);
  const { root } = parseJson(source);
  if (!root) throw new Error('generated policy does not parse');
  return { policy: normalizePolicy(root, { kind, name: source.path, file: source.path, source }), root, source, findings: [] };
}


/** Prints lint throughput with all rules on (also those off by default). */
export async function bench(): Promise<void> {
  const COUNT = 5000;
  const corpus = Array.from({ length: COUNT }, (_, i) => generatePolicy(i));
  const everyRule = Object.fromEntries(allRules.map((r) => [r.name, { severity: r.meta.severity }]));
  // Cold: the first documents pay for reading the catalog's service files.
  const cold = time(() => {
    for (let i = 0; i < 50; i++) lintDocument(parse(corpus[i].text, corpus[i].kind, i), { rules: everyRule });
  });
  const documents = corpus.map((p, i) => parse(p.text, p.kind, i));
  // Warm up the JIT and the per-pattern caches on the whole corpus once, then measure.
  for (const document of documents) lintDocument(document, { rules: everyRule });
  let findings = 0;
  const byRule = new Map<string, number>();
  for (const document of documents) {
    for (const finding of lintDocument(document, { rules: everyRule })) {
      findings++;
      byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
    }
  }
  // Best of three: the machine is shared, and the best run is the closest to what the code costs.
  const lintMs = Math.min(
    ...[0, 1, 2].map(() =>
      time(() => {
        for (const document of documents) lintDocument(document, { rules: everyRule });
      }),
    ),
  );
  const pipelineMs = time(() => {
    corpus.forEach((p, i) => lintDocument(parse(p.text, p.kind, i), { rules: everyRule }));
  });
  // Where the time goes: each rule alone over the corpus, slowest first.
  const perRule = allRules.map((rule) => {
    const settings = { [rule.name]: { severity: rule.meta.severity } };
    const ms = time(() => {
      for (const document of documents) lintDocument(document, { rules: settings, ruleList: [rule] });
    });
    return { name: rule.name, ms };
  }).sort((a, b) => b.ms - a.ms);
  const statements = documents.reduce((sum, d) => sum + d.policy.statements.length, 0);
  console.log(`corpus: ${COUNT} policies (${statements} statements), ${allRules.length} rules, ${findings} findings`);
  console.log(`findings by rule: ${[...byRule].map(([id, n]) => `${id} ${n}`).join(', ')}`);
  console.log(`first 50 policies (catalog loading)   ${cold.toFixed(0).padStart(9)} ms`);
  console.log(`lint (parsed documents)               ${(COUNT / (lintMs / 1000)).toFixed(0).padStart(9)} policies/s`);
  console.log(`slowest rules (ms over the corpus): ${perRule.slice(0, 6).map((r) => `${r.name} ${r.ms.toFixed(0)}`).join(', ')}`);
  console.log(`parse + normalize + lint              ${(COUNT / (pipelineMs / 1000)).toFixed(0).padStart(9)} policies/s`);
  // The foundation issue's corpus (identity policies only), for comparison across issues.
  const foundation = Array.from({ length: COUNT }, (_, i) => parse(generateFoundationPolicy(i), 'identity', i));
  for (const document of foundation) lintDocument(document, { rules: everyRule });
  const foundationMs = time(() => {
    for (const document of foundation) lintDocument(document, { rules: everyRule });
  });
  console.log(`lint, foundation corpus (${COUNT} identity policies)  ${(COUNT / (foundationMs / 1000)).toFixed(0).padStart(5)} policies/s`);
}
