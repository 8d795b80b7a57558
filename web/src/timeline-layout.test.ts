import { describe, expect, it } from 'vitest';
import { LivePace } from './timeline-layout.ts';

describe('LivePace', () => {
  it('draws the usual overscan for a burst, and two rows once rows stream in render after render', () => {
    const pace = new LivePace(8);
    expect(pace.overscan(3)).toBe(8);
    // A connection's first calls: one render brings 20 rows.
    expect(pace.overscan(23)).toBe(8);
    expect(pace.overscan(25)).toBe(8);
    // A thousand events a second: every render brings more than the overscan.
    expect(pace.overscan(45)).toBe(8);
    expect(pace.overscan(65)).toBe(8);
    expect(pace.overscan(85)).toBe(2);
    expect(pace.overscan(105)).toBe(2);
  });

  it('says it is busy exactly while it draws the short overscan', () => {
    const pace = new LivePace(8);
    const seen: Array<[number, boolean]> = [];
    for (const n of [20, 40, 60, 80, 80, 83]) seen.push([pace.overscan(n), pace.busy]);
    expect(seen).toEqual([[8, false], [8, false], [2, true], [2, true], [2, true], [8, false]]);
  });

  it('keeps its choice through renders that bring no rows (a scroll), and drops it when the stream slows', () => {
    const pace = new LivePace(8);
    for (const n of [20, 40, 60]) pace.overscan(n);
    expect(pace.overscan(60)).toBe(2);
    expect(pace.overscan(60)).toBe(2);
    expect(pace.overscan(63)).toBe(8);
    expect(pace.overscan(63)).toBe(8);
  });
});
