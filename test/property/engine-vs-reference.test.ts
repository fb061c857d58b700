// Differential testing: the engine and the plain reference evaluator (test/reference) agree on random policy sets
// and requests. On a disagreement fast-check shrinks to a small counterexample and prints it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorize, compilePolicySet, evaluateCondition } from '../../src/engine/index.js';
import { conditionHolds, referenceAuthorize, wildcardMatch } from '../reference/evaluator.js';
import { conditionArb, contextArb, docSetArb, NUM_RUNS, parseDoc, requestArb, toPolicySet } from './generators.js';

describe('engine agrees with the reference evaluator', () => {
  it('on random policy sets and requests', () => {
    fc.assert(
      fc.property(docSetArb, fc.array(requestArb, { minLength: 1, maxLength: 5 }), (docs, requests) => {
        const set = toPolicySet(docs);
        const compiled = compilePolicySet(set);
        for (const request of requests) {
          const expected = referenceAuthorize(request, set);
          const plain = authorize(request, compiled);
          expect(plain.decision, JSON.stringify({ request, docs })).toBe(expected);
          // Uncompiled and explained evaluation must not change the answer or its reasons.
          const explained = authorize(request, set, { explain: true });
          expect({ decision: explained.decision, determining: explained.determining }).toEqual({ decision: plain.decision, determining: plain.determining });
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('engine conditions agree with the reference', () => {
  it('on one random condition entry and a random context', () => {
    fc.assert(
      fc.property(conditionArb, contextArb, ({ operator, key, values }, context) => {
        const policy = parseDoc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { [operator]: { [key]: values } } }] }, 'identity', 'condition');
        const [entry] = policy.statements[0].conditions;
        const result = evaluateCondition(entry, context);
        expect(result.error).toBeUndefined();
        expect(result.result, JSON.stringify({ operator, key, values, context })).toBe(conditionHolds(operator, key, values, context));
      }),
      { numRuns: NUM_RUNS * 5 },
    );
  });
});

describe('the reference wildcard matcher', () => {
  it.each([
    ['*', '', true], ['*', 'a/b:c', true], ['a*', 'a', true], ['a?', 'a', false], ['a?c', 'abc', true],
    ['arn:aws:s3:::b1/*', 'arn:aws:s3:::b1/x/y', true], ['arn:aws:s3:::b1/*', 'arn:aws:s3:::b1', false], ['*a*b', 'xxaxxb', true],
  ])('%s against %s is %s', (pattern, text, expected) => {
    expect(wildcardMatch(pattern, text)).toBe(expected);
  });
});
