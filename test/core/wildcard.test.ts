// IAM wildcard matching used by the catalog: `*` any run (crossing `:` and `/`), `?` one character.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWildcard, hasWildcard, matchWildcard } from '../../src/core/wildcard.js';

describe('matchWildcard', () => {
  it.each([
    { pattern: 's3:Get*', text: 's3:GetObject', ignoreCase: false, matches: true },
    { pattern: 's3:Get*', text: 's3:PutObject', ignoreCase: false, matches: false },
    { pattern: 's3:get*', text: 's3:GetObject', ignoreCase: false, matches: false },
    { pattern: 's3:get*', text: 's3:GetObject', ignoreCase: true, matches: true },
    { pattern: '*', text: '', ignoreCase: false, matches: true },
    { pattern: '*', text: 'arn:aws:s3:::b/k', ignoreCase: false, matches: true },
    { pattern: '?', text: '', ignoreCase: false, matches: false },
    { pattern: '?', text: 'a', ignoreCase: false, matches: true },
    { pattern: 's3:?etObject', text: 's3:GetObject', ignoreCase: false, matches: true },
    { pattern: 's3:?etObject', text: 's3:etObject', ignoreCase: false, matches: false },
    { pattern: 'arn:aws:s3:::b/*', text: 'arn:aws:s3:::b/a/b/c', ignoreCase: false, matches: true },
    { pattern: 'a*b*c', text: 'abc', ignoreCase: false, matches: true },
    { pattern: 'a*b*c', text: 'acb', ignoreCase: false, matches: false },
    { pattern: 'a*a', text: 'a', ignoreCase: false, matches: false },
    { pattern: '*?*?', text: 'x', ignoreCase: false, matches: false },
    { pattern: '*?*?', text: 'xy', ignoreCase: false, matches: true },
    { pattern: 'ab*?c*d', text: 'abxcd', ignoreCase: false, matches: true },
    { pattern: 'ab', text: 'abc', ignoreCase: false, matches: false },
  ])('$pattern ~ $text (ignoreCase $ignoreCase) → $matches', ({ pattern, text, ignoreCase, matches }) => {
    expect(matchWildcard(pattern, text, ignoreCase)).toBe(matches);
  });

  it('hasWildcard', () => {
    expect(hasWildcard('s3:Get*')).toBe(true);
    expect(hasWildcard('s3:?et')).toBe(true);
    expect(hasWildcard('s3:GetObject')).toBe(false);
  });

  it('agrees with a regular-expression reference on random patterns', () => {
    // The reference builds a regex from generated text in the test only; the product code never does.
    const reference = (pattern: string, text: string): boolean =>
      new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]')}$`).test(text);
    const alphabet = fc.constantFrom('a', 'b', ':', '/');
    const patternChars = fc.constantFrom('a', 'b', ':', '/', '*', '?');
    fc.assert(
      fc.property(fc.string({ unit: patternChars, maxLength: 8 }), fc.string({ unit: alphabet, maxLength: 10 }), (pattern, text) => {
        expect(matchWildcard(pattern, text)).toBe(reference(pattern, text));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });

  it('stays linear on a pattern that makes backtracking matchers explode', () => {
    const matcher = compileWildcard(`${'*a'.repeat(40)}b`);
    // Correctness only (no timing in unit tests; the bench measures speed): the answer is false.
    expect(matcher.matches('a'.repeat(5000))).toBe(false);
  });
});
