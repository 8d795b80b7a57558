import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toHex } from './hex.ts';
import { packInt16, unpackInt16 } from './int16.ts';

function ours(v: number): string {
  try {
    return toHex(packInt16(v));
  } catch (e) {
    return `struct.error: ${(e as Error).message}`;
  }
}

describe("struct '!h'", () => {
  it('packs the seed values', () => {
    expect(toHex(packInt16(1))).toBe('0001');
    expect(toHex(packInt16(-1))).toBe('ffff');
    expect(toHex(packInt16(32767))).toBe('7fff');
    expect(toHex(packInt16(-32768))).toBe('8000');
  });

  it('agrees with CPython at and beyond the edges', () => {
    const values = [0, 1, -1, 2, 255, 256, 32766, 32767, 32768, -32767, -32768, -32769, 65535, 100000, -100000];
    const script = [
      'import struct, sys',
      'for v in sys.argv[1:]:',
      '    try: print(struct.pack("!h", int(v)).hex())',
      '    except struct.error as e: print("struct.error: " + str(e))',
    ].join('\n');
    const python = execFileSync('python3', ['-c', script, ...values.map(String)]).toString().replace(/\n$/, '').split('\n');
    expect(values.map(ours)).toEqual(python);
  });

  it('unpacks two bytes and refuses any other length as Python does', () => {
    expect(unpackInt16(Uint8Array.from([0x80, 0x00]))).toBe(-32768);
    expect(unpackInt16(Uint8Array.from([0x00, 0x02]))).toBe(2);
    expect(() => unpackInt16(Uint8Array.from([1]))).toThrow('unpack requires a buffer of 2 bytes');
    expect(() => unpackInt16(Uint8Array.from([1, 2, 3]))).toThrow('unpack requires a buffer of 2 bytes');
  });
});
