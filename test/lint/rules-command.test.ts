import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { allRules } from '../../rules/index.js';

describe('iamcheck rules', () => {
  it('lists every rule as JSON with id, severity, kinds, description and sources', async () => {
    const io = memoryIo();
    expect(await main(['rules', '--format', 'json'], io)).toBe(0);
    const out = JSON.parse(io.out) as { rules: { id: string; severity: string; kinds: string[]; description: string; sources: { tool: string; id: string }[] }[] };
    expect(out.rules.map((r) => r.id)).toEqual(allRules.map((r) => r.name));
    const wildcard = out.rules.find((r) => r.id === 'no-wildcard-action')!;
    expect(wildcard).toMatchObject({ severity: 'warning', kinds: ['identity', 'resource'], description: 'Disallow `*` and `service:*` as the action of an Allow statement' });
    expect(wildcard.sources).toContainEqual({ tool: 'checkov', id: 'CKV_AWS_49' });
  });

  it('prints a text table by default', async () => {
    const io = memoryIo();
    expect(await main(['rules'], io)).toBe(0);
    expect(io.out).toContain('pass-role-wildcard');
    expect(io.out).toContain('covers: access-analyzer PASS_ROLE_WITH_STAR_IN_RESOURCE');
  });

  it('refuses an unknown format with exit 2', async () => {
    const io = memoryIo();
    expect(await main(['rules', '--format', 'yaml'], io)).toBe(2);
    expect(io.err).toBe('iamcheck: rules: unknown format `yaml`; use `text` or `json`.\n');
  });
});
