import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOp, bitsFor, clearBit, invert, packCommand, readings, registerBits, setBit, testBit, unpackCommand, type BitOp } from './bits.ts';

describe("seed 000's bit examples", () => {
  it('10 & 9 == 8, 10 | 9 == 11, 10 ^ 9 == 3, ~9 == -10, 11 >> 1 == 5', () => {
    expect([applyOp(10n, '&', 9n), applyOp(10n, '|', 9n), applyOp(10n, '^', 9n), invert(9n), applyOp(11n, '>>', 1n)]).toEqual([8n, 11n, 3n, -10n, 5n]);
  });
  it('~9 in an 8-bit register is 11110110, read signed as -10', () => {
    const bits = registerBits(invert(9n), 8);
    expect(bits).toBe('11110110');
    expect(readings(bits)).toEqual({ unsigned: 246n, signed: -10n });
    expect(readings('11110000').signed).toBe(-16n);
    expect(readings('00001111').signed).toBe(15n);
  });
  it('tests, sets and clears bits as the seed does with 21', () => {
    expect(testBit(21n, 3)).toBe(false);
    expect(testBit(21n, 2)).toBe(true);
    expect(setBit(21n, 3)).toBe(29n);
    expect(clearBit(0b01010011n, 1)).toBe(0b01010001n);
  });
  it('needs ⌈log₂ n⌉ bits: 2 for 4 directions, 4 for 10 players', () => {
    expect([1, 2, 4, 5, 10, 16, 17].map(bitsFor)).toEqual([0, 1, 2, 3, 4, 4, 5]);
    // Past 2**31 a 32-bit shift would wrap and never end.
    expect([2 ** 31, 2 ** 31 + 1, 2 ** 40, 2 ** 53].map(bitsFor)).toEqual([31, 32, 40, 53]);
  });
  it('packs a direction and a player in 6 bits', () => {
    expect(packCommand(2, 10).toString(2).padStart(6, '0')).toBe('101001');
    expect(unpackCommand(0b101001)).toEqual({ direction: 2, player: 10 });
  });
});

describe('bit operators against CPython', () => {
  it('agree on random ints, negatives included', () => {
    const ops: BitOp[] = ['&', '|', '^', '<<', '>>'];
    const cases = fc.sample(fc.tuple(fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }), fc.constantFrom(...ops), fc.bigInt({ min: 0n, max: 40n })), 500);
    const script = 'import sys\nfor line in sys.stdin:\n    x, op, y = line.split()\n    print(eval(f"{x} {op} {y}"), ~int(x))';
    const python = execFileSync('python3', ['-c', script], { input: cases.map(([x, op, y]) => `${x} ${op} ${y}`).join('\n') + '\n' }).toString().replace(/\n$/, '').split('\n');
    expect(cases.map(([x, op, y]) => `${applyOp(x, op, y)} ${invert(x)}`)).toEqual(python);
  });
});
