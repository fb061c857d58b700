#!/usr/bin/env node
// `npm run demo`: the main job on the bundled fixtures — the seed notes' eksctl + Dockerfile deploy through
// `iamcheck preflight`, then `iamcheck lint` over the sample policies and IaC files. Findings and a failing preflight
// are the point of the demo (exit 1 from them is expected); an input or internal error (exit 2) fails the demo.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = [
  ['preflight', 'fixtures/preflight/seed/preflight.yaml'],
  ['lint', 'fixtures/policies/valid', 'fixtures/iac', '--format', 'stylish'],
];
let broken = false;
for (const args of runs) {
  console.log(`\n$ iamcheck ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, ['bin/iamcheck.js', ...args], { cwd: root, stdio: 'inherit' });
  console.log(`\n(exit ${result.status})`);
  if (result.status !== 0 && result.status !== 1) broken = true;
}
process.exit(broken ? 2 : 0);
