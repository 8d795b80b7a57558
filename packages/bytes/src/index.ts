// Pure byte logic shared by the page and the bridge: no I/O, no Node APIs.
export { toHex, fromHex } from './hex.ts';
export { hexdumpRows, formatHexdump } from './hexdump.ts';
export type { HexdumpRow } from './hexdump.ts';
export { pythonBytesRepr, pythonStrRepr } from './python-bytes.ts';
export { packInt16, unpackInt16, StructError, INT16_MIN, INT16_MAX } from './int16.ts';
export { registerBits, readings, fits, applyOp, invert, testBit, setBit, clearBit, bitsFor, packCommand, unpackCommand, DIRECTIONS } from './bits.ts';
export type { Width, BitOp } from './bits.ts';
export { memoryOrder, htons, htonl, ntohs, ntohl } from './byte-order.ts';
export { zlibCompress, zlibDecompress } from './zlib.ts';
