import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, scrollFactor } from './scroll-scale.ts';

describe('scrollFactor', () => {
  it('is 1 until the rows pass MAX_SCROLL_PX', () => {
    expect(scrollFactor(0, 400)).toBe(1);
    expect(scrollFactor(MAX_SCROLL_PX, 400)).toBe(1);
  });

  it('past it, makes the box scroll from the first row to the last: (box - view) * k + view = rows', () => {
    // 300,000 cards of 126 px, the size that went blank past Chromium's 33.5 million px.
    const rows = 300_000 * 126;
    const k = scrollFactor(rows, 372);
    expect((MAX_SCROLL_PX - 372) * k + 372).toBeCloseTo(rows, 3);
  });
});
