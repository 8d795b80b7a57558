// A value's bytes in memory order, big- and little-endian, and the socket module's htons/htonl.

/** Bytes of `value` (unsigned, `size` bytes) at addresses 0…size-1 in each byte order. */
export function memoryOrder(value: number, size: 2 | 4): { big: number[]; little: number[] } {
  const big: number[] = [];
  for (let k = size - 1; k >= 0; k--) big.push(Math.floor(value / 2 ** (8 * k)) & 0xff);
  return { big, little: [...big].reverse() };
}

/**
 * socket.htons / htonl on a little-endian host (as this one is): the bytes are swapped, so the
 * number read back differs. ntohs/ntohl are the same swap.
 * @example htonl(0x01020304) === 0x04030201
 */
export function htons(v: number): number {
  if (v < 0 || v > 0xffff) throw new RangeError('OverflowError: htons: Python int too large to convert to C 16-bit unsigned integer');
  return ((v & 0xff) << 8) | (v >> 8);
}

export function htonl(v: number): number {
  if (v < 0 || v > 0xffff_ffff) throw new RangeError('OverflowError: int larger than 32 bits');
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}
export const ntohs = htons;
export const ntohl = htonl;
