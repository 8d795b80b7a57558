import { describe, expect, it } from 'vitest';
import { fromHex } from './hex.ts';
import { formatHexdump, hexdumpRows } from './hexdump.ts';

describe('hexdump', () => {
  it('shows Hello World as one row of offset | hex | ASCII', () => {
    const rows = hexdumpRows(fromHex('48656c6c6f20576f726c64'));
    expect(rows).toEqual([
      { offset: 0, hex: ['48', '65', '6c', '6c', '6f', '20', '57', '6f', '72', '6c', '64'], ascii: 'Hello World' },
    ]);
  });

  it('breaks rows at the width and keeps offsets', () => {
    const rows = hexdumpRows(fromHex('0000001e466f75722073636f726520616e6420736576656e'), 8);
    expect(rows.map((r) => r.offset)).toEqual([0, 8, 16]);
    expect(rows[0]!.ascii).toBe('....Four');
    expect(rows[2]!.hex.join('')).toBe('6e6420736576656e');
  });

  it('prints non-printable bytes as dots, like hexdump -C', () => {
    expect(formatHexdump(fromHex('0a7f20417e80'))).toBe(`00000000  ${'0a 7f 20 41 7e 80'.padEnd(47)}  |.. A~.|`);
  });

  it('has no rows for no bytes', () => {
    expect(hexdumpRows(new Uint8Array())).toEqual([]);
  });
});
