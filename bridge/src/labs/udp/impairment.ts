// Seeded, repeatable impairment decisions for the relay: same seed, same fate for datagram k.
import type { Impairment } from '@socket-lab/protocol';

export interface Decision {
  drop: boolean;
  duplicate: boolean;
  reorder: boolean;
  delayMs: number;
}

/** mulberry32: a small, well-mixed 32-bit PRNG; determinism matters here, not cryptography. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Decisions in datagram order. Each datagram draws exactly four numbers whatever is decided, so
 * datagram k's fate depends only on the seed and k, not on what happened to earlier ones.
 */
export class ImpairmentSchedule {
  private readonly next: () => number;
  constructor(private readonly p: Impairment) {
    this.next = mulberry32(p.seed);
  }

  decide(): Decision {
    const [a, b, c, d] = [this.next(), this.next(), this.next(), this.next()];
    const drop = a < this.p.drop;
    return {
      drop,
      duplicate: !drop && b < this.p.duplicate,
      reorder: !drop && c < this.p.reorder,
      delayMs: drop ? 0 : Math.round(d * this.p.delayMs),
    };
  }
}
