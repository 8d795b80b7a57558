// Python's struct format grammar and layout: byte order, counts, native sizes and alignment.

/** Raised where Python raises struct.error; `kind` names the Python exception class. */
export class StructError extends Error {
  constructor(
    message: string,
    readonly kind: 'struct.error' | 'OverflowError' | 'SystemError' = 'struct.error',
  ) {
    super(message);
  }
}

export type Table = 'native' | 'little' | 'big';

export interface Item {
  code: string;
  /** Repeat count; for 's' and 'p' the string length. */
  count: number;
  offset: number;
  /** Bytes per value (1 for s, p, x). */
  size: number;
}

export interface Layout {
  /** Whose pack functions and messages apply (CPython's native/little/big tables). */
  table: Table;
  littleEndian: boolean;
  items: Item[];
  size: number;
}

// Sizes on this platform (x86_64 Linux, LP64), as CPython's native table has them.
const NATIVE: Record<string, number> = { x: 1, c: 1, b: 1, B: 1, '?': 1, h: 2, H: 2, i: 4, I: 4, l: 8, L: 8, q: 8, Q: 8, n: 8, N: 8, e: 2, f: 4, d: 8, s: 1, p: 1, P: 8 };
const STANDARD: Record<string, number> = { x: 1, c: 1, b: 1, B: 1, '?': 1, h: 2, H: 2, i: 4, I: 4, l: 4, L: 4, q: 8, Q: 8, e: 2, f: 4, d: 8, s: 1, p: 1 };
/** Beyond this the workbench refuses (Python's own limit is far larger). */
export const MAX_STRUCT_SIZE = 1024 * 1024;

/**
 * Parses a format as CPython does: an optional byte-order character first, then items
 * `[count]code`; whitespace between items is ignored; `@` (the default) uses native sizes and
 * alignment, `= < > !` standard sizes and none.
 * @example parseFormat('!hH?f10s').size === 19
 */
export function parseFormat(format: string): Layout {
  let s = format;
  let table: Table = 'native';
  let native = true;
  const first = s[0];
  if (first === '@') s = s.slice(1);
  else if (first === '=' || first === '<') [table, native, s] = ['little', false, s.slice(1)];
  else if (first === '>' || first === '!') [table, native, s] = ['big', false, s.slice(1)];
  const sizes = native ? NATIVE : STANDARD;
  const items: Item[] = [];
  let size = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s[i]!;
    if (/\s/.test(c)) continue;
    let count = 1;
    if (c >= '0' && c <= '9') {
      let digits = c;
      while (i + 1 < s.length && s[i + 1]! >= '0' && s[i + 1]! <= '9') digits += s[++i];
      if (i + 1 >= s.length) throw new StructError('repeat count given without format specifier');
      count = Number(digits);
      c = s[++i]!;
    }
    const itemSize = sizes[c];
    if (itemSize === undefined) throw new StructError('bad char in struct format');
    if (native && itemSize > 1 && c !== 's' && c !== 'p') size = Math.ceil(size / itemSize) * itemSize;
    items.push({ code: c, count, offset: size, size: itemSize });
    size += c === 's' || c === 'p' || c === 'x' ? count : count * itemSize;
    if (size > MAX_STRUCT_SIZE) throw new StructError(`total struct size too long (this workbench stops at ${MAX_STRUCT_SIZE} bytes)`);
  }
  // Native byte order on this platform is little-endian.
  return { table, littleEndian: table !== 'big', items, size };
}

/** struct.calcsize(format). */
export function calcsize(format: string): number {
  return parseFormat(format).size;
}

/** How many values pack() takes and unpack() returns. */
export function valueCount(layout: Layout): number {
  return layout.items.reduce((n, it) => n + (it.code === 'x' ? 0 : it.code === 's' || it.code === 'p' ? 1 : it.count), 0);
}
