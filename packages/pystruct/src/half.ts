// IEEE 754 half precision ('e'), rounded exactly as CPython's PyFloat_Pack2 rounds.
import { StructError } from './format.ts';

/** The 16 bits of `x` as a half, round-half-even; OverflowError past 65504 after rounding. */
export function packHalf(x: number): number {
  if (x === 0) return Object.is(x, -0) ? 0x8000 : 0;
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 ? 1 : 0;
  if (!Number.isFinite(x)) return (sign << 15) | 0x7c00;
  let f = Math.abs(x);
  // frexp: f = m * 2^e with 1 <= m < 2.
  let e = Math.floor(Math.log2(f));
  let m = f / 2 ** e;
  if (m >= 2) [m, e] = [m / 2, e + 1];
  if (m < 1) [m, e] = [m * 2, e - 1];
  if (e >= 16) throw new StructError('float too large to pack with e format', 'OverflowError');
  if (e < -25) [f, e] = [0, 0];
  else if (e < -14) [f, e] = [m * 2 ** (14 + e), 0];
  else [f, e] = [m - 1, e + 15];
  f *= 1024;
  let bits = Math.trunc(f);
  const rest = f - bits;
  if (rest > 0.5 || (rest === 0.5 && bits % 2 === 1)) {
    bits++;
    if (bits === 1024) {
      bits = 0;
      e++;
      if (e === 31) throw new StructError('float too large to pack with e format', 'OverflowError');
    }
  }
  return (sign << 15) | (e << 10) | bits;
}

export function unpackHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0x1f) return f === 0 ? sign * Infinity : NaN;
  return e === 0 ? sign * (f / 1024) * 2 ** -14 : sign * (1 + f / 1024) * 2 ** (e - 15);
}
