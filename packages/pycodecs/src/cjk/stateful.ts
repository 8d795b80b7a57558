// ISO-2022-JP, ISO-2022-KR and HZ: escape sequences switch character sets, so each decode or
// encode call carries its own state. The rules follow CPython's _codecs_iso2022.c and
// _codecs_cn.c (hz); the double-byte sets are the grids probed from CPython.
import { fromHex } from '@socket-lab/bytes';
import { ILL2, type DecodeStep, type EncodeStep, type MbDecoder, type MbEncoder, type Bytes, type StatefulTable } from './types.ts';

const ESC = 0x1b;
const SO = 0x0e;
const SI = 0x0f;
const LF = 0x0a;
const ASCII = 0x42; // 'B'
const DBCS = 0x80;
const JISX0208 = 0x42 | DBCS;
const JISX0208_O = 0x40 | DBCS;
const JISX0201_R = 0x4a; // 'J'
const KSX1001 = 0x43 | DBCS;

const isEscEnd = (c: number) => (c >= 0x41 && c <= 0x5a) || c === 0x40;
const isIso2022Esc = (c: number) => c === 0x28 || c === 0x29 || c === 0x24 || c === 0x2e || c === 0x26;

function gridChar(table: StatefulTable, a: number, b: number): string | null {
  if (a < 0x21 || a > 0x7e || b < 0x21 || b > 0x7e) return null;
  const u = table.grid.charCodeAt((a - 0x21) * 94 + (b - 0x21));
  return u === ILL2 ? null : String.fromCharCode(u);
}

/** Code point -> two 7-bit bytes in the grid, with the probed differences; 'raw:' entries are not in the grid. */
function gridEncoder(table: StatefulTable): (cp: number) => Bytes | null {
  const inv = new Map<number, Bytes>();
  for (let i = 0; i < table.grid.length; i++) {
    const u = table.grid.charCodeAt(i);
    if (u !== ILL2 && !inv.has(u)) inv.set(u, [0x21 + Math.floor(i / 94), 0x21 + (i % 94)]);
  }
  for (const [cp, code] of Object.entries(table.enc)) {
    if (code === null || code.startsWith('raw:')) inv.delete(parseInt(cp, 16));
    else inv.set(parseInt(cp, 16), fromHex(code));
  }
  return (cp) => inv.get(cp) ?? null;
}

export function iso2022Decoder(table: StatefulTable): MbDecoder {
  const jp = table.kind === 'iso2022_jp';
  const designations = jp ? [JISX0208, JISX0201_R, JISX0208_O] : [KSX1001];
  const g = [ASCII, ASCII, ASCII];
  let shifted = false;
  let escThroughout = false;
  const text = (s: string, len: number): DecodeStep => ({ text: s, len });

  function escape(data: Uint8Array, at: number): DecodeStep {
    const left = data.length - at;
    const byte = (k: number) => data[at + k]!;
    let i = 1;
    let esclen = 0;
    for (; i < 16; i++) {
      if (i >= left) return 'toofew';
      if (isEscEnd(byte(i))) {
        esclen = i + 1;
        break;
      } else if (jp && i + 1 < left && byte(i) === 0x26 && byte(i + 1) === 0x40) i += 2;
    }
    if (i >= 16) return { illegal: 1 }; // unterminated escape sequence
    let charset: number;
    let designation: number;
    if (esclen === 3) {
      if (byte(1) === 0x24) [charset, designation] = [byte(2) | DBCS, 0];
      else if (byte(1) === 0x28) [charset, designation] = [byte(2), 0];
      else if (byte(1) === 0x29) [charset, designation] = [byte(2), 1];
      else return { illegal: 3 };
    } else if (esclen === 4) {
      if (byte(1) !== 0x24) return { illegal: 4 };
      charset = byte(3) | DBCS;
      if (byte(2) === 0x28) designation = 0;
      else if (byte(2) === 0x29) designation = 1;
      else return { illegal: 4 };
    } else if (esclen === 6 && jp && byte(3) === ESC && byte(4) === 0x24 && byte(5) === 0x42) {
      [charset, designation] = [JISX0208, 0];
    } else return { illegal: esclen };
    if (charset !== ASCII && !designations.includes(charset)) return { illegal: esclen };
    g[designation] = charset;
    return text('', esclen);
  }

  return {
    step(data, at) {
      const c = data[at]!;
      if (escThroughout) {
        // After an ESC that starts no ISO-2022 sequence, bytes pass as Latin-1 up to a final byte.
        if (isEscEnd(c)) escThroughout = false;
        return text(String.fromCharCode(c), 1);
      }
      if (c === ESC) {
        if (at + 1 >= data.length) return 'toofew';
        if (isIso2022Esc(data[at + 1]!)) return escape(data, at);
        escThroughout = true;
        return text('\x1b', 1);
      }
      if ((c === SI || c === SO) && !jp) {
        shifted = c === SO;
        return text('', 1);
      }
      if (c === LF) {
        shifted = false;
        return text('\n', 1);
      }
      if (c < 0x20) return text(String.fromCharCode(c), 1);
      if (c >= 0x80) return { illegal: 1 };
      const charset = shifted ? g[1]! : g[0]!;
      if (charset === ASCII) return text(String.fromCharCode(c), 1);
      if (charset === JISX0201_R) return text(c === 0x5c ? '\u00a5' : c === 0x7e ? '\u203e' : String.fromCharCode(c), 1);
      if (at + 1 >= data.length) return 'toofew';
      const ch = gridChar(table, c, data[at + 1]!);
      return ch === null ? { illegal: 2 } : text(ch, 2);
    },
  };
}

export function iso2022Encoder(table: StatefulTable): () => MbEncoder {
  const jp = table.kind === 'iso2022_jp';
  const code = gridEncoder(table);
  return () => {
    let g0 = ASCII;
    let g1 = ASCII;
    let shifted = false;
    return {
      step(cps, at): EncodeStep {
        const c = cps[at]!;
        const out: number[] = [];
        if (c < 0x80) {
          if (g0 !== ASCII) out.push(ESC, 0x28, 0x42), (g0 = ASCII);
          if (shifted) out.push(SI), (shifted = false);
          out.push(c);
          return { bytes: out, len: 1 };
        }
        const dbcs = c < 0x10000 ? code(c) : null;
        if (jp) {
          const roman = c === 0xa5 ? 0x5c : c === 0x203e ? 0x7e : null;
          if (!dbcs && roman === null) return null;
          const mark = dbcs ? JISX0208 : JISX0201_R;
          if (g0 !== mark) out.push(...(dbcs ? [ESC, 0x24, 0x42] : [ESC, 0x28, 0x4a])), (g0 = mark);
          out.push(...(dbcs ?? [roman!]));
          return { bytes: out, len: 1 };
        }
        if (!dbcs) return null;
        if (g1 !== KSX1001) out.push(ESC, 0x24, 0x29, 0x43), (g1 = KSX1001);
        if (!shifted) out.push(SO), (shifted = true);
        out.push(...dbcs);
        return { bytes: out, len: 1 };
      },
      reset() {
        const out: number[] = [];
        if (shifted) out.push(SI), (shifted = false);
        if (g0 !== ASCII) out.push(ESC, 0x28, 0x42), (g0 = ASCII);
        return out;
      },
    };
  };
}

const TILDE = 0x7e;

export function hzDecoder(table: StatefulTable): MbDecoder {
  let gb = false;
  return {
    step(data, at) {
      const c = data[at]!;
      if (c === TILDE) {
        if (at + 1 >= data.length) return 'toofew';
        const c2 = data[at + 1]!;
        // '~~' and '~\n' mean something only in ASCII mode; in GB mode only '~}' is allowed.
        if (c2 === TILDE && !gb) return { text: '~', len: 2 };
        if (c2 === 0x7b && !gb) gb = true;
        else if (c2 === 0x7d && gb) gb = false;
        else if (c2 !== LF || gb) return { illegal: 1 };
        return { text: '', len: 2 };
      }
      if (c & 0x80) return { illegal: 1 };
      if (!gb) return { text: String.fromCharCode(c), len: 1 };
      if (at + 1 >= data.length) return 'toofew';
      const ch = gridChar(table, c, data[at + 1]!);
      return ch === null ? { illegal: 1 } : { text: ch, len: 2 };
    },
  };
}

export function hzEncoder(table: StatefulTable): () => MbEncoder {
  const code = gridEncoder(table);
  return () => {
    let gb = false;
    return {
      step(cps, at): EncodeStep {
        const c = cps[at]!;
        const out: number[] = [];
        if (c < 0x80) {
          if (gb) out.push(TILDE, 0x7d), (gb = false);
          out.push(c);
          if (c === TILDE) out.push(TILDE);
          return { bytes: out, len: 1 };
        }
        const dbcs = c < 0x10000 ? code(c) : null;
        if (!dbcs) return null;
        if (!gb) out.push(TILDE, 0x7b), (gb = true);
        out.push(...dbcs);
        return { bytes: out, len: 1 };
      },
      reset: () => (gb ? ((gb = false), [TILDE, 0x7d]) : []),
    };
  };
}
