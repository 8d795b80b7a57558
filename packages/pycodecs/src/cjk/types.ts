// The shape of the tables scripts/gen-cjk-tables.py probes out of CPython, and the two halves of a
// multi-byte codec as CPython's multibytecodec drives them.

/** Sentinels in the table strings: noncharacters, which no codec decodes to (the generator checks). */
export const ILL1 = 0xfdd0;
export const ILL2 = 0xfdd1;
export const ILL3 = 0xfdd2;
export const LEAD = 0xfdd3;
export const MULTI = 0xfdd4;
export const DEEPER = 0xfdd5;
export const GB4 = 0xfdd6;

interface Common {
  /** Code point (hex) -> bytes (hex) where the encoder differs from the first sequence decoding to it; null: unencodable. */
  enc: Record<string, string | null>;
}

export interface StatelessTable extends Common {
  kind: 'stateless';
  /** 256 units: a BMP character, or a sentinel. */
  single: string;
  /** Lead byte (hex) -> 256 units for the second byte. */
  leads: Record<string, string>;
  /** Two bytes (hex) -> 256 units for the third (EUC-JP's JIS X 0212 plane). */
  deep: Record<string, string>;
  /** Bytes (hex) -> text, where it is not one BMP character. */
  multi: Record<string, string>;
  /** "cp cp" (hex) -> bytes (hex): two characters one code stands for (Big5-HKSCS, JIS X 0213). */
  pairs: Record<string, string>;
  /** GB 18030 four-byte runs: [linear index, first code point]. */
  gb4?: Array<[number, number]>;
}

export interface StatefulTable extends Common {
  kind: 'iso2022_jp' | 'iso2022_kr' | 'hz';
  /** The 94x94 double-byte set (JIS X 0208, KS X 1001 or GB 2312), rows 0x21.. and cells 0x21..; ILL2 where empty. */
  grid: string;
}

export type CjkTable = StatelessTable | StatefulTable;

/** One call of a codec's decoder at a position: text and bytes used, an illegal run, or "need more bytes". */
export type DecodeStep = { text: string; len: number } | { illegal: number } | 'toofew';

export interface MbDecoder {
  step(data: Uint8Array, at: number): DecodeStep;
}

/** Encoded bytes: a table entry (Uint8Array) or bytes built on the spot. */
export type Bytes = Uint8Array | readonly number[];

/** One call of the encoder: the bytes for one or two code points, or null where CPython says "illegal multibyte sequence". */
export type EncodeStep = { bytes: Bytes; len: number } | null;

export interface MbEncoder {
  step(cps: readonly number[], at: number): EncodeStep;
  /** Bytes that return a stateful encoding to its initial state at the end. */
  reset(): number[];
}

export const hex2 = (b: number) => b.toString(16).padStart(2, '0');
