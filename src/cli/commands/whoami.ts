import { InputError, UsageError } from '../../core/errors.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../io.js';

const usage = `Usage: iamcheck whoami [--profile P] [--region R] [--format text|json]

Calls STS GetCallerIdentity: the account, ARN and user ID your AWS credentials belong to (the principal to give
\`why --principal\`). Needs no permission.

Exit codes: 0 answered; 2 usage error, or no usable credentials.
`;

export const command: Command = {
  name: 'whoami',
  summary: 'Show who your AWS credentials belong to (STS GetCallerIdentity)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('whoami', args, {
      profile: { type: 'string' },
      region: { type: 'string' },
      format: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`whoami: unexpected argument \`${positionals[0]}\`.`);
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`whoami: unknown --format \`${format}\`; use text or json.`);
    const { createStsClient, getCallerIdentity, describeAwsError } = await import('../../account/live.js');
    try {
      const client = await createStsClient({ ...(values.profile ? { profile: values.profile } : {}), ...(values.region ? { region: values.region } : {}) });
      const who = await getCallerIdentity(client);
      io.stdout(format === 'json' ? `${JSON.stringify(who, null, 2)}\n` : `account  ${who.account}\narn      ${who.arn}\nuserId   ${who.userId}\n`);
      return EXIT.ok;
    } catch (error) {
      throw new InputError(`Could not call STS GetCallerIdentity: ${describeAwsError(error)}`, undefined, undefined, undefined,
        'Configure AWS credentials (aws configure, AWS_PROFILE, or environment variables), or pass --profile.');
    }
  },
};
