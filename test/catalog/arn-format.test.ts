// ARN formats from the Service Authorization Reference, matched against concrete ARNs.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
import { describe, expect, it } from 'vitest';
import { compileArnFormat, splitArn } from '../../src/catalog/arn-format.js';

describe('compileArnFormat', () => {
  it.each([
    { format: 'arn:${Partition}:s3:::${BucketName}/${ObjectName}', arn: 'arn:aws:s3:::b/k/e/y', matches: true },
    { format: 'arn:${Partition}:s3:::${BucketName}/${ObjectName}', arn: 'arn:aws:s3:::b', matches: false },
    { format: 'arn:${Partition}:s3:::${BucketName}/${ObjectName}', arn: 'arn:aws:s3:::b/', matches: false },
    { format: 'arn:${Partition}:s3:::${BucketName}', arn: 'arn:aws:s3:::b', matches: true },
    { format: 'arn:${Partition}:s3:::${BucketName}', arn: 'arn:aws:s3:us-east-1::b', matches: false },
    { format: 'arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}', arn: 'arn:aws:ecr:eu-west-1:111122223333:repository/a/b', matches: true },
    { format: 'arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}', arn: 'arn:aws:ecr::111122223333:repository/a', matches: false },
    { format: 'arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}', arn: 'arn:aws:ecr:eu-west-1:111122223333:repo/a', matches: false },
    { format: 'arn:${Partition}:dms:${Region}:${Account}:cert:*', arn: 'arn:aws:dms:us-east-1:111122223333:cert:ABC', matches: true },
    { format: 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}', arn: 'arn:aws:logs:us-east-1:111122223333:log-group:/a/b:log-stream:s', matches: true },
  ])('$format ~ $arn → $matches', ({ format, arn, matches }) => {
    expect(compileArnFormat(format).matches(arn)).toBe(matches);
  });

  it('counts literal characters as specificity', () => {
    expect(compileArnFormat('arn:${Partition}:s3:::${BucketName}').specificity).toBe('arn::s3:::'.length);
    expect(compileArnFormat('arn:${Partition}:s3:::${BucketName}/${ObjectName}').specificity).toBe('arn::s3:::/'.length);
  });
});

describe('splitArn', () => {
  it.each([
    { arn: 'arn:aws:s3:::b/k', parts: ['arn', 'aws', 's3', '', '', 'b/k'] },
    { arn: 'arn:aws:logs:r:a:log-group:g:log-stream:s', parts: ['arn', 'aws', 'logs', 'r', 'a', 'log-group:g:log-stream:s'] },
    { arn: 'arn:aws:s3', parts: ['arn', 'aws', 's3'] },
  ])('$arn', ({ arn, parts }) => {
    expect(splitArn(arn)).toEqual(parts);
  });
});
