import { describe, expect, test } from 'vitest';
import { arnRegionPattern, computeRegions, lit, plainRegionPattern, splitArnPattern, wildcardGlob } from '../../src/diff/regions.js';
import { matchArn } from '../../src/engine/arn.js';
import { matchWildcard } from '../../src/core/wildcard.js';

const vectors = (regions: { vector: boolean[] }[]) => regions.map((r) => r.vector.map((b) => (b ? '1' : '0')).join('')).sort();

describe('computeRegions', () => {
  test.each([
    // Every combination that some text realises, and no other.
    { name: 'nested prefixes', patterns: ['s3:*', 's3:get*', 's3:getobject'], expected: ['000', '100', '110', '111'] },
    { name: 'disjoint literals', patterns: ['a', 'b'], expected: ['00', '01', '10'] },
    { name: '? needs exactly one character', patterns: ['a?', 'a*'], expected: ['00', '01', '11'] },
    { name: 'overlapping stars', patterns: ['*x*', '*y*'], expected: ['00', '01', '10', '11'] },
    { name: 'star alone matches everything', patterns: ['*', 'abc'], expected: ['10', '11'] },
  ])('$name', ({ patterns, expected }) => {
    const regions = computeRegions(patterns.map((p) => plainRegionPattern(wildcardGlob(p))), { maxStates: 10_000 })!;
    expect(vectors(regions)).toEqual(expected);
    // Each representative is in its region by the engine's own matcher.
    for (const r of regions) patterns.forEach((p, j) => expect(matchWildcard(p, r.text, false)).toBe(r.vector[j]));
  });

  test('ARN patterns: a wildcard in a middle part stays in that part; the resource part crosses colons', () => {
    const patterns = ['arn:aws:sqs:us-*:111122223333:q', 'arn:aws:sqs:*:111122223333:*', 'arn:aws:s3:::b/*'];
    const regions = computeRegions(patterns.map(arnRegionPattern), { maxStates: 100_000, requireArn: true })!;
    expect(vectors(regions)).toEqual(['000', '001', '010', '110']);
    for (const r of regions) patterns.forEach((p, j) => expect(matchArn(p, r.text)).toBe(r.vector[j]));
  });

  test('case-insensitive literals match either case', () => {
    const regions = computeRegions([plainRegionPattern(lit('Ab', true)), plainRegionPattern(lit('ab'))], { maxStates: 1000 })!;
    expect(vectors(regions)).toEqual(['00', '10', '11']);
  });

  test('runs out of budget rather than truncating', () => {
    const patterns = Array.from({ length: 12 }, (_, i) => plainRegionPattern(wildcardGlob(`*${'?'.repeat(i)}a${'?'.repeat(11 - i)}*`)));
    expect(computeRegions(patterns, { maxStates: 50 })).toBeUndefined();
  });
});

describe('splitArnPattern', () => {
  test.each([
    { raw: 'arn:aws:s3:::b/a:b', parts: ['arn', 'aws', 's3', '', '', 'b/a:b'] },
    { raw: 'arn:aws:s3:${aws:region}::x', parts: ['arn', 'aws', 's3', '${aws:region}', '', 'x'] },
    { raw: 'arn:aws:s3', parts: null },
    { raw: '*', parts: null },
  ])('$raw', ({ raw, parts }) => {
    expect(splitArnPattern(raw)).toEqual(parts);
  });
});
