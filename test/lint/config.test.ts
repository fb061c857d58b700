import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import type { Finding } from '../../src/core/finding.js';
import { ZERO_SPAN } from '../../src/core/span.js';
import { applyIgnores, loadConfig, settingsForFile } from '../../src/lint/config.js';
import { documentForCase } from '../../src/lint/rule-tester.js';

const fixtures = fileURLToPath(new URL('../../fixtures/lint/config/', import.meta.url));
const project = join(fixtures, 'project');

function finding(ruleId: string, file: string, offset = 0): Finding {
  const at = { line: 1, column: offset + 1, offset };
  return { ruleId, severity: 'warning', message: 'm', file, span: { start: at, end: at } };
}

async function inputError(promise: Promise<unknown>): Promise<{ message: string; file?: string; line?: number; column?: number; help?: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const e = error as InputError;
    return { message: e.message, file: e.file, line: e.line, column: e.column, help: e.help };
  }
  throw new Error('expected an InputError');
}

describe('loadConfig', () => {
  it('finds the config from a subdirectory upwards', async () => {
    const config = await loadConfig(join(project, 'policies', 'legacy'));
    expect(config.path).toBe(join(project, 'iamcheck.config.json'));
    expect(config.failOn).toBe('warning');
    expect(config.rules).toEqual({ 'no-wildcard-action': { severity: 'error', options: [{ allowServices: ['logs'] }] }, 'redundant-action': { severity: 'off' } });
    expect(config.ignore.map((i) => [i.rule, i.files, i.sid, i.span.start.line])).toEqual([
      ['pass-role-wildcard', ['policies/deploy.json'], 'PassAny', 12],
      ['no-wildcard-action', ['policies/gone.json'], undefined, 13],
    ]);
  });

  it('reads YAML', async () => {
    const config = await loadConfig(join(fixtures, 'yaml-project'));
    expect(config.failOn).toBe('info');
    expect(config.rules).toEqual({ 'allow-with-not-action': { severity: 'error' } });
    expect(config.ignore[0].reason).toBe('reviewed in SEC-1234');
  });

  it('returns an empty config when there is none', async () => {
    const config = await loadConfig('/');
    expect(config.path).toBeUndefined();
    expect(settingsForFile(config, 'x.json')).toEqual({ rules: {}, failOn: 'error' });
  });

  it('refuses two config files in one directory', async () => {
    expect((await inputError(loadConfig(join(fixtures, 'two')))).message).toBe('Two config files in one directory: iamcheck.config.json and iamcheck.config.yaml.');
  });

  it.each([
    ['unknown-rule.json', { message: 'Unknown rule `no-wildcard-actions`.', line: 3, column: 5, help: 'Did you mean `no-wildcard-action`? Run `iamcheck rules` for the list.' }],
    ['missing-reason.yaml', { message: '`ignore.0` is missing `reason`.', line: 2, column: 5 }],
    ['bad-severity.json', { message: '`rules.policy-version` must be a severity (`off`, `info`, `warning`, `error`) or `[severity, options…]`.', line: 1, column: 30 }],
    ['bad-options.json', { message: 'Invalid options for rule `no-wildcard-action`: option /0 must NOT have additional properties.', line: 3, column: 37 }],
    ['unknown-key.json', { message: 'Unknown key `rule` in the config.', line: 2, column: 3, help: 'Did you mean `rules`?' }],
    ['empty-reason.json', { message: '`ignore.0.reason` must not be empty.', line: 1, column: 64 }],
    ['not-json.json', { message: expect.stringMatching(/^Invalid JSON/), line: 2, column: 1 }],
  ])('reports %s at its line and column', async (file, expected) => {
    const error = await inputError(loadConfig(fixtures, join('bad', file)));
    expect(error.file).toBe(join('bad', file));
    expect(error).toMatchObject(expected);
  });
});

describe('settingsForFile', () => {
  it('applies overrides in order, later wins, keeping options when only the severity changes', async () => {
    const config = await loadConfig(project);
    expect(settingsForFile(config, join(project, 'policies/app.json')).rules).toEqual({
      'no-wildcard-action': { severity: 'error', options: [{ allowServices: ['logs'] }] },
      'redundant-action': { severity: 'off' },
    });
    expect(settingsForFile(config, join(project, 'policies/legacy/old.json')).rules).toEqual({
      'no-wildcard-action': { severity: 'warning', options: [{ allowServices: ['logs'] }] },
      'redundant-action': { severity: 'off' },
      'policy-version': { severity: 'off' },
    });
    expect(settingsForFile(config, join(project, 'policies/legacy/keep-strict.json')).rules['policy-version']).toEqual({ severity: 'error' });
    expect(settingsForFile(config, join(project, 'policies/a.json'))).toBe(settingsForFile(config, join(project, 'policies/b.json')));
    expect(settingsForFile(config, 'x.json').failOn).toBe('warning');
  });

  it('matches file names anywhere for a pattern without a slash', async () => {
    const config = await loadConfig(join(fixtures, 'yaml-project'));
    const { findings } = applyIgnores([finding('allow-with-not-action', join(fixtures, 'yaml-project', 'deep/dir/p.json'))], config);
    expect(findings).toEqual([]);
  });
});

describe('applyIgnores', () => {
  it('drops findings by rule, file and Sid, and reports unused ignores at their place in the config', async () => {
    const config = await loadConfig(project);
    const deploy = join(project, 'policies/deploy.json');
    const document = documentForCase({
      code: `{"Version": "2012-10-17", "Statement": [
  {"Sid": "PassAny", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
  {"Sid": "Other", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}
]}`,
    });
    document.source = { ...document.source, path: deploy };
    const inFirst = finding('pass-role-wildcard', deploy, 50);
    const inSecond = finding('pass-role-wildcard', deploy, 140);
    const otherRule = finding('no-wildcard-action', deploy, 50);
    const result = applyIgnores([inFirst, inSecond, otherRule], config, { documents: [document] });
    expect(result.findings).toEqual([inSecond, otherRule]);
    expect(result.unused.map((f) => [f.ruleId, f.file, f.span.start.line, f.span.start.column, f.message])).toEqual([
      ['config/unused-ignore', 'iamcheck.config.json', 13, 5, 'This ignore of `no-wildcard-action` for `policies/gone.json` matched no finding.'],
    ]);
    const onlyLinted = applyIgnores([], config, { files: [join(project, 'policies/app.json')] });
    expect(onlyLinted.unused).toEqual([]);
  });

  it('never ignores a fatal finding', async () => {
    const config = await loadConfig(join(fixtures, 'yaml-project'));
    const fatal: Finding = { ...finding('allow-with-not-action', join(fixtures, 'yaml-project', 'p.json')), fatal: true, span: ZERO_SPAN };
    expect(applyIgnores([fatal], config).findings).toEqual([fatal]);
  });
});
