// Stateless multi-byte codecs (Shift JIS, EUC-JP, Big5, CP949, GB 2312, GB 18030 …) driven by the
// probed tables: a byte's fate depends only on the bytes from it onward, as in CPython's decoders.
import { fromHex } from '@socket-lab/bytes';
import { DEEPER, GB4, hex2, ILL1, ILL2, ILL3, LEAD, MULTI, type DecodeStep, type EncodeStep, type MbDecoder, type MbEncoder, type Bytes, type StatelessTable } from './types.ts';

function unit(table: StatelessTable, u: number, seq: () => string, len: number): DecodeStep {
  if (u === ILL1) return { illegal: 1 };
  if (u === ILL2) return { illegal: 2 };
  if (u === ILL3) return { illegal: 3 };
  if (u === MULTI) return { text: table.multi[seq()]!, len };
  return { text: String.fromCharCode(u), len };
}

const GB4_BMP = 39420;

function gb4Decode(runs: Array<[number, number]>, data: Uint8Array, at: number): DecodeStep {
  if (at + 3 >= data.length) return 'toofew';
  const [c1, c2, c3, c4] = [data[at]!, data[at + 1]!, data[at + 2]!, data[at + 3]!];
  if (c1 < 0x81 || c3 < 0x81 || c3 > 0xfe || c4 < 0x30 || c4 > 0x39) return { illegal: 1 };
  const index = ((c1 - 0x81) * 10 + (c2 - 0x30)) * 1260 + (c3 - 0x81) * 10 + (c4 - 0x30);
  if (index < GB4_BMP) {
    let r = 0;
    while (r + 1 < runs.length && runs[r + 1]![0] <= index) r++;
    return { text: String.fromCharCode(runs[r]![1] + index - runs[r]![0]), len: 4 };
  }
  // Supplementary planes start at 90 30 81 30, linearly.
  const cp = 0x10000 + index - 15 * 12600;
  if (c1 >= 0x90 && cp <= 0x10ffff) return { text: String.fromCodePoint(cp), len: 4 };
  return { illegal: 1 };
}

function gb4Encode(runs: Array<[number, number]>, cp: number): number[] | null {
  let index: number;
  if (cp >= 0x10000) index = cp - 0x10000 + 15 * 12600;
  else {
    let r = runs.length - 1;
    while (r >= 0 && runs[r]![1] > cp) r--;
    if (r < 0) return null;
    const end = r + 1 < runs.length ? runs[r + 1]![0] : GB4_BMP;
    index = runs[r]![0] + cp - runs[r]![1];
    if (index >= end) return null;
  }
  return [Math.floor(index / 12600) + 0x81, (Math.floor(index / 1260) % 10) + 0x30, (Math.floor(index / 10) % 126) + 0x81, (index % 10) + 0x30];
}

export function statelessDecoder(table: StatelessTable): MbDecoder {
  const leadRows = new Map<number, string>(Object.entries(table.leads).map(([k, v]) => [parseInt(k, 16), v]));
  return {
    step(data, at) {
      const b = data[at]!;
      const u = table.single.charCodeAt(b);
      if (u !== LEAD) return unit(table, u, () => hex2(b), 1);
      if (at + 1 >= data.length) return 'toofew';
      const b2 = data[at + 1]!;
      const u2 = leadRows.get(b)!.charCodeAt(b2);
      if (u2 === GB4) return gb4Decode(table.gb4!, data, at);
      if (u2 !== DEEPER) return unit(table, u2, () => hex2(b) + hex2(b2), 2);
      if (at + 2 >= data.length) return 'toofew';
      const b3 = data[at + 2]!;
      return unit(table, table.deep[hex2(b) + hex2(b2)]!.charCodeAt(b3), () => hex2(b) + hex2(b2) + hex2(b3), 3);
    },
  };
}

/** Code point -> bytes: the first sequence (in byte order) that decodes to it, then the probed differences. */
function inverse(table: StatelessTable): Map<number, Bytes> {
  const inv = new Map<number, Bytes>();
  const visit = (seq: number[], u: number) => {
    if (u === ILL1 || u === ILL2 || u === ILL3 || u === LEAD || u === DEEPER || u === GB4) return;
    const text = u === MULTI ? table.multi[seq.map(hex2).join('')]! : String.fromCharCode(u);
    const cps = Array.from(text, (c) => c.codePointAt(0)!);
    if (cps.length === 1 && !inv.has(cps[0]!)) inv.set(cps[0]!, seq);
  };
  for (let b = 0; b < 256; b++) visit([b], table.single.charCodeAt(b));
  for (const lead of Object.keys(table.leads).sort()) {
    const row = table.leads[lead]!;
    const b = parseInt(lead, 16);
    for (let b2 = 0; b2 < 256; b2++) {
      const u = row.charCodeAt(b2);
      visit([b, b2], u);
      if (u !== DEEPER) continue;
      const sub = table.deep[lead + hex2(b2)]!;
      for (let b3 = 0; b3 < 256; b3++) visit([b, b2, b3], sub.charCodeAt(b3));
    }
  }
  for (const [cp, bytes] of Object.entries(table.enc)) {
    if (bytes === null) inv.delete(parseInt(cp, 16));
    else inv.set(parseInt(cp, 16), fromHex(bytes));
  }
  return inv;
}

export function statelessEncoder(table: StatelessTable): () => MbEncoder {
  const inv = inverse(table);
  const pairs = new Map(Object.entries(table.pairs).map(([k, v]) => [k, fromHex(v)]));
  const excluded = new Set(Object.entries(table.enc).filter(([, v]) => v === null).map(([k]) => parseInt(k, 16)));
  return () => ({
    step(cps, at): EncodeStep {
      const cp = cps[at]!;
      if (at + 1 < cps.length) {
        const pair = pairs.get(`${cp.toString(16)} ${cps[at + 1]!.toString(16)}`);
        if (pair) return { bytes: pair, len: 2 };
      }
      const bytes: Bytes | null = inv.get(cp) ?? (table.gb4 && !excluded.has(cp) ? gb4Encode(table.gb4, cp) : null);
      return bytes ? { bytes, len: 1 } : null;
    },
    reset: () => [],
  });
}
