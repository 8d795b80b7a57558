// The timeline's virtualizer with rows appended: only the new rows are sized, with the same
// layout the stock walk of every row gives.
import { Virtualizer } from '@tanstack/react-virtual';
import { describe, expect, it } from 'vitest';
import { walkOnlyNewRows } from './live-virtualizer.ts';

function virtualizer(heights: number[], asked: number[], patched: boolean) {
  const options = (count: number) => ({
    count,
    getScrollElement: () => null,
    estimateSize: (i: number) => (asked.push(i), heights[i]!),
    scrollToFn: () => {},
    observeElementRect: () => {},
    observeElementOffset: () => {},
  });
  const v = new Virtualizer<HTMLDivElement, Element>(options(0));
  if (patched) walkOnlyNewRows(v);
  return { v, grow: (count: number) => (v.setOptions(options(count)), v.getTotalSize()) };
}

describe('walkOnlyNewRows', () => {
  const heights = Array.from({ length: 1000 }, (_, i) => 20 + (i % 7) * 10);
  const layout = (v: Virtualizer<HTMLDivElement, Element>) => v.measurementsCache.map((m) => [m.start, m.size]);

  it('sizes only the rows appended, and lays them out as the stock walk does', () => {
    const asked: number[] = [];
    const stockAsked: number[] = [];
    const mine = virtualizer(heights, asked, true);
    const stock = virtualizer(heights, stockAsked, false);
    for (const count of [10, 11, 500, 1000]) expect(mine.grow(count)).toBe(stock.grow(count));
    expect(layout(mine.v)).toEqual(layout(stock.v));
    // Each row sized once; the stock virtualizer sizes every row at each new count.
    expect(asked).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(stockAsked.length).toBe(10 + 11 + 500 + 1000);
  });

  // A new lane width changes every height (measure()); a fold opened replaces the rows (rowsReplaced()).
  it.each([
    ['after measure() (a new lane width changes every height)', 120, (v: ReturnType<typeof walkOnlyNewRows>) => v.measure()],
    ['when told the rows were replaced (a fold opened), though the count grew', 130, (v: ReturnType<typeof walkOnlyNewRows>) => v.rowsReplaced()],
  ] as const)('walks every row again %s', (_, count, replace) => {
    const asked: number[] = [];
    const { v, grow } = virtualizer(heights, asked, true);
    grow(100);
    asked.length = 0;
    replace(v as ReturnType<typeof walkOnlyNewRows>);
    grow(count);
    expect(asked).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it('from a row measured since, if it is earlier than the new ones', () => {
    const asked: number[] = [];
    const { v, grow } = virtualizer(heights, asked, true);
    grow(100);
    v.resizeItem(40, 999);
    asked.length = 0;
    expect(grow(110)).toBe(heights.slice(0, 110).reduce((a, b) => a + b, 0) - heights[40]! + 999);
    expect(asked).toEqual(Array.from({ length: 110 - 40 }, (_, i) => 40 + i).filter((i) => i !== 40));
  });
});
