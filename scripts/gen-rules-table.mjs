#!/usr/bin/env node
// `npm run docs`: rewrites the rule table of README.md (between `<!-- rules:start -->` and `<!-- rules:end -->`)
// from rule meta. Runs on the build output (Node 20 does not run TypeScript), so `npm run build` comes first.
// With `--check`, changes nothing and exits 1 when the table is stale.
import { readFileSync, writeFileSync } from 'node:fs';

const { renderRulesTable, updateReadmeTable, RULES_TABLE_START } = await import('../dist/src/lint/docs.js');
const path = new URL('../README.md', import.meta.url);
const readme = readFileSync(path, 'utf8');
if (!readme.includes(RULES_TABLE_START)) {
  console.error(`README.md has no ${RULES_TABLE_START} marker; add the start and end markers where the table goes.`);
  process.exit(2);
}
const updated = updateReadmeTable(readme, renderRulesTable());
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('The rule table in README.md is out of date: run `npm run docs`.');
    process.exit(1);
  }
} else if (updated !== readme) {
  writeFileSync(path, updated);
  console.log('README.md: rule table updated.');
} else {
  console.log('README.md: rule table already up to date.');
}
