// str.encode / bytes.decode for UTF-8, ASCII, Latin-1 and the seed's single-byte encodings,
// with 'strict' and 'replace' behaving, and failing, exactly as CPython's codecs do.
import { decodeUtf8 } from '@socket-lab/framing';
import { cjkDecode, cjkEncode, cjkReady, CJK_CODECS, isCjk, loadCjk } from './cjk/multibyte.ts';
import { SINGLE_BYTE } from './codec-tables.ts';

export type Errors = 'strict' | 'replace';

/** Python's UnicodeEncodeError / UnicodeDecodeError, with Python's message. */
export class CodecError extends Error {
  constructor(
    readonly kind: 'UnicodeEncodeError' | 'UnicodeDecodeError',
    message: string,
  ) {
    super(message);
  }
}

export const CODECS: Array<{ name: string; label: string }> = [
  { name: 'utf-8', label: 'Unicode (UTF-8)' },
  { name: 'ascii', label: 'ASCII' },
  { name: 'latin-1', label: 'Western (ISO Latin 1)' },
  ...Object.entries(SINGLE_BYTE).map(([name, c]) => ({ name, label: c.label })),
  ...CJK_CODECS.map(({ name, label }) => ({ name, label })),
];

/** Makes a codec usable: the multi-byte ones load their table on first use; the rest are built in. */
export const loadCodec = (codec: string): Promise<void> => (isCjk(codec) ? loadCjk(codec) : Promise.resolve());

/** Whether encode/decode can run now (a multi-byte codec's table may still be loading). */
export const codecReady = (codec: string): boolean => !isCjk(codec) || cjkReady(codec);

/** How Python writes a character inside an error message: '\xe9', '\u20ac', '\U0001f600'. */
function escaped(cp: number): string {
  if (cp < 0x100) return `'\\x${cp.toString(16).padStart(2, '0')}'`;
  if (cp < 0x10000) return `'\\u${cp.toString(16).padStart(4, '0')}'`;
  return `'\\U${cp.toString(16).padStart(8, '0')}'`;
}

/** Python's str as code points; a lone surrogate stays one code point, as in Python. */
function codePoints(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) out.push(ch.codePointAt(0)!);
  return out;
}

const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;

/** The encoder of a codec: a byte for a code point, or null where it has none. */
function encoderFor(codec: string): { py: string; reason: string; byte?(cp: number): number | null } {
  if (codec === 'ascii') return { py: 'ascii', reason: 'ordinal not in range(128)', byte: (cp) => (cp < 128 ? cp : null) };
  if (codec === 'latin-1') return { py: 'latin-1', reason: 'ordinal not in range(256)', byte: (cp) => (cp < 256 ? cp : null) };
  const table = SINGLE_BYTE[codec]?.table;
  if (!table) throw new Error(`LookupError: unknown encoding: ${codec}`);
  const reverse = new Map<number, number>();
  table.forEach((cp, b) => cp >= 0 && !reverse.has(cp) && reverse.set(cp, b));
  return { py: 'charmap', reason: 'character maps to <undefined>', byte: (cp) => reverse.get(cp) ?? null };
}

/**
 * `text.encode(codec, errors)`. A run of unencodable characters is one error, as in CPython.
 * @example toHex(encode('é', 'utf-8')) === 'c3a9'
 */
export function encode(text: string, codec: string, errors: Errors = 'strict'): Uint8Array {
  const cps = codePoints(text);
  if (isCjk(codec)) {
    return cjkEncode(codec, cps, errors === 'replace', (i) => {
      throw new CodecError('UnicodeEncodeError', `'${codec}' codec can't encode character ${escaped(cps[i]!)} in position ${i}: illegal multibyte sequence`);
    });
  }
  if (codec === 'utf-8') {
    const bad = (i: number) => isSurrogate(cps[i]!);
    return run(cps, bad, 'utf-8', 'surrogates not allowed', errors, (cp) => Array.from(new TextEncoder().encode(String.fromCodePoint(cp))));
  }
  const enc = encoderFor(codec);
  return run(cps, (i) => enc.byte!(cps[i]!) === null, enc.py, enc.reason, errors, (cp) => [enc.byte!(cp)!]);
}

function run(cps: number[], bad: (i: number) => boolean, py: string, reason: string, errors: Errors, bytesOf: (cp: number) => number[]): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < cps.length; i++) {
    if (!bad(i)) {
      out.push(...bytesOf(cps[i]!));
      continue;
    }
    let end = i + 1;
    while (end < cps.length && bad(end)) end++;
    if (errors === 'strict') {
      const what = end - i === 1 ? `character ${escaped(cps[i]!)} in position ${i}` : `characters in position ${i}-${end - 1}`;
      throw new CodecError('UnicodeEncodeError', `'${py}' codec can't encode ${what}: ${reason}`);
    }
    for (let k = i; k < end; k++) out.push(0x3f);
    i = end - 1;
  }
  return Uint8Array.from(out);
}

/** `data.decode(codec, errors)`; 'replace' puts U+FFFD where CPython does. */
export function decode(data: Uint8Array, codec: string, errors: Errors = 'strict'): string {
  if (codec === 'utf-8') return decodeUtf8Python(data, errors);
  if (isCjk(codec)) {
    return cjkDecode(codec, data, errors === 'replace', (kind, message) => {
      throw new CodecError(kind, message);
    });
  }
  let out = '';
  const table = codec === 'ascii' || codec === 'latin-1' ? null : SINGLE_BYTE[codec]?.table;
  if (codec !== 'ascii' && codec !== 'latin-1' && !table) throw new Error(`LookupError: unknown encoding: ${codec}`);
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    const cp = codec === 'latin-1' ? b : codec === 'ascii' ? (b < 128 ? b : -1) : table![b]!;
    if (cp >= 0) {
      out += String.fromCodePoint(cp);
      continue;
    }
    if (errors === 'replace') {
      out += '\ufffd';
      continue;
    }
    const [py, reason] = codec === 'ascii' ? ['ascii', 'ordinal not in range(128)'] : ['charmap', 'character maps to <undefined>'];
    throw new CodecError('UnicodeDecodeError', `'${py}' codec can't decode byte 0x${b.toString(16).padStart(2, '0')} in position ${i}: ${reason}`);
  }
  return out;
}

/** UTF-8 with CPython's error spans: 'replace' puts one U+FFFD per maximal bad subsequence. */
function decodeUtf8Python(data: Uint8Array, errors: Errors): string {
  let out = '';
  let at = 0;
  for (;;) {
    const r = decodeUtf8(data.subarray(at));
    if (r.ok) return out + r.text;
    const start = at + r.offset;
    const end = at + r.end;
    if (errors === 'strict') {
      const what = end - start === 1 ? `byte 0x${r.byte.toString(16).padStart(2, '0')} in position ${start}` : `bytes in position ${start}-${end - 1}`;
      throw new CodecError('UnicodeDecodeError', `'utf-8' codec can't decode ${what}: ${r.reason}`);
    }
    const good = decodeUtf8(data.subarray(at, start));
    out += (good.ok ? good.text : '') + '\ufffd';
    at = end;
  }
}
