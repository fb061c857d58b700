// Cold start of the CLI: a fresh `node bin/iamcheck.js <command>` process per run, median and worst of several runs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../src/cli/version.js';

const RUNS = 7;

function coldStart(label: string, args: string[]): void {
  const root = packageRoot();
  const times: number[] = [];
  let status: number | null = null;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, [join(root, 'bin/iamcheck.js'), ...args], { cwd: root, encoding: 'utf8' });
    times.push(performance.now() - start);
    status = result.status;
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(58)} median ${times[RUNS >> 1].toFixed(0).padStart(5)} ms   worst ${times[RUNS - 1].toFixed(0).padStart(5)} ms   (exit ${status})`);
}

export async function bench(): Promise<void> {
  coldStart('iamcheck --version (reads the AWS data dates)', ['--version']);
  coldStart('iamcheck lint <one policy> (cold process)', ['lint', 'fixtures/cli/wildcard-admin.json', '--no-config', '--format', 'json']);
  coldStart('iamcheck simulate <one request> (cold process)', ['simulate', '--policy', 'fixtures/cli/wildcard-admin.json', '--principal', 'arn:aws:iam::111122223333:user/alice', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::b/k', '--format', 'json']);
}
