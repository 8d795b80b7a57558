import { describe, expect, it } from 'vitest';
import { encodeFrame, encodeText, readHeader } from './encoder.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('encodeText', () => {
  it("frames the seed's example as [30][Four score and seven years ago]", () => {
    expect(hex(encodeText('Four score and seven years ago'))).toBe(
      '0000001e' + '466f75722073636f726520616e6420736576656e207965617273206167 6f'.replace(/ /g, ''),
    );
  });
  it('frames the reply as [20][ and seven years ago]', () => {
    expect(hex(encodeText(' and seven years ago'))).toBe('00000014' + '20616e6420736576656e2079656172732061676f');
  });
  it('frames an empty payload as four zero bytes', () => {
    expect(hex(encodeText(''))).toBe('00000000');
  });
  it('counts the length in bytes, not characters', () => {
    // 'héllo wörld ✓' is 13 characters and 17 bytes (é ö: 2 bytes each, ✓: 3).
    const frame = encodeText('héllo wörld ✓');
    expect(hex(frame.subarray(0, 4))).toBe('00000011');
    expect(frame.length).toBe(4 + 17);
  });
  it('writes big-endian lengths past one byte', () => {
    expect(hex(encodeFrame(new Uint8Array(0x0102)).subarray(0, 4))).toBe('00000102');
  });
});

describe('readHeader', () => {
  it('gives the big-endian length and what a little-endian reader would get', () => {
    expect(readHeader(Uint8Array.from([0, 0, 0, 0x1e]))).toEqual({ length: 30, littleEndian: 503316480 });
    expect(readHeader(Uint8Array.from([0xff, 0xff, 0xff, 0xff]))).toEqual({ length: 4294967295, littleEndian: 4294967295 });
  });
});
