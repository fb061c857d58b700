import { describe, expect, test } from 'vitest';
import { codePointWidth, layoutLine, sliceCells, toSafeInline } from '../../src/format/display.js';

describe('display', () => {
  test.each([
    ['a', 1],
    ['é', 1],
    ['\u0301', 0], // combining acute accent
    ['\u200d', 0], // zero-width joiner
    ['读', 2],
    ['가', 2],
    ['Ａ', 2], // fullwidth A
    ['🚀', 2],
    ['→', 1],
  ])('%j takes %i cells', (ch, width) => {
    expect(codePointWidth(ch.codePointAt(0) as number)).toBe(width);
  });

  test.each([
    ['plain `s3:GetObject`', 'plain `s3:GetObject`'],
    ['a\tb', 'a b'],
    ['line\nbreak\r', 'line␊break␍'],
    ['\u001b[31mred', '␛[31mred'],
    ['\u0000\u007f\u009b', '␀␡\ufffd'],
    ['abc\u202edef\u2066', 'abc\ufffddef\ufffd'],
    ['读取 🚀', '读取 🚀'],
  ])('toSafeInline(%j) is %j', (input, expected) => {
    expect(toSafeInline(input)).toBe(expected);
  });

  test('layoutLine maps UTF-16 indexes to cells: tabs to 4-cell stops, wide characters, surrogate pairs', () => {
    const layout = layoutLine('a\tb读🚀c');
    expect(layout.text).toBe('a   b读🚀c');
    // index: a=0 \t=1 b=2 读=3 🚀=4,5 c=6 end=7
    expect(layout.cellAt).toEqual([0, 1, 4, 5, 7, 7, 9, 10]);
  });

  test('a tab after 4 cells takes a full stop', () => {
    expect(layoutLine('abcd\tx').cellAt).toEqual([0, 1, 2, 3, 4, 8, 9]);
  });

  test('sliceCells pads to the window start and drops wide characters cut by an edge', () => {
    const layout = layoutLine('ab读cd');
    expect(sliceCells(layout, 0, 100)).toBe('ab读cd');
    expect(sliceCells(layout, 1, 5)).toBe('b读c');
    expect(sliceCells(layout, 3, 6)).toBe(' cd'); // 读 spans cells 2-3: cut on the left
    expect(sliceCells(layout, 0, 3)).toBe('ab'); // and on the right
  });
});
