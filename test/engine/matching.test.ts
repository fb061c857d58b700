import { describe, expect, it } from 'vitest';
import { matchAction, matchArn, matchWildcard, splitArn } from '../../src/engine/index.js';

// IAM wildcards: `*` any run of characters (crossing `/` and `:`), `?` one character.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
describe('matchWildcard', () => {
  const cases: Array<[pattern: string, text: string, ignoreCase: boolean, expected: boolean]> = [
    ['*', '', false, true],
    ['*', 'anything/at:all', false, true],
    ['abc', 'abc', false, true],
    ['abc', 'abcd', false, false],
    ['abc', 'ABC', false, false],
    ['abc', 'ABC', true, true],
    ['a?c', 'abc', false, true],
    ['a?c', 'ac', false, false],
    ['a?c', 'abbc', false, false],
    ['a*', 'a', false, true],
    ['a*', 'ba', false, false],
    ['*a', 'ba', false, true],
    ['a*c', 'abbbc', false, true],
    ['a*c', 'abbbcd', false, false],
    ['a*b*c', 'aXbYc', false, true],
    ['a*b*c', 'acb', false, false],
    ['a*b?d', 'a1b2d', false, true],
    ['a*?', 'a', false, false],
    ['a*?', 'ab', false, true],
    ['**', 'x', false, true],
    ['a**b', 'ab', false, true],
    ['*ab*ab*', 'abab', false, true],
    ['*ab*ab*', 'aba', false, false],
    ['x/*', 'x/y/z', false, true], // `*` crosses `/`: IAM wildcards are not file globs
    ['s3:Get*', 'S3:GETOBJECT', true, true],
    ['aa*aa', 'aaa', false, false], // prefix and suffix must not overlap
    ['aa*aa', 'aaaa', false, true],
  ];
  it.each(cases)('%s vs %s (ignoreCase %s) → %s', (pattern, text, ignoreCase, expected) => {
    expect(matchWildcard(pattern, text, ignoreCase)).toBe(expected);
  });

  it('answers a*a*…a*b (30 stars) against 10,000 characters (linear time, no backtracking)', () => {
    const pattern = `${'a*'.repeat(30)}b`;
    expect(matchWildcard(pattern, 'a'.repeat(10_000), false)).toBe(false);
    expect(matchWildcard(pattern, `${'a'.repeat(10_000)}b`, false)).toBe(true);
    expect(matchWildcard(`${'a*'.repeat(30)}?b`, `${'a'.repeat(10_000)}`, false)).toBe(false);
  });
});

// Resource ARNs are matched part by part; `*` alone matches any resource.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
describe('matchArn', () => {
  const cases: Array<[pattern: string, arn: string, expected: boolean]> = [
    ['*', 'arn:aws:s3:::bucket/key', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c.txt', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false],
    ['arn:aws:s3:::bucket*', 'arn:aws:s3:::bucket-two/x', true],
    ['arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/x', false], // case-sensitive
    ['arn:aws:ec2:*:111122223333:instance/*', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1', true],
    ['arn:aws:ec2:*:111122223333:instance/*', 'arn:aws:ec2:us-east-1:444455556666:instance/i-1', false],
    ['arn:aws:iam::*:role/ci-*', 'arn:aws:iam::111122223333:role/ci-deploy', true],
    // A wildcard does not cross from one part into the next.
    ['arn:aws:*:111122223333:instance/x', 'arn:aws:ec2:us-east-1:111122223333:instance/x', false],
    ['arn:aws:ec2:us-east-?:*:instance/*', 'arn:aws:ec2:us-east-2:111122223333:instance/i', true],
    ['arn:aws:lambda:*:*:function:app*', 'arn:aws:lambda:us-east-1:111122223333:function:app:live', true],
    ['arn:aws:sns:*:*:topic', 'arn:aws:sns:us-east-1:111122223333:topic', true],
    ['arn:aws:s3:::b/*', 'not-an-arn', false],
  ];
  it.each(cases)('%s vs %s → %s', (pattern, arn, expected) => {
    expect(matchArn(pattern, arn)).toBe(expected);
  });

  it('splits an ARN into six parts, keeping colons in the resource part', () => {
    expect(splitArn('arn:aws:lambda:us-east-1:111122223333:function:app:live')).toEqual(['arn', 'aws', 'lambda', 'us-east-1', '111122223333', 'function:app:live']);
    expect(splitArn('arn:aws:s3')).toBeNull();
  });
});

// Actions are case-insensitive and take `*` and `?`.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
describe('matchAction', () => {
  const cases: Array<[pattern: string, action: string, expected: boolean]> = [
    ['*', 's3:GetObject', true],
    ['s3:*', 's3:GetObject', true],
    ['s3:*', 's3x:GetObject', false],
    ['S3:getobject', 's3:GetObject', true],
    ['s3:Get*', 's3:GetObjectAcl', true],
    ['s3:Get*', 's3:PutObject', false],
    ['s3:*Object', 's3:DeleteObject', true],
    ['iam:?etUser', 'iam:GetUser', true],
    ['iam:?etUser', 'iam:ResetUser', false],
    ['ec2:Describe*', 'EC2:describeinstances', true],
  ];
  it.each(cases)('%s vs %s → %s', (pattern, action, expected) => {
    expect(matchAction(pattern, action)).toBe(expected);
  });
});
