// Hex text <-> bytes, in the one spelling the wire uses: lowercase, no separators.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Bytes as lowercase hex with no spaces. @example toHex(new Uint8Array([0, 30])) === '001e' */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

/**
 * Parses hex text into bytes. Whitespace is ignored so that pasted dumps (`00 00 00 1e`) work;
 * anything else that is not a hex digit, or an odd digit count, is an error naming the place.
 */
export function fromHex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  const bad = digits.search(/[^0-9a-fA-F]/);
  if (bad >= 0) throw new Error(`not a hex digit: '${digits[bad]}' at digit ${bad}`);
  if (digits.length % 2 !== 0) throw new Error(`odd number of hex digits (${digits.length})`);
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}
