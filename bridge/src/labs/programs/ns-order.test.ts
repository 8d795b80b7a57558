import { describe, expect, it } from 'vitest';
import { NsOrder } from './ns-order.ts';

describe('NsOrder', () => {
  it('lets records go in the order they were made, once other processes have had time to send theirs', () => {
    let now = 910_000_000;
    const out: string[] = [];
    const order = new NsOrder<string>((s) => out.push(s), 20, () => now);
    // Process A's batch (calls at 900.0 ms and 900.2 ms) arrives before process B's (900.1 ms).
    order.push(900_000_000, 'A send');
    order.push(900_200_000, 'A recv');
    order.push(900_100_000, 'B recv');
    order.release(now);
    expect(out).toEqual([]);
    now = 920_150_000;
    order.release(now);
    expect(out).toEqual(['A send', 'B recv']);
    order.flush();
    expect(out).toEqual(['A send', 'B recv', 'A recv']);
  });

  it('a time from a clock ahead of its own counts as now', () => {
    const out: string[] = [];
    const order = new NsOrder<string>((s) => out.push(s), 20, () => 5e9);
    order.push(9e18, 'later clock');
    order.push(4.99e9, 'earlier');
    order.release(5e9 + 20e6);
    expect(out).toEqual(['earlier', 'later clock']);
  });
});
