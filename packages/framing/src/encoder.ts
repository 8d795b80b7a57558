// Builds seed 004 frames: [4-byte unsigned big-endian length][payload].

export const HEADER_BYTES = 4;
/** The largest length a 4-byte unsigned header can state. */
export const MAX_HEADER_VALUE = 0xffff_ffff;

/** `struct.pack('!I', len(payload)) + payload`. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  if (payload.length > MAX_HEADER_VALUE) throw new RangeError(`payload of ${payload.length} bytes does not fit a 4-byte length`);
  const out = new Uint8Array(HEADER_BYTES + payload.length);
  new DataView(out.buffer).setUint32(0, payload.length, false);
  out.set(payload, HEADER_BYTES);
  return out;
}

/**
 * A text message framed as the assignment says: UTF-8 bytes, length counted in bytes.
 * @example encodeText('Four score and seven years ago') // 00 00 00 1e 46 6f 75 72 …
 */
export function encodeText(text: string): Uint8Array {
  return encodeFrame(new TextEncoder().encode(text));
}

/** The length a header states read big-endian (`!I`), and what a little-endian (`<I`) reader gets. */
export function readHeader(header: Uint8Array): { length: number; littleEndian: number } {
  const view = new DataView(header.buffer, header.byteOffset, HEADER_BYTES);
  return { length: view.getUint32(0, false), littleEndian: view.getUint32(0, true) };
}
