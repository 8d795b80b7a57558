// The offset | hex | ASCII view of a byte string, as hexdump -C and Wireshark lay it out.

export interface HexdumpRow {
  /** Offset of the row's first byte. */
  offset: number;
  /** Two lowercase hex digits per byte, at most `width` of them. */
  hex: string[];
  /** One character per byte: printable ASCII as itself, everything else as '.'. */
  ascii: string;
}

/** Splits bytes into rows of `width` (16 by default). */
export function hexdumpRows(bytes: Uint8Array, width = 16, startOffset = 0): HexdumpRow[] {
  const rows: HexdumpRow[] = [];
  for (let at = 0; at < bytes.length; at += width) {
    const slice = bytes.subarray(at, at + width);
    const hex: string[] = [];
    let ascii = '';
    for (const b of slice) {
      hex.push(b.toString(16).padStart(2, '0'));
      ascii += printable(b);
    }
    rows.push({ offset: startOffset + at, hex, ascii });
  }
  return rows;
}

/** The classic text form: `00000000  48 65 6c 6c 6f  |Hello|`, one line per row. */
export function formatHexdump(bytes: Uint8Array, width = 16): string {
  return hexdumpRows(bytes, width)
    .map((r) => {
      const hex = r.hex.join(' ').padEnd(width * 3 - 1, ' ');
      return `${r.offset.toString(16).padStart(8, '0')}  ${hex}  |${r.ascii}|`;
    })
    .join('\n');
}

function printable(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}
