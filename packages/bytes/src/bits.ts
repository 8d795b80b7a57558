// Bits as seed 000 teaches them: Python's unbounded ints, shown in an n-bit two's-complement register.

export type Width = 8 | 16 | 32;

const mask = (w: Width) => (1n << BigInt(w)) - 1n;

/** The register's bits for `v`: its low `width` bits, as two's complement stores them. */
export function registerBits(v: bigint, width: Width): string {
  return (v & mask(width)).toString(2).padStart(width, '0');
}

/** The same bits read as unsigned and as signed (two's complement). */
export function readings(bits: string): { unsigned: bigint; signed: bigint } {
  const unsigned = BigInt('0b' + bits);
  const signed = bits[0] === '1' ? unsigned - (1n << BigInt(bits.length)) : unsigned;
  return { unsigned, signed };
}

/** Whether Python's value `v` fits the register as an unsigned or as a signed number. */
export function fits(v: bigint, width: Width): boolean {
  const w = BigInt(width);
  return v >= -(1n << (w - 1n)) && v <= (1n << w) - 1n;
}

export type BitOp = '&' | '|' | '^' | '<<' | '>>';

/** `x op y` exactly as Python computes it on ints (unbounded; >> rounds toward -infinity). */
export function applyOp(x: bigint, op: BitOp, y: bigint): bigint {
  switch (op) {
    case '&':
      return x & y;
    case '|':
      return x | y;
    case '^':
      return x ^ y;
    case '<<':
      if (y < 0n) throw new RangeError('ValueError: negative shift count');
      return x << y;
    case '>>':
      if (y < 0n) throw new RangeError('ValueError: negative shift count');
      return x >> y;
  }
}

/** `~x` in Python: -x - 1. @example invert(9n) === -10n */
export function invert(x: bigint): bigint {
  return -x - 1n;
}

/** Seed 000's test/set/clear of bit n: `x & 2**n > 0`, `x | 2**n`, `x & ~2**n`. */
export const testBit = (x: bigint, n: number) => (x & (1n << BigInt(n))) > 0n;
export const setBit = (x: bigint, n: number) => x | (1n << BigInt(n));
export const clearBit = (x: bigint, n: number) => x & ~(1n << BigInt(n));

/** Bits needed for n possibilities, ⌈log₂ n⌉, found by shifting as the seed's exercise asks. */
export function bitsFor(n: number): number {
  let bits = 0;
  while (2 ** bits < n) bits++; // not 1 << bits: that wraps at 32 and would never end
  return bits;
}

export const DIRECTIONS = ['Up', 'Left', 'Right', 'Down'] as const;

/**
 * Seed 000's 6-bit command: 2 bits of direction (00 Up, 01 Left, 10 Right, 11 Down) then 4 bits
 * of player (0000 = player 1 … 1001 = player 10): `direction << 4 | (player - 1)`.
 */
export function packCommand(direction: number, player: number): number {
  if (direction < 0 || direction > 3) throw new RangeError('direction must be 0 to 3');
  if (player < 1 || player > 10) throw new RangeError('player must be 1 to 10');
  return (direction << 4) | (player - 1);
}

export function unpackCommand(byte: number): { direction: number; player: number } {
  return { direction: (byte >> 4) & 0b11, player: (byte & 0b1111) + 1 };
}
