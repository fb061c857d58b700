import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError, UsageError } from '../../core/errors.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../io.js';

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

Exit codes: 0 written; 2 usage error, or AWS refused (no credentials, access denied).
`;

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
      await writeFile(resolve(io.cwd, values.output), text, 'utf8');
      io.stderr(`iamcheck: wrote ${values.output}\n`);
    } else io.stdout(text);
    return EXIT.ok;
  },
};
