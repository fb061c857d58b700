import { defineRule } from '../src/lint/rule.js';

/**
 * Why `name` cannot be the name of an S3 general purpose bucket, or undefined when it can
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). Uppercase letters and
 * underscores are reported too: only buckets created in us-east-1 before 1 March 2018 may have them.
 */
function invalidBucketName(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `it has ${name.length} characters (3 to 63 allowed)`;
  const bad = /[^a-z0-9.-]/.exec(name);
  if (bad) return `\`${bad[0]}\` is not allowed (only lowercase letters, digits, \`.\` and \`-\`)`;
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'it must begin and end with a letter or a digit';
  if (name.includes('..')) return 'it has two adjacent periods';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'it is formatted as an IP address';
  if (name.startsWith('xn--') || name.startsWith('sthree-')) return `the prefix \`${name.startsWith('xn--') ? 'xn--' : 'sthree-'}\` is reserved`;
  return undefined;
}

/** The bucket name of an S3 bucket or object ARN (`arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/key`), or undefined. */
function bucketOf(resource: string): string | undefined {
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 's3' || parts[3] !== '' || parts[4] !== '') return undefined;
  const rest = parts.slice(5).join(':');
  const slash = rest.indexOf('/');
  return slash < 0 ? rest : rest.slice(0, slash);
}

export default defineRule({
  name: 's3-bucket-arn-invalid-name',
  meta: {
    type: 'problem',
    severity: 'warning',
    recommended: true,
    appliesTo: ['identity', 'resource', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Disallow S3 ARNs whose bucket name breaks the bucket naming rules (the statement never matches them)' },
    messages: {
      invalidName: '`{{bucket}}` in `{{resource}}` cannot be an S3 bucket name: {{reason}}.',
    },
    schema: [],
    defaultOptions: [],
    sources: [{ tool: 'iamcheck-catalog', id: 's3-bucket-arn-invalid-name' }],
  },
  create(context) {
    return {
      Resource(resource) {
        const bucket = bucketOf(resource.value);
        // Wildcards and variables (`${aws:username}`, CloudFormation `${Bucket}`) stand for names not written here.
        if (bucket === undefined || /[*?$]/.test(bucket)) return;
        const reason = invalidBucketName(bucket);
        if (!reason) return;
        context.report({
          messageId: 'invalidName',
          span: resource.span,
          data: { bucket, resource: resource.value, reason },
          notes: ['No bucket can have this name, so the ARN matches nothing: the statement grants (or denies) less than it seems. Only buckets created in us-east-1 before 1 March 2018 may have uppercase letters or underscores.'],
          help: 'Write the bucket name exactly as S3 shows it (lowercase), e.g. `arn:aws:s3:::my-bucket/*`.',
        });
      },
    };
  },
});
