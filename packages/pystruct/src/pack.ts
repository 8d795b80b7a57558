// struct.pack and struct.unpack over a parsed layout, with Python's checks and messages.
import { parseFormat, StructError, valueCount, type Item, type Layout } from './format.ts';
import { packHalf, unpackHalf } from './half.ts';
import { checkInt } from './integers.ts';
import type { PyValue } from './values.ts';

const INT_CODES = new Set(['b', 'B', 'h', 'H', 'i', 'I', 'l', 'L', 'q', 'Q', 'n', 'N', 'P']);

function truthy(v: PyValue): boolean {
  switch (v.t) {
    case 'bool':
      return v.v;
    case 'int':
      return v.v !== 0n;
    case 'float':
      return v.v !== 0;
    case 'bytes':
      return v.v.length > 0;
    case 'str':
      return v.v.length > 0;
  }
}

function asInt(v: PyValue): bigint {
  if (v.t === 'int') return v.v;
  if (v.t === 'bool') return v.v ? 1n : 0n;
  throw new StructError('required argument is not an integer');
}

function asFloat(v: PyValue): number {
  if (v.t === 'float') return v.v;
  if (v.t === 'int') return Number(v.v);
  if (v.t === 'bool') return v.v ? 1 : 0;
  throw new StructError('required argument is not a float');
}

function writeInt(view: DataView, at: number, size: number, little: boolean, u: bigint): void {
  for (let k = 0; k < size; k++) {
    const byte = Number((u >> BigInt(8 * k)) & 0xffn);
    view.setUint8(little ? at + k : at + size - 1 - k, byte);
  }
}

function readInt(view: DataView, at: number, size: number, little: boolean, signed: boolean): bigint {
  let u = 0n;
  for (let k = 0; k < size; k++) u |= BigInt(view.getUint8(little ? at + k : at + size - 1 - k)) << BigInt(8 * k);
  return signed ? BigInt.asIntN(8 * size, u) : u;
}

function packOne(layout: Layout, item: Item, at: number, v: PyValue, view: DataView, out: Uint8Array): void {
  const { code, size } = item;
  const little = layout.littleEndian;
  if (INT_CODES.has(code)) return writeInt(view, at, size, little, checkInt(layout.table, code, size, asInt(v)));
  switch (code) {
    case '?':
      return view.setUint8(at, truthy(v) ? 1 : 0);
    case 'c':
      if (v.t !== 'bytes' || v.v.length !== 1) throw new StructError('char format requires a bytes object of length 1');
      return view.setUint8(at, v.v[0]!);
    case 'e':
      return view.setUint16(at, packHalf(asFloat(v)), little);
    case 'f': {
      const x = asFloat(v);
      // CPython's native np_float casts to float, so with '@' an overflow becomes inf silently;
      // the standard tables check (the little-endian swap to native functions is for integers).
      if (layout.table !== 'native' && Number.isFinite(x) && !Number.isFinite(Math.fround(x))) {
        throw new StructError('float too large to pack with f format', 'OverflowError');
      }
      return view.setFloat32(at, x, little);
    }
    case 'd':
      return view.setFloat64(at, asFloat(v), little);
    case 's':
    case 'p': {
      if (v.t !== 'bytes') throw new StructError(`argument for '${code}' must be a bytes object`);
      if (code === 's') return out.set(v.v.subarray(0, item.count), at);
      if (item.count === 0) {
        // CPython 3.8-3.12 (s_pack) writes the length byte even for a 0-byte 'p': min(len, 0 - 1)
        // is -1, stored as 0xff where the next field starts; that field overwrites it, but native
        // padding keeps it (pack('3f0pl', ...) has ff at 12). 3.13 writes nothing. The lab follows
        // the python3 it runs with (3.11 here), and at the very end it lands outside the bytes.
        if (at < out.length) out[at] = 0xff;
        return;
      }
      const n = Math.min(v.v.length, item.count - 1, 255);
      out[at] = n;
      return out.set(v.v.subarray(0, Math.min(v.v.length, item.count - 1)), at + 1);
    }
    default:
      throw new StructError('bad char in struct format');
  }
}

/**
 * CPython's _struct turns an OverflowError raised while packing an int (bool included) into
 * struct.error("int too large to convert"); a float argument keeps the OverflowError.
 */
function packChecked(layout: Layout, item: Item, at: number, v: PyValue, view: DataView, out: Uint8Array): void {
  try {
    packOne(layout, item, at, v, view, out);
  } catch (e) {
    if (e instanceof StructError && e.kind === 'OverflowError' && (v.t === 'int' || v.t === 'bool')) throw new StructError('int too large to convert');
    throw e;
  }
}

/**
 * struct.pack(format, *values).
 * @example toHex(pack('!l', [int(1024)])) === '00000400'
 */
export function pack(format: string, values: PyValue[]): Uint8Array {
  const layout = parseFormat(format);
  const want = valueCount(layout);
  if (values.length !== want) throw new StructError(`pack expected ${want} items for packing (got ${values.length})`);
  const out = new Uint8Array(layout.size);
  const view = new DataView(out.buffer);
  let next = 0;
  for (const item of layout.items) {
    if (item.code === 'x') continue;
    if (item.code === 's' || item.code === 'p') {
      packChecked(layout, item, item.offset, values[next++]!, view, out);
      continue;
    }
    for (let k = 0; k < item.count; k++) packChecked(layout, item, item.offset + k * item.size, values[next++]!, view, out);
  }
  return out;
}

/** struct.unpack(format, buffer). */
export function unpack(format: string, data: Uint8Array): PyValue[] {
  const layout = parseFormat(format);
  if (data.length !== layout.size) throw new StructError(`unpack requires a buffer of ${layout.size} bytes`);
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  const little = layout.littleEndian;
  const values: PyValue[] = [];
  for (const item of layout.items) {
    const { code, size, offset } = item;
    if (code === 'x') continue;
    if (code === 's') {
      values.push({ t: 'bytes', v: data.slice(offset, offset + item.count) });
      continue;
    }
    if (code === 'p') {
      // CPython computes a length of -1 for '0p' and fails inside PyBytes; so does this.
      if (item.count === 0) throw new StructError('Negative size passed to PyBytes_FromStringAndSize', 'SystemError');
      const n = Math.min(data[offset]!, item.count - 1);
      values.push({ t: 'bytes', v: data.slice(offset + 1, offset + 1 + n) });
      continue;
    }
    for (let k = 0; k < item.count; k++) {
      const at = offset + k * size;
      if (INT_CODES.has(code)) values.push({ t: 'int', v: readInt(view, at, size, little, code === code.toLowerCase()) });
      else if (code === '?') values.push({ t: 'bool', v: view.getUint8(at) !== 0 });
      else if (code === 'c') values.push({ t: 'bytes', v: data.slice(at, at + 1) });
      else if (code === 'e') values.push({ t: 'float', v: unpackHalf(view.getUint16(at, little)) });
      else if (code === 'f') values.push({ t: 'float', v: view.getFloat32(at, little) });
      else values.push({ t: 'float', v: view.getFloat64(at, little) });
    }
  }
  return values;
}
