import type { Io } from './io.js';

/**
 * One CLI command: `src/cli/commands/<name>.ts` exports `command`. `run` returns the exit code: 0 clean/allowed/pass,
 * 1 findings/failed expectations, 2 usage or input error (thrown as UsageError/InputError and printed by main).
 */
export interface Command {
  name: string;
  /** One line for `iamcheck --help`. */
  summary: string;
  /** Full usage text for `iamcheck <name> --help`. */
  usage: string;
  run(args: string[], io: Io): Promise<number>;
}
