import { describe, expect, it } from 'vitest';
import { ImpairmentSchedule } from './impairment.ts';

const p = { seed: 42, drop: 0.2, duplicate: 0.1, reorder: 0.1, delayMs: 100 };
const run = (n: number, params = p) => {
  const s = new ImpairmentSchedule(params);
  return Array.from({ length: n }, () => s.decide());
};

describe('ImpairmentSchedule', () => {
  it('repeats exactly for the same seed', () => {
    expect(run(200)).toEqual(run(200));
  });
  it('differs for another seed', () => {
    expect(run(50, { ...p, seed: 43 })).not.toEqual(run(50));
  });
  it('drops about the asked share, and never duplicates a dropped datagram', () => {
    const d = run(5000);
    const dropped = d.filter((x) => x.drop).length / d.length;
    expect(dropped).toBeGreaterThan(0.17);
    expect(dropped).toBeLessThan(0.23);
    expect(d.some((x) => x.drop && (x.duplicate || x.reorder))).toBe(false);
    expect(d.every((x) => x.delayMs >= 0 && x.delayMs <= 100)).toBe(true);
  });
  it('does nothing at zero settings', () => {
    expect(run(100, { seed: 1, drop: 0, duplicate: 0, reorder: 0, delayMs: 0 }).every((x) => !x.drop && !x.duplicate && !x.reorder && x.delayMs === 0)).toBe(true);
  });
});
