// CPython's multibytecodec driver over the CJK codecs: errors are "illegal multibyte sequence" for
// the bytes the codec rejects and "incomplete multibyte sequence" for all the bytes left when it
// needs more; 'replace' puts one U+FFFD per error (decode) or encodes '?' in the current state.
// Tables load on first use (one chunk each), so the page pays only for the codecs a student picks.
import { hzDecoder, hzEncoder, iso2022Decoder, iso2022Encoder } from './stateful.ts';
import { statelessDecoder, statelessEncoder } from './stateless.ts';
import type { CjkTable, MbDecoder, MbEncoder } from './types.ts';

type Json = Promise<{ default: unknown }>;

/** The seed's multi-byte encodings, by Python codec name. */
export const CJK_CODECS: Array<{ name: string; label: string; load: () => Json }> = [
  { name: 'shift_jis', label: 'Japanese (Shift JIS)', load: () => import('./tables/shift_jis.json') },
  { name: 'iso2022_jp', label: 'Japanese (ISO 2022-JP)', load: () => import('./tables/iso2022_jp.json') },
  { name: 'euc_jp', label: 'Japanese (EUC)', load: () => import('./tables/euc_jp.json') },
  { name: 'shift_jisx0213', label: 'Japanese (Shift JIS X0213)', load: () => import('./tables/shift_jisx0213.json') },
  { name: 'big5', label: 'Traditional Chinese (Big 5)', load: () => import('./tables/big5.json') },
  { name: 'big5hkscs', label: 'Traditional Chinese (Big 5 HKSCS)', load: () => import('./tables/big5hkscs.json') },
  { name: 'cp950', label: 'Traditional Chinese (Windows, DOS)', load: () => import('./tables/cp950.json') },
  { name: 'iso2022_kr', label: 'Korean (ISO 2022-KR)', load: () => import('./tables/iso2022_kr.json') },
  { name: 'cp949', label: 'Korean (Windows, DOS)', load: () => import('./tables/cp949.json') },
  { name: 'gb2312', label: 'Simplified Chinese (GB 2312)', load: () => import('./tables/gb2312.json') },
  { name: 'hz', label: 'Simplified Chinese (HZ GB 2312)', load: () => import('./tables/hz.json') },
  { name: 'gb18030', label: 'Chinese (GB 18030)', load: () => import('./tables/gb18030.json') },
];

interface Codec {
  decoder(): MbDecoder;
  encoder(): MbEncoder;
}

const ready = new Map<string, Codec>();

function build(table: CjkTable): Codec {
  switch (table.kind) {
    case 'stateless': {
      const encoder = statelessEncoder(table);
      const decoder = statelessDecoder(table);
      return { decoder: () => decoder, encoder };
    }
    case 'iso2022_jp':
    case 'iso2022_kr': {
      const encoder = iso2022Encoder(table);
      return { decoder: () => iso2022Decoder(table), encoder };
    }
    case 'hz': {
      const encoder = hzEncoder(table);
      return { decoder: () => hzDecoder(table), encoder };
    }
  }
}

export const isCjk = (name: string) => CJK_CODECS.some((c) => c.name === name);
export const cjkReady = (name: string) => ready.has(name);

/** Fetches and indexes a codec's table; later encode/decode calls are synchronous. */
export async function loadCjk(name: string): Promise<void> {
  if (ready.has(name)) return;
  const entry = CJK_CODECS.find((c) => c.name === name);
  if (!entry) throw new Error(`LookupError: unknown encoding: ${name}`);
  const table = (await entry.load()).default as CjkTable;
  ready.set(name, build(table));
}

function codec(name: string): Codec {
  const c = ready.get(name);
  if (!c) throw new Error(`the ${name} table is not loaded yet`);
  return c;
}

export type Fail = (kind: 'UnicodeEncodeError' | 'UnicodeDecodeError', message: string) => never;

export function cjkDecode(name: string, data: Uint8Array, replace: boolean, fail: Fail): string {
  const dec = codec(name).decoder();
  let out = '';
  for (let i = 0; i < data.length; ) {
    const r = dec.step(data, i);
    if (typeof r === 'object' && 'text' in r) {
      out += r.text;
      i += r.len;
      continue;
    }
    const size = r === 'toofew' ? data.length - i : r.illegal;
    if (!replace) {
      const what = size === 1 ? `byte 0x${data[i]!.toString(16).padStart(2, '0')} in position ${i}` : `bytes in position ${i}-${i + size - 1}`;
      fail('UnicodeDecodeError', `'${name}' codec can't decode ${what}: ${r === 'toofew' ? 'incomplete' : 'illegal'} multibyte sequence`);
    }
    out += '\ufffd';
    i += size;
  }
  return out;
}

export function cjkEncode(name: string, cps: readonly number[], replace: boolean, fail: (i: number) => never): Uint8Array {
  const enc = codec(name).encoder();
  const out: number[] = [];
  for (let i = 0; i < cps.length; ) {
    const r = enc.step(cps, i);
    if (r) {
      out.push(...r.bytes);
      i += r.len;
      continue;
    }
    if (!replace) fail(i);
    out.push(...enc.step([0x3f], 0)!.bytes);
    i += 1;
  }
  out.push(...enc.reset());
  return Uint8Array.from(out);
}
