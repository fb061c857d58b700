// Policy pipeline figures: parse + validate + normalize throughput on a generated corpus of realistic policies,
// next to plain JSON.parse on the same bytes; and extraction from a Terraform plan holding the same policies.
import { createSourceFile } from '../src/core/source.js';
import { documentsInFile } from '../src/policy/documents.js';
import { parsePolicy } from '../src/policy/index.js';
import { parseJson } from '../src/policy/parse-json.js';

const SERVICES: [string, string[], (i: number) => string][] = [
  ['s3', ['GetObject', 'PutObject', 'ListBucket', 'DeleteObject'], (i) => `arn:aws:s3:::bucket-${i}/prefix-${i % 7}/*`],
  ['dynamodb', ['GetItem', 'PutItem', 'Query', 'UpdateItem'], (i) => `arn:aws:dynamodb:eu-west-1:111122223333:table/table-${i}`],
  ['sqs', ['SendMessage', 'ReceiveMessage', 'DeleteMessage'], (i) => `arn:aws:sqs:eu-west-1:111122223333:queue-${i}`],
  ['logs', ['CreateLogStream', 'PutLogEvents'], (i) => `arn:aws:logs:eu-west-1:111122223333:log-group:/app/${i}:*`],
  ['kms', ['Decrypt', 'GenerateDataKey'], (i) => `arn:aws:kms:eu-west-1:111122223333:key/${i.toString(16).padStart(8, '0')}-1111-2222-3333-444455556666`],
];

/** A deterministic identity policy of 1–6 statements, some with conditions. */
function generatePolicy(n: number): string {
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
    if ((n + s) % 3 === 0) statement.Condition = { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] }, Bool: { 'aws:SecureTransport': 'true' } };
    statements.push(statement);
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Prints policies/s and MB/s for the pipeline and for JSON.parse. */
export async function bench(): Promise<void> {
  const COUNT = 5000;
  const texts = Array.from({ length: COUNT }, (_, i) => generatePolicy(i));
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  const mb = bytes / 1024 / 1024;
  // Warm up (schema compilation, JIT) on a slice, then measure the whole corpus.
  for (const text of texts.slice(0, 200)) parsePolicy(text);
  let findings = 0;
  const pipelineMs = time(() => {
    for (const text of texts) findings += parsePolicy(text).findings.length;
  });
  const parseMs = time(() => {
    for (const text of texts) parseJson(createSourceFile('p.json', text));
  });
  const jsonMs = time(() => {
    for (const text of texts) JSON.parse(text);
  });
  const show = (label: string, ms: number) =>
    console.log(`${label.padEnd(36)} ${(COUNT / (ms / 1000)).toFixed(0).padStart(9)} policies/s ${(mb / (ms / 1000)).toFixed(1).padStart(7)} MB/s`);
  console.log(`corpus: ${COUNT} identity policies, ${mb.toFixed(2)} MB, ${findings} findings`);
  show('parse + validate + normalize', pipelineMs);
  show('parseJson alone (positions)', parseMs);
  show('JSON.parse (same bytes)', jsonMs);
  console.log(`ratio pipeline / JSON.parse            ${(pipelineMs / jsonMs).toFixed(1)}x`);
  console.log(`ratio parse alone / JSON.parse        ${(parseMs / jsonMs).toFixed(1)}x`);

  const plan = JSON.stringify({
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: texts.map((policy, i) => ({ address: `aws_iam_policy.p${i}`, mode: 'managed', type: 'aws_iam_policy', name: `p${i}`, values: { name: `p${i}`, policy } })),
      },
    },
  });
  const source = createSourceFile('plan.json', plan);
  let documents = 0;
  const planMs = time(() => {
    documents = documentsInFile(source).documents.length;
  });
  console.log(`terraform plan, ${(plan.length / 1024 / 1024).toFixed(1)} MB, ${documents} embedded policies: ${planMs.toFixed(0)} ms (${(documents / (planMs / 1000)).toFixed(0)} policies/s)`);
}
