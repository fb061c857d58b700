import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkNoNewAccess, type NoNewAccessResult } from '../../src/diff/index.js';
import { authorize } from '../../src/engine/authorize.js';
import { compilePolicySet } from '../../src/engine/compile.js';
import { matchAction } from '../../src/engine/action.js';
import type { NormalizedPolicy } from '../../src/policy/types.js';
import { bruteForceNewAccess, docArb, NUM_RUNS, statementArb, toPolicy, type Doc } from './generators.js';

/** Generous: the machine may be shared; these tests assert results, never speed. */
const TIMEOUT = 60_000 + NUM_RUNS * 1_500;

const ALLOW_ALL: Doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

function diff(oldDoc: Doc, newDoc: Doc, resourceMode: boolean): NoNewAccessResult {
  const kind = resourceMode ? 'resource' : 'identity';
  return checkNoNewAccess(toPolicy(oldDoc, kind, 'old.json'), toPolicy(newDoc, kind, 'new.json'), { policyType: resourceMode ? 'resource' : 'identity' });
}

/** Re-decides every witness independently of the diff: new must allow, old must not. */
function expectWitnessesHold(result: NoNewAccessResult, oldDoc: Doc, newDoc: Doc, resourceMode: boolean): void {
  const kind = resourceMode ? 'resource' : 'identity';
  const set = (p: NormalizedPolicy) => (resourceMode ? compilePolicySet({ identity: [toPolicy(ALLOW_ALL, 'identity', 'all')], resource: p }) : compilePolicySet({ identity: [p] }));
  const oldSet = set(toPolicy(oldDoc, kind, 'old.json'));
  const newSet = set(toPolicy(newDoc, kind, 'new.json'));
  for (const w of result.witnesses) {
    const holds = authorize(w.request, newSet).decision === 'allowed' && authorize(w.request, oldSet).decision !== 'allowed';
    expect(w.confirmed).toBe(holds);
    if (result.exact) expect(holds).toBe(true);
  }
  if (result.result === 'FAIL' && result.exact) expect(result.witnesses.length).toBeGreaterThan(0);
}

describe.each([false, true])('resource-based = %s', (resourceMode) => {
  test('diff(P, P) is PASS', () => {
    fc.assert(fc.property(docArb(resourceMode), (doc) => {
      expect(diff(doc, doc, resourceMode).result).toBe('PASS');
    }), { numRuns: NUM_RUNS });
  }, TIMEOUT);

  test('adding a Deny statement is PASS', () => {
    fc.assert(fc.property(docArb(resourceMode), docArb(resourceMode), (doc, extra) => {
      const denies = extra.Statement.map((s) => ({ ...s, Effect: 'Deny' }));
      expect(diff(doc, { ...doc, Statement: [...doc.Statement, ...denies] }, resourceMode).result).toBe('PASS');
    }), { numRuns: NUM_RUNS });
  }, TIMEOUT);

  test('removing an Allow statement is PASS', () => {
    fc.assert(fc.property(docArb(resourceMode), fc.nat(), (doc, pick) => {
      const allows = doc.Statement.map((s, i) => (s.Effect === 'Allow' ? i : -1)).filter((i) => i >= 0);
      fc.pre(allows.length > 0);
      const drop = allows[pick % allows.length];
      expect(diff(doc, { ...doc, Statement: doc.Statement.filter((_, i) => i !== drop) }, resourceMode).result).toBe('PASS');
    }), { numRuns: NUM_RUNS });
  }, TIMEOUT);

  test('adding an Allow for an action that nothing else grants or denies is FAIL and names it', () => {
    fc.assert(fc.property(docArb(resourceMode), (doc) => {
      const touches = (s: Record<string, unknown>) => {
        const patterns = (s.Action ?? s.NotAction) as string[];
        const m = patterns.some((p) => matchAction(p, 'newsvc:DoThing'));
        return s.NotAction ? !m : m;
      };
      const old = { ...doc, Statement: doc.Statement.filter((s) => !touches(s)) };
      const added = { Effect: 'Allow', ...(resourceMode ? { Principal: { AWS: '*' } } : {}), Action: 'newsvc:DoThing', Resource: '*' };
      const result = diff(old, { ...old, Statement: [...old.Statement, added] }, resourceMode);
      expect(result.result).toBe('FAIL');
      expect(result.witnesses.some((w) => w.request.action.toLowerCase() === 'newsvc:dothing')).toBe(true);
      expect(result.reasons.map((r) => r.statementIndex)).toContain(old.Statement.length);
      expectWitnessesHold(result, old, { ...old, Statement: [...old.Statement, added] }, resourceMode);
    }), { numRuns: NUM_RUNS });
  }, TIMEOUT);

  test('adding one Allow statement: every reason names it, and PASS only when the old policy already allowed all of it', () => {
    fc.assert(fc.property(docArb(resourceMode), statementArb(resourceMode), (doc, extra) => {
      const added = { ...extra, Effect: 'Allow' };
      const newDoc = { ...doc, Statement: [...doc.Statement, added] };
      const result = diff(doc, newDoc, resourceMode);
      expect(result.result).not.toBe('UNKNOWN');
      for (const r of result.reasons) expect(r.statementIndex).toBe(doc.Statement.length);
      expectWitnessesHold(result, doc, newDoc, resourceMode);
      if (result.result === 'PASS') expect(bruteForceNewAccess(doc, newDoc, resourceMode)).toBeUndefined();
    }), { numRuns: NUM_RUNS });
  }, TIMEOUT);

  test('agrees with the brute-force reference: a real FAIL is never PASS, and every witness holds', () => {
    fc.assert(fc.property(docArb(resourceMode), docArb(resourceMode), (oldDoc, newDoc) => {
      const result = diff(oldDoc, newDoc, resourceMode);
      expect(result.result).not.toBe('UNKNOWN');
      expectWitnessesHold(result, oldDoc, newDoc, resourceMode);
      // A PASS must survive the brute force (a FAIL is already backed by a witness checked above).
      if (result.result === 'PASS') {
        const reference = bruteForceNewAccess(oldDoc, newDoc, resourceMode);
        expect(reference, `brute force found ${JSON.stringify(reference)}`).toBeUndefined();
      }
    }), { numRuns: NUM_RUNS });
  }, TIMEOUT);

  test('without approximated constructs the result is exact and a FAIL always has a confirmed witness', () => {
    fc.assert(fc.property(docArb(resourceMode, false), docArb(resourceMode, false), (oldDoc, newDoc) => {
      const result = diff(oldDoc, newDoc, resourceMode);
      expect(result.exact).toBe(true);
      if (result.result === 'FAIL') expect(result.witnesses.every((w) => w.confirmed)).toBe(true);
      else expect(bruteForceNewAccess(oldDoc, newDoc, resourceMode)).toBeUndefined();
    }), { numRuns: NUM_RUNS });
  }, TIMEOUT);
});
