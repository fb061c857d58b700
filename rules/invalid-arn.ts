import { splitArn } from '../src/catalog/arn-format.js';
import { arnFormatsOfService, arnMatchesFormat, formatsForArn, wildcardVariables } from '../src/lint/arn-formats.js';
import { defineRule } from '../src/lint/rule.js';

/** AWS partitions (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). */
const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT = /^(\d{12}|aws)$/;
const hasWildcard = (text: string) => text.includes('*') || text.includes('?');
/**
 * ARNs of resources that AWS itself owns, written without an account although the catalog's format has one:
 * SSM public parameters (`arn:aws:ssm:*::parameter/aws/service/…`, as in the eksctl minimum IAM policies).
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters.html
 */
const AWS_OWNED_WITHOUT_ACCOUNT = [/^arn:[^:]+:ssm:[^:]*::parameter\/aws\//];

export default defineRule({
  name: 'invalid-arn',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['identity', 'resource', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Require resource ARNs that are well formed and match an ARN format of their service' },
    messages: {
      notArn: '`{{resource}}` is not an ARN: a Resource is `*` or starts with `arn:`.',
      missingFields: '`{{resource}}` has {{count}} of the 6 ARN fields (`arn:partition:service:region:account:resource`).',
      invalidPartition: '`{{partition}}` is not an AWS partition.',
      serviceCase: 'The service `{{service}}` of an ARN must be lower case.',
      unknownService: 'No AWS resource has ARNs with the service `{{service}}`.',
      invalidRegion: '`{{region}}` is not a Region name.',
      regionNotAllowed: '`{{service}}` ARNs of this form have no Region, but this one names `{{region}}`.',
      missingRegion: '`{{service}}` ARNs of this form need a Region.',
      invalidAccount: '`{{account}}` is not an AWS account ID (12 digits).',
      accountNotAllowed: '`{{service}}` ARNs of this form have no account ID, but this one names `{{account}}`.',
      missingAccount: '`{{service}}` ARNs of this form need an account ID.',
      noResourceType: '`{{resource}}` matches no resource type of `{{service}}`.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'INVALID_ARN_PREFIX' },
      { tool: 'access-analyzer', id: 'MISSING_ARN_FIELD' },
      { tool: 'access-analyzer', id: 'INVALID_PARTITION' },
      { tool: 'access-analyzer', id: 'INVALID_ARN_SERVICE_CASE' },
      { tool: 'access-analyzer', id: 'INVALID_ARN_REGION' },
      { tool: 'access-analyzer', id: 'ARN_REGION_NOT_ALLOWED' },
      { tool: 'access-analyzer', id: 'MISSING_ARN_REGION' },
      { tool: 'access-analyzer', id: 'ARN_ACCOUNT_NOT_ALLOWED' },
      { tool: 'access-analyzer', id: 'INVALID_ARN_ACCOUNT' },
      { tool: 'access-analyzer', id: 'INVALID_ARN_RESOURCE' },
      { tool: 'parliament', id: 'INVALID_ARN' },
      { tool: 'cfn-lint', id: 'E3514' },
      { tool: 'iam-policy-validator', id: 'invalid_resource' },
      { tool: 'iamcheck-catalog', id: 'arn-invalid-prefix' },
      { tool: 'iamcheck-catalog', id: 'arn-missing-fields' },
      { tool: 'iamcheck-catalog', id: 'arn-invalid-partition' },
      { tool: 'iamcheck-catalog', id: 'arn-service-case' },
      { tool: 'iamcheck-catalog', id: 'arn-invalid-region' },
      { tool: 'iamcheck-catalog', id: 'arn-region-not-allowed' },
      { tool: 'iamcheck-catalog', id: 'arn-missing-region' },
      { tool: 'iamcheck-catalog', id: 'arn-account-not-allowed' },
      { tool: 'iamcheck-catalog', id: 'arn-invalid-account' },
      { tool: 'iamcheck-catalog', id: 'arn-invalid-resource' },
    ],
  },
  create(context) {
    const help = 'See the ARN formats of the service in the Service Authorization Reference.';
    return {
      Resource(resource) {
        // Policy variables and CloudFormation substitutions stand for any text.
        const arn = wildcardVariables(resource.value);
        if (arn === '*' || arn.startsWith('*')) return;
        const report = (messageId: Parameters<typeof context.report>[0]['messageId'], data: Record<string, string | number>, extraHelp = help) =>
          context.report({ messageId, span: resource.span, data: { resource: resource.value, ...data }, help: extraHelp,
            notes: ['A statement with a malformed or impossible ARN never matches that resource.'] });
        if (!arn.startsWith('arn:')) {
          report('notArn', {}, 'Write the full ARN, e.g. `arn:aws:s3:::my-bucket/*`, or `*`.');
          return;
        }
        const fields = splitArn(arn);
        if (fields.length < 6) {
          if (hasWildcard(fields[fields.length - 1])) return; // `arn:aws:s3*` may stand for anything.
          report('missingFields', { count: fields.length });
          return;
        }
        const [, partition, service, region, account] = fields;
        if (!hasWildcard(partition) && !PARTITIONS.includes(partition)) {
          report('invalidPartition', { partition }, `Use one of ${PARTITIONS.map((p) => `\`${p}\``).join(', ')}.`);
          return;
        }
        if (service !== service.toLowerCase()) {
          report('serviceCase', { service }, `Write \`${service.toLowerCase()}\`.`);
          return;
        }
        if (region !== '' && !hasWildcard(region) && !REGION.test(region)) {
          report('invalidRegion', { region }, 'Regions look like `us-east-1` or `eu-central-1`.');
          return;
        }
        if (account !== '' && !hasWildcard(account) && !ACCOUNT.test(account)) {
          report('invalidAccount', { account }, 'Account IDs are 12 digits, with leading zeros kept.');
          return;
        }
        if (hasWildcard(service)) return;
        const formats = arnFormatsOfService(context.catalog, service);
        if (formats.length === 0) {
          report('unknownService', { service });
          return;
        }
        const matches = (candidate: string) => formats.some((f) => arnMatchesFormat(candidate, f));
        if (formatsForArn(context.catalog, arn).length > 0 || AWS_OWNED_WITHOUT_ACCOUNT.some((p) => p.test(arn))) return;
        // Which change of the Region and account fields would make the ARN fit a format? That is the error to report.
        const regionFix = region === '' ? '*' : '';
        const accountFix = account === '' ? '*' : '';
        const fitsWith = (r: string, a: string) => matches([fields[0], partition, service, r, a, fields[5]].join(':'));
        const fixRegion = fitsWith(regionFix, account) || (!fitsWith(region, accountFix) && fitsWith(regionFix, accountFix));
        const fixAccount = fitsWith(region, accountFix) || (!fitsWith(regionFix, account) && fitsWith(regionFix, accountFix));
        const both = fixRegion && fixAccount;
        const accountHelp = account === '' ? 'add the account ID (or `*`)' : 'remove the account ID';
        if (fixRegion && region !== '') report('regionNotAllowed', { service, region }, `Remove the Region: write \`::\` between the service and the account${both ? `, and ${accountHelp}` : ''}.`);
        else if (fixRegion) report('missingRegion', { service }, `Add the Region, or \`*\` for every Region${both ? `, and ${accountHelp}` : ''}.`);
        else if (fixAccount && account !== '') report('accountNotAllowed', { service, account }, 'Remove the account ID.');
        else if (fixAccount) report('missingAccount', { service }, 'Add the account ID, or `*` for every account.');
        else {
          const examples = formats.slice(0, 3).map((f) => `\`${f}\``).join(', ');
          report('noResourceType', { service }, `\`${service}\` ARNs look like ${examples}${formats.length > 3 ? ', …' : ''}.`);
        }
      },
    };
  },
});
