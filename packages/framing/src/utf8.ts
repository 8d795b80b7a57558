// Strict UTF-8 decoding that fails the way CPython's bytes.decode('utf-8') does, position included.

export type Utf8Result =
  | { ok: true; text: string }
  | {
      ok: false;
      /** First byte of the bad sequence. */
      offset: number;
      /** One past its last byte, as CPython's UnicodeDecodeError.end. */
      end: number;
      byte: number;
      reason: 'invalid start byte' | 'invalid continuation byte' | 'unexpected end of data';
    };

/**
 * Decodes UTF-8, or names the first bad byte as Python does:
 * `'utf-8' codec can't decode byte 0xff in position 3: invalid start byte`.
 */
export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // no overlong 3-byte forms
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // no overlong 4-byte forms
      if (b === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return { ok: false, offset: i, end: i + 1, byte: b, reason: 'invalid start byte' };
    for (let k = 1; k <= need; k++) {
      // CPython's error spans the start byte and the valid continuation bytes before the fault.
      if (i + k >= bytes.length) return { ok: false, offset: i, end: bytes.length, byte: b, reason: 'unexpected end of data' };
      const c = bytes[i + k]!;
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c < min || c > max) return { ok: false, offset: i, end: i + k, byte: b, reason: 'invalid continuation byte' };
    }
    i += need + 1;
  }
  return { ok: true, text: new TextDecoder('utf-8').decode(bytes) };
}

/** Python's message for a failed decode, word for word. */
export function describeUtf8Error(e: Extract<Utf8Result, { ok: false }>): string {
  return e.end - e.offset === 1
    ? `'utf-8' codec can't decode byte 0x${e.byte.toString(16).padStart(2, '0')} in position ${e.offset}: ${e.reason}`
    : `'utf-8' codec can't decode bytes in position ${e.offset}-${e.end - 1}: ${e.reason}`;
}
