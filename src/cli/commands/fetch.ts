import { constants } from 'node:fs';
import { access, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { InputError, UsageError } from '../../core/errors.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, type Io } from '../io.js';

const usage = `Usage: iamcheck fetch [--profile P] [--region R] [-o account.json]

Calls IAM GetAccountAuthorizationDetails (every page) with your AWS credentials (the standard credential chain,
or --profile) and writes the account dump that \`why\`, \`who-can\`, \`can\` and \`preflight\` read with --account:
the format of \`aws iam get-account-authorization-details\`, documents decoded to JSON. Throttling is retried.

The credentials need iam:GetAccountAuthorizationDetails (in the AWS managed policies SecurityAudit and
ReadOnlyAccess).

Options:
  --profile <name>    a profile of ~/.aws/config
  --region <region>   region of the IAM endpoint (default us-east-1)
  -o, --output <file> where to write (default: standard output)

Exit codes: 0 written; 2 usage error, -o not writable (checked before calling AWS), or AWS refused (no
credentials, access denied).
`;

/** The errno code of a file-system error, for messages. */
function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error';
}

/**
 * Checks that `-o` names a file fetch can create or replace, before any call to AWS: a download of a large account
 * takes minutes and must not end in an unwritable path. `output` is the path as the user wrote it.
 */
async function checkWritable(cwd: string, output: string): Promise<void> {
  const path = resolve(cwd, output);
  const fail = (message: string, help: string): never => {
    throw new InputError(message, output, undefined, undefined, help);
  };
  const existing = await stat(path).catch((error: unknown) => (errnoCode(error) === 'ENOENT' ? undefined : fail(`Cannot check the output file (${errnoCode(error)}).`, 'Check the path and its permissions.')));
  if (existing?.isDirectory()) fail('Is a directory; fetch writes the account dump to a file.', `Name a file, e.g. -o ${join(output, 'account.json')}.`);
  if (existing) {
    await access(path, constants.W_OK).catch((error: unknown) => fail(`Cannot write the output file (${errnoCode(error)}).`, 'Check its permissions, or write to another path.'));
    return;
  }
  const folder = dirname(path);
  const folderInfo = await stat(folder).catch((error: unknown) => fail(
    errnoCode(error) === 'ENOENT' ? `The folder ${dirname(output)} does not exist.` : `Cannot check the folder ${dirname(output)} (${errnoCode(error)}).`,
    'Create the folder first (mkdir -p), or write to a path in an existing folder.'));
  if (!folderInfo.isDirectory()) fail(`${dirname(output)} is not a folder.`, 'Write to a path in an existing folder.');
  await access(folder, constants.W_OK | constants.X_OK).catch((error: unknown) => fail(`Cannot create a file in ${dirname(output)} (${errnoCode(error)}).`, 'Check the folder\'s permissions, or write to another path.'));
}

/**
 * Writes the dump to `output`; when that fails after all (the path changed during the download, the disk is full),
 * the dump is saved in the temporary folder (or, failing that, printed) and the error names both paths.
 */
async function writeDump(cwd: string, output: string, text: string, io: Io): Promise<void> {
  try {
    await writeFile(resolve(cwd, output), text, 'utf8');
    return;
  } catch (error) {
    const fallback = join(tmpdir(), `iamcheck-account-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    try {
      await writeFile(fallback, text, { encoding: 'utf8', flag: 'wx' });
    } catch {
      io.stdout(text);
      throw new InputError(`Could not write the account dump (${errnoCode(error)}); it was printed to standard output instead.`, output, undefined, undefined,
        'Redirect standard output to a file, or fix the path and run fetch again.');
    }
    throw new InputError(`Could not write the account dump (${errnoCode(error)}); it was saved to ${fallback} instead.`, output, undefined, undefined,
      'Move the saved dump where you want it, or fix the path and run fetch again.');
  }
}

export const command: Command = {
  name: 'fetch',
  summary: 'Download the account (IAM GetAccountAuthorizationDetails, every page) as a dump for --account',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('fetch', args, {
      profile: { type: 'string' },
      region: { type: 'string' },
      output: { type: 'string', short: 'o' },
    });
    if (positionals.length) throw new UsageError(`fetch: unexpected argument \`${positionals[0]}\`. Run \`iamcheck fetch --help\`.`);
    if (values.output) await checkWritable(io.cwd, values.output);
    const { createIamClient, fetchAccountAuthorizationDetails, describeAwsError } = await import('../../account/live.js');
    let text: string;
    try {
      const client = await createIamClient({ ...(values.profile ? { profile: values.profile } : {}), ...(values.region ? { region: values.region } : {}) });
      const dump = await fetchAccountAuthorizationDetails(client, { onPage: (n) => io.stderr(`iamcheck: page ${n} fetched\n`) });
      text = `${JSON.stringify(dump, null, 2)}\n`;
      io.stderr(`iamcheck: ${dump.UserDetailList.length} users, ${dump.GroupDetailList.length} groups, ${dump.RoleDetailList.length} roles, ${dump.Policies.length} managed policies\n`);
    } catch (error) {
      throw new InputError(`Could not fetch the account: ${describeAwsError(error)}`, undefined, undefined, undefined,
        'Check your AWS credentials (--profile, AWS_PROFILE) and that they may call iam:GetAccountAuthorizationDetails.');
    }
    if (values.output) {
      await writeDump(io.cwd, values.output, text, io);
      io.stderr(`iamcheck: wrote ${values.output}\n`);
    } else io.stdout(text);
    return EXIT.ok;
  },
};
