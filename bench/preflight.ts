// Preflight: load + run the seed demo (eksctl create cluster + ECR push, 56 checks) and a synthetic ECS deploy with
// many secrets, timing the pure run separately from file loading.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSourceFile } from '../src/core/source.js';
import { loadPreflightFile } from '../src/preflight/input.js';
import { runPreflight } from '../src/preflight/run.js';

function time(label: string, runs: number, fn: () => unknown): void {
  fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const ms = (performance.now() - start) / runs;
  console.log(`${label}: ${ms.toFixed(2)} ms/run (${runs} runs)`);
}

export async function bench(): Promise<void> {
  const root = process.cwd();
  let start = performance.now();
  const seed = await loadPreflightFile(join(root, 'fixtures/preflight/seed/preflight.yaml'), { cwd: root });
  console.log(`seed load (first, with catalog): ${(performance.now() - start).toFixed(1)} ms`);
  const report = runPreflight(seed);
  console.log(`seed checks: ${report.checks.length}, missing: ${report.checks.filter((c) => c.addTo).length}`);
  time('seed run (read configs + requirements + engine + fix)', 200, () => runPreflight(seed));

  const ecs = await loadPreflightFile(join(root, 'fixtures/preflight/ecs/c1-c2-c5-execution-role.yaml'), { cwd: root });
  const secrets = Array.from({ length: 500 }, (_, i) => ({ name: `S${i}`, valueFrom: `arn:aws:ssm:eu-west-2:111122223333:parameter/app/s${i}` }));
  const taskDef = JSON.stringify({ family: 'big', executionRoleArn: 'arn:aws:iam::111122223333:role/web-exec', requiresCompatibilities: ['FARGATE'],
    containerDefinitions: Array.from({ length: 10 }, (_, c) => ({ name: `c${c}`, image: `111122223333.dkr.ecr.eu-west-2.amazonaws.com/app${c}:1`, secrets: secrets.slice(c * 50, c * 50 + 50) })) });
  const big = { ...ecs, configs: [{ source: createSourceFile('big.json', taskDef) }] };
  start = performance.now();
  const bigReport = runPreflight(big);
  console.log(`ECS task definition with 10 containers and 500 secrets: ${bigReport.checks.length} checks in ${(performance.now() - start).toFixed(1)} ms`);
}
