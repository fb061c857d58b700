import { readFileSync } from 'node:fs';
import { IamcheckError, InputError, UsageError } from '../core/errors.js';
import type { Command } from './command.js';
import { EXIT, processIo, type Io } from './io.js';

/** Commands load lazily so that `iamcheck lint` never pays for the engine's or the SDK's imports. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  lint: { summary: 'Check policy files (and policies inside CloudFormation/Terraform/dumps) for errors and risks', load: () => import('./commands/lint.js') },
};

/** Registers a command (used by command modules' index so the table stays in one place). */
export function commandNames(): string[] {
  return Object.keys(COMMANDS);
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'iamcheck — IAM policy analyzer, linter, simulator and deploy preflight for AWS',
    '',
    'Usage: iamcheck <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  -h, --help     Show help (also `iamcheck <command> --help`)',
    '  -v, --version  Show the version and the date of the bundled AWS data',
    '',
    'Exit codes: 0 clean/allowed/pass, 1 findings/failed expectations, 2 usage or input error.',
    '',
  ].join('\n');
}

async function versionText(): Promise<string> {
  const { catalogDataDate } = await import('../catalog/version.js');
  const { iamData, managedPolicies } = catalogDataDate();
  return `iamcheck ${packageVersion()}\nAWS action/resource/condition data: ${iamData}\nAWS managed policies: ${managedPolicies}\n`;
}

/** Runs the CLI; returns the exit code. Never throws: user errors print one clear message, our bugs a short report. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === '-h' || name === '--help' || name === 'help') {
      io.stdout(helpText());
      return name ? EXIT.ok : EXIT.input;
    }
    if (name === '-v' || name === '--version') {
      io.stdout(await versionText());
      return EXIT.ok;
    }
    const entry = COMMANDS[name];
    if (!entry) throw new UsageError(`Unknown command \`${name}\`. Run \`iamcheck --help\` for the list.`);
    const { command } = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command.usage.trimEnd()}\n`);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`iamcheck: ${error.describe()}\n`);
      return EXIT.input;
    }
    if (error instanceof UsageError) {
      io.stderr(`iamcheck: ${error.message}\n`);
      return EXIT.input;
    }
    const code = error instanceof IamcheckError ? error.code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`iamcheck: internal error (${code}): ${message}\n  This is a bug in iamcheck; please report it with the command you ran.\n`);
    if (io.env.IAMCHECK_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return EXIT.input;
  }
}
