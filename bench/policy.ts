// Policy pipeline figures: parse + validate + normalize throughput on a generated corpus of realistic policies,
// next to plain JSON.parse on the same bytes; and extraction from a Terraform plan holding the same policies.
import { createSourceFile } from '../src/core/source.js';
import { documentsInFile } from '../src/policy/documents.js';
import { parsePolicy } from '../src/policy/index.js';
import { generatePolicy, time } from './corpus.js';
import { parseJson } from '../src/policy/parse-json.js';

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
