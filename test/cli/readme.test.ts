// The README's examples must stay true: its config example loads, and its two set-up commands exist as scripts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, settingsForFile } from '../../src/lint/config.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('gives exactly the two set-up commands, and package.json has their scripts', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toMatch(/```sh\nnpm test\n```/);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg.scripts.demo).toBeDefined();
    expect(pkg.scripts.test).toBe('npm run typecheck && npm run lint:code && vitest run');
  });

  it('has a config example that loads and means what it says', async () => {
    const section = readme.slice(readme.indexOf('## Configuration'));
    const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(json).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'iamcheck-readme-'));
    writeFileSync(join(dir, 'iamcheck.config.json'), json!);
    const config = await loadConfig(dir);
    expect(config.failOn).toBe('warning');
    expect(settingsForFile(config, join(dir, 'legacy/a.json')).rules['allow-with-not-action']?.severity).toBe('off');
    expect(settingsForFile(config, join(dir, 'a.json')).rules['no-wildcard-action']?.severity).toBe('error');
  });
});
