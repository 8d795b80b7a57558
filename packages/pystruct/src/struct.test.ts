import { toHex } from '@socket-lab/bytes';
import { describe, expect, it } from 'vitest';
import { calcsize, pack, unpack } from './index.ts';
import { bool, bytes, float, int, parseLiteral, pyFloatRepr, pyTupleRepr } from './values.ts';

const hexOf = (b: Uint8Array) => toHex(b);

describe("the seeds' struct examples", () => {
  it("struct.pack('!l', 1024) is 00 00 04 00", () => {
    expect(hexOf(pack('!l', [int(1024)]))).toBe('00000400');
  });
  it("'!hH?f10s' is 19 bytes, laid out field by field", () => {
    expect(calcsize('!hH?f10s')).toBe(19);
    const b = pack('!hH?f10s', [int(13), int(987), bool(true), float(0.3871), bytes('1234567890')]);
    expect(hexOf(b)).toBe('000d' + '03db' + '01' + '3ec631f9' + '31323334353637383930');
    expect(pyTupleRepr(unpack('!hH?f10s', b))).toBe("(13, 987, True, 0.3871000111103058, b'1234567890')");
  });
  it('0x01020304 in both byte orders', () => {
    expect(hexOf(pack('>I', [int(0x01020304)]))).toBe('01020304');
    expect(hexOf(pack('<I', [int(0x01020304)]))).toBe('04030201');
    expect(hexOf(pack('!I', [int(0x00abcdef)]))).toBe('00abcdef');
    expect(hexOf(pack('<I', [int(0x00abcdef)]))).toBe('efcdab00');
  });
  it('aligns native formats as C does, and not standard ones', () => {
    expect(calcsize('@ci')).toBe(8);
    expect(calcsize('@ic')).toBe(5);
    expect(calcsize('=ci')).toBe(5);
    expect(calcsize('@b0l')).toBe(8);
  });
});

describe("a 0-byte 'p' field", () => {
  it('writes its length byte 0xff as CPython 3.8-3.12 do: kept in native padding, overwritten by a field that starts there', () => {
    // From the oracle test: python3.11 -c "print(struct.pack('3f0pl0c', 2.72e-92, 65536, 29811533382703518077, b'\\xba', False).hex())"
    expect(toHex(pack('3f0pl0c', [float(2.7226447377495958e-92), int(65536n), int(29811533382703518077n), bytes(new Uint8Array([0xba, 0xee, 0x19])), bool(false)]))).toBe('0000000000008047ecdbce5fff0000000000000000000000');
    expect(toHex(pack('0pB', [bytes(new Uint8Array()), int(7n)]))).toBe('07');
    expect(toHex(pack('B0p', [int(7n), bytes(new Uint8Array([0x78]))]))).toBe('07');
  });
});

describe('Python errors', () => {
  it('reads like Python', () => {
    expect(() => pack('!h', [int(32768)])).toThrow("'h' format requires -32768 <= number <= 32767");
    expect(() => pack('<h', [int(32768)])).toThrow('short format requires -32768 <= number <= 32767');
    expect(() => pack('!h', [float(1.5)])).toThrow('required argument is not an integer');
    expect(() => pack('!hh', [int(1)])).toThrow('pack expected 2 items for packing (got 1)');
    expect(() => unpack('!I', new Uint8Array(3))).toThrow('unpack requires a buffer of 4 bytes');
    expect(() => calcsize('!n')).toThrow('bad char in struct format');
    expect(() => calcsize('3')).toThrow('repeat count given without format specifier');
  });
});

describe('literals and repr', () => {
  it('parses the literals the CLI takes', () => {
    expect(parseLiteral('-2')).toEqual(int(-2));
    expect(parseLiteral('0x1F')).toEqual(int(31));
    expect(parseLiteral('True')).toEqual(bool(true));
    expect(parseLiteral('0.5')).toEqual(float(0.5));
    expect(parseLiteral("b'a\\x00'")).toEqual(bytes(Uint8Array.from([0x61, 0])));
    expect(() => parseLiteral('hello')).toThrow('not a Python literal: hello');
  });
  it('prints floats as Python repr does', () => {
    expect([1e16, 1e-5, 0.0001, -0, 2, 123456789012345678, 0.1].map(pyFloatRepr)).toEqual(['1e+16', '1e-05', '0.0001', '-0.0', '2.0', '1.2345678901234568e+17', '0.1']);
  });
});
