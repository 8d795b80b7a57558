// Range checks for integer codes with CPython's exact messages, which depend on the table:
// for '<' and '=' on a little-endian machine CPython swaps in the native function wherever the
// sizes agree, so '<h' says "short format …" while '!h' says "'h' format …".
import { StructError, type Table } from './format.ts';

const S64: [bigint, bigint] = [-(2n ** 63n), 2n ** 63n - 1n];
const U64: [bigint, bigint] = [0n, 2n ** 64n - 1n];
const inRange = (v: bigint, [lo, hi]: [bigint, bigint]) => v >= lo && v <= hi;

interface Rule {
  /** The C conversion's range; outside it, `convert` is the message. */
  conv: [bigint, bigint];
  convert: string;
  /** The format's own range and message, when narrower than the conversion. */
  range?: [bigint, bigint];
  message?: string;
}

const fmtRange = (c: string, lo: bigint, hi: bigint) => `'${c}' format requires ${lo} <= number <= ${hi}`;
const bits = (n: number, signed: boolean): [bigint, bigint] =>
  signed ? [-(2n ** BigInt(8 * n - 1)), 2n ** BigInt(8 * n - 1) - 1n] : [0n, 2n ** BigInt(8 * n) - 1n];

/** CPython's native functions (np_*) for this platform. */
const NATIVE: Record<string, Rule> = {
  b: { conv: S64, convert: 'argument out of range', range: bits(1, true), message: 'byte format requires -128 <= number <= 127' },
  B: { conv: S64, convert: 'argument out of range', range: bits(1, false), message: 'ubyte format requires 0 <= number <= 255' },
  h: { conv: S64, convert: 'argument out of range', range: bits(2, true), message: 'short format requires -32768 <= number <= 32767' },
  H: { conv: S64, convert: 'argument out of range', range: bits(2, false), message: 'ushort format requires 0 <= number <= 65535' },
  i: { conv: S64, convert: 'argument out of range', range: bits(4, true), message: fmtRange('i', ...bits(4, true)) },
  I: { conv: U64, convert: 'argument out of range', range: bits(4, false), message: fmtRange('I', ...bits(4, false)) },
  l: { conv: S64, convert: 'argument out of range' },
  L: { conv: U64, convert: 'argument out of range' },
  q: { conv: S64, convert: 'argument out of range' },
  Q: { conv: U64, convert: 'argument out of range' },
  n: { conv: S64, convert: 'argument out of range' },
  N: { conv: U64, convert: 'argument out of range' },
  P: { conv: [S64[0], U64[1]], convert: 'int too large to convert' },
};

/** Standard-size functions (lp_* / bp_*): 4-byte and smaller via long, 8-byte via byte arrays. */
function standard(code: string, size: number): Rule {
  const signed = code === code.toLowerCase();
  if (size === 8) return { conv: bits(8, signed), convert: 'int too large to convert' };
  return { conv: signed ? S64 : U64, convert: 'argument out of range', range: bits(size, signed), message: fmtRange(code, ...bits(size, signed)) };
}

function rule(table: Table, code: string, size: number): Rule {
  if (table === 'native') return NATIVE[code]!;
  // 'b' and 'B' use the native functions in every table.
  if (code === 'b' || code === 'B') return NATIVE[code]!;
  // Native 'l'/'L' are 8 bytes here, standard ones 4, so only those keep the standard function.
  if (table === 'little' && code !== 'l' && code !== 'L') return NATIVE[code]!;
  return standard(code, size);
}

/** Checks `v` for an integer code; returns it as an unsigned two's-complement value of `size` bytes. */
export function checkInt(table: Table, code: string, size: number, v: bigint): bigint {
  const r = rule(table, code, size);
  if (!inRange(v, r.conv)) throw new StructError(r.convert);
  if (r.range && !inRange(v, r.range)) throw new StructError(r.message!);
  return BigInt.asUintN(8 * size, v);
}
