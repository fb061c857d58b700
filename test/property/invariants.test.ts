// Properties every correct evaluator has, checked on the engine over random policy sets and requests: a Deny never
// creates access, an Allow never removes it, order never matters, splitting a multi-action statement changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/engine/index.js';
import type { Decision, Request } from '../../src/engine/types.js';
import { cloneDocs, documentsOf, docSetArb, NUM_RUNS, requestArb, statementArb, toPolicySet, type DocSet } from './generators.js';

function decide(docs: DocSet, request: Request): Decision {
  return authorize(request, toPolicySet(docs));
}

/** The determining statements by their Sid (every generated statement gets a unique one), order-free. */
function determiningSids(decision: Decision): string[] {
  return decision.determining.map((r) => r.sid ?? `?${r.policy}#${r.statementIndex}`).sort();
}

/** Gives every statement a unique Sid so that statements can be recognised after reordering. */
function withSids(docs: DocSet): DocSet {
  const copy = cloneDocs(docs);
  let n = 0;
  for (const { doc } of documentsOf(copy)) for (const s of doc.Statement) s.Sid = `S${n++}`;
  return copy;
}

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let x = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const target = fc.nat();

describe('engine invariants', () => {
  /** Adds `statement` to the `which`-th document of the set (without its Principal outside resource policies). */
  function addStatement(docs: DocSet, which: number, statement: Record<string, unknown>): DocSet | undefined {
    const copy = cloneDocs(docs);
    const places = documentsOf(copy);
    if (places.length === 0) return undefined;
    const place = places[which % places.length];
    const added = { ...statement };
    if (!place.withPrincipal) delete added.Principal;
    place.doc.Statement.push(added);
    return copy;
  }

  it('adding a Deny statement never turns a decision into allowed', () => {
    fc.assert(
      fc.property(docSetArb, requestArb, target, statementArb(true, 'Deny'), (docs, request, which, deny) => {
        const changed = addStatement(docs, which, deny);
        fc.pre(changed !== undefined);
        const before = decide(docs, request).decision;
        const after = decide(changed!, request).decision;
        if (after === 'allowed') expect(before).toBe('allowed');
        if (before === 'explicitDeny') expect(after).toBe('explicitDeny');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('adding an Allow statement never turns allowed into a deny', () => {
    fc.assert(
      fc.property(docSetArb, requestArb, target, statementArb(true, 'Allow'), (docs, request, which, allow) => {
        const changed = addStatement(docs, which, allow);
        fc.pre(changed !== undefined);
        if (decide(docs, request).decision === 'allowed') expect(decide(changed!, request).decision).toBe('allowed');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('the order of statements and of policies never matters', () => {
    fc.assert(
      fc.property(docSetArb, requestArb, fc.integer({ min: 1, max: 2 ** 30 }), (raw, request, seed) => {
        const docs = withSids(raw);
        const shuffled = cloneDocs(docs);
        for (const { doc } of documentsOf(shuffled)) doc.Statement = shuffle(doc.Statement, seed);
        shuffled.identity = shuffle(shuffled.identity, seed + 1);
        if (shuffled.scps) shuffled.scps = shuffled.scps.map((level, i) => shuffle(level, seed + 2 + i));
        const a = decide(docs, request);
        const b = decide(shuffled, request);
        expect(b.decision).toBe(a.decision);
        expect(determiningSids(b)).toEqual(determiningSids(a));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('splitting a multi-action statement into one statement per action changes nothing', () => {
    fc.assert(
      fc.property(docSetArb, requestArb, (docs, request) => {
        const split = cloneDocs(docs);
        for (const { doc } of documentsOf(split)) {
          doc.Statement = doc.Statement.flatMap((s) => {
            const actions = s.Action;
            if (!Array.isArray(actions) || actions.length < 2) return [s];
            return actions.map((a) => ({ ...s, Action: a }));
          });
        }
        expect(decide(split, request).decision).toBe(decide(docs, request).decision);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
