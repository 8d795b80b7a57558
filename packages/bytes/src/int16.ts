// struct.pack('!h', n) and struct.unpack('!h', b) exactly as CPython does them, errors included.

/** Python's struct.error, with Python's message. */
export class StructError extends Error {
  override readonly name = 'struct.error';
}

export const INT16_MIN = -32768;
export const INT16_MAX = 32767;

/** `struct.pack('!h', value)`: two bytes, big-endian, signed. */
export function packInt16(value: number): Uint8Array {
  if (!Number.isInteger(value)) throw new StructError('required argument is not an integer');
  if (value < INT16_MIN || value > INT16_MAX) throw new StructError(`'h' format requires ${INT16_MIN} <= number <= ${INT16_MAX}`);
  const out = new Uint8Array(2);
  new DataView(out.buffer).setInt16(0, value, false);
  return out;
}

/** `struct.unpack('!h', data)[0]`. */
export function unpackInt16(data: Uint8Array): number {
  if (data.length !== 2) throw new StructError('unpack requires a buffer of 2 bytes');
  return new DataView(data.buffer, data.byteOffset, 2).getInt16(0, false);
}
