// `npm run bench`: every area's benchmark, printing figures (never asserted in unit tests).
const suites: Array<[string, () => Promise<{ bench: () => Promise<void> }>]> = [
  ['catalog', () => import('./catalog.js')],
  ['engine', () => import('./engine.js')],
  ['account', () => import('./account.js')],
  ['diff', () => import('./diff.js')],
  ['policy', () => import('./policy.js')],
  ['lint', () => import('./lint.js')],
  ['cli', () => import('./cli.js')],
  ['preflight', () => import('./preflight.js')],
];

const only = process.argv[2];
for (const [name, load] of suites) {
  if (only && only !== name) continue;
  console.log(`\n== ${name} ==`);
  const { bench } = await load();
  await bench();
}
