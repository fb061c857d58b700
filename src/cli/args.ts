import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `node:util.parseArgs` with our errors: unknown or malformed flags are a UsageError naming the command. */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '.');
    throw new UsageError(`${command}: ${message} Run \`iamcheck ${command} --help\`.`);
  }
}

/** Parses `key=value` pairs (`--context`); a repeated key becomes a list. */
export function parseKeyValues(flag: string, pairs: string[] | undefined): Record<string, string | string[]> {
  // A null-prototype object: `--context constructor=x` is data, never Object's own members.
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} expects key=value, got \`${pair}\`.`);
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const prior = Object.hasOwn(out, key) ? out[key] : undefined;
    out[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return out;
}
