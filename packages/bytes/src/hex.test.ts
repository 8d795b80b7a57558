import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './hex.ts';

describe('toHex / fromHex', () => {
  it('spells bytes as lowercase pairs with no separators', () => {
    expect(toHex(new Uint8Array([0x00, 0x00, 0x00, 0x1e, 0xff, 0xab]))).toBe('0000001effab');
    expect(toHex(new Uint8Array())).toBe('');
  });

  it('reads pasted dumps with spaces and either case', () => {
    expect([...fromHex('00 00 00 1E\n48 65')]).toEqual([0, 0, 0, 0x1e, 0x48, 0x65]);
  });

  it('names the bad digit and the odd count', () => {
    expect(() => fromHex('0g')).toThrow("not a hex digit: 'g' at digit 1");
    expect(() => fromHex('abc')).toThrow('odd number of hex digits (3)');
  });

  it('round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expect([...fromHex(toHex(b))]).toEqual([...b]);
      }),
    );
  });
});
