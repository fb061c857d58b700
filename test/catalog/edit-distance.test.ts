import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/catalog/edit-distance.js';

describe('editDistance', () => {
  it.each([
    { a: 'GetObject', b: 'GetObject', distance: 0 },
    { a: 'getobject', b: 'GetObject', distance: 0 },
    { a: 'GetObjcet', b: 'GetObject', distance: 1 }, // adjacent transposition counts once
    { a: 'GetObjec', b: 'GetObject', distance: 1 },
    { a: 'PutObject', b: 'GetObject', distance: 2 },
    { a: '', b: 'abc', distance: 3 },
    { a: 'abc', b: '', distance: 3 },
    { a: 'ca', b: 'abc', distance: 3 }, // optimal string alignment, not full Damerau
  ])('$a ↔ $b = $distance', ({ a, b, distance }) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it.each([
    { a: 'abcdef', b: 'uvwxyz', limit: 2, distance: 3 },
    { a: 'a', b: 'abcdefgh', limit: 3, distance: 4 },
    { a: 'GetObjcet', b: 'GetObject', limit: 1, distance: 1 },
  ])('stops past the limit: $a ↔ $b (limit $limit) → $distance', ({ a, b, limit, distance }) => {
    expect(editDistance(a, b, limit)).toBe(distance);
  });
});
