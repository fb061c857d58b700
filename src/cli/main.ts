import { IamcheckError, InputError, UsageError } from '../core/errors.js';
import type { Command } from './command.js';
import { EXIT, processIo, type Io } from './io.js';
import { toolVersion } from './version.js';

/** Commands load lazily so that `iamcheck lint` never pays for the engine's or the SDK's imports. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  lint: { summary: 'Check policy files (and policies inside CloudFormation/Terraform/dumps) for errors and risks', load: () => import('./commands/lint.js') },
  simulate: { summary: 'Decide one request against policies: allowed, explicitDeny or implicitDeny, and why', load: () => import('./commands/simulate.js') },
  test: { summary: 'Run policy unit tests: scenario files of requests and their expected decisions (for CI)', load: () => import('./commands/test.js') },
  why: { summary: 'Explain an AccessDenied message (or a request) against an account dump: what blocked it, the fix', load: () => import('./commands/why.js') },
  'who-can': { summary: 'List every user and role of an account that can perform an action on a resource, and how', load: () => import('./commands/who-can.js') },
  can: { summary: 'List what a user or role can do, per service, wildcards expanded from the AWS catalog', load: () => import('./commands/can.js') },
  fetch: { summary: 'Download the account with your AWS credentials (GetAccountAuthorizationDetails) for --account', load: () => import('./commands/fetch.js') },
  whoami: { summary: 'Show who your AWS credentials belong to (STS GetCallerIdentity)', load: () => import('./commands/whoami.js') },
  rules: { summary: 'List the lint rules: id, default severity, policy kinds, description, sources', load: () => import('./commands/rules.js') },
  preflight: { summary: 'Check that an EKS/ECS/ECR/CI deploy has every IAM permission and trust it needs, before running it', load: () => import('./commands/preflight.js') },
  diff: { summary: 'Prove that a policy change grants no new access, or show a request it newly allows (also --git BASE)', load: () => import('./commands/diff.js') },
  'check-access-not-granted': { summary: 'Prove that a policy can never allow the listed actions/resources, or show a request it allows', load: () => import('./commands/check-access-not-granted.js') },
};

/** The commands' names, in `--help` order. */
export function commandNames(): string[] {
  return Object.keys(COMMANDS);
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
  return `iamcheck ${toolVersion()}\nAWS action/resource/condition data: ${iamData}\nAWS managed policies: ${managedPolicies}\n`;
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
    // INVARIANT: own properties only, so `constructor` or `__proto__` is an unknown command, not Object's method.
    const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
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
