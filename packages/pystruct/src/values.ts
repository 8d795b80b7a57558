// Python values as struct sees them, the literals that spell them, and repr() to print them.
import { pythonBytesRepr, pythonStrRepr } from '@socket-lab/bytes';

export type PyValue =
  | { t: 'int'; v: bigint }
  | { t: 'bool'; v: boolean }
  | { t: 'float'; v: number }
  | { t: 'bytes'; v: Uint8Array }
  | { t: 'str'; v: string };

export const int = (v: number | bigint): PyValue => ({ t: 'int', v: BigInt(v) });
export const float = (v: number): PyValue => ({ t: 'float', v });
export const bool = (v: boolean): PyValue => ({ t: 'bool', v });
export const bytes = (v: Uint8Array | string): PyValue => ({ t: 'bytes', v: typeof v === 'string' ? new TextEncoder().encode(v) : v });

/** Python's repr(float): the shortest round-trip digits, fixed for 1e-4 <= |x| < 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expStr] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expStr);
  let s: string;
  if (exp >= -4 && exp < 16) {
    if (exp >= 0) {
      const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      s = `${whole}.${digits.slice(exp + 1) || '0'}`;
    } else {
      s = `0.${'0'.repeat(-exp - 1)}${digits}`;
    }
  } else {
    s = `${digits[0]}${digits.length > 1 ? '.' + digits.slice(1) : ''}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return x < 0 ? `-${s}` : s;
}

export function pyRepr(v: PyValue): string {
  switch (v.t) {
    case 'int':
      return v.v.toString();
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'float':
      return pyFloatRepr(v.v);
    case 'bytes':
      return pythonBytesRepr(v.v);
    case 'str':
      return pythonStrRepr(v.v);
  }
}

/** The tuple unpack() returns, as Python prints it: `(1, 2)`, `(1,)`, `()`. */
export function pyTupleRepr(values: PyValue[]): string {
  if (values.length === 1) return `(${pyRepr(values[0]!)},)`;
  return `(${values.map(pyRepr).join(', ')})`;
}

/**
 * Parses one Python literal: ints (`-2`, `0x1f`, `1_000`), floats (`0.5`, `1e3`), `True`, `False`,
 * bytes (`b'abc'`, `b'\x00'`) and str (`'abc'`). Throws with a sentence for anything else.
 * @example parseLiteral("b'\\x00\\x01'") // { t: 'bytes', v: Uint8Array [0, 1] }
 */
export function parseLiteral(text: string): PyValue {
  const s = text.trim();
  if (s === 'True') return bool(true);
  if (s === 'False') return bool(false);
  const intMatch = /^([+-]?)(0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*|0[oO][0-7](?:_?[0-7])*|0[bB][01](?:_?[01])*|0+(?:_?0)*|[1-9](?:_?\d)*)$/.exec(s);
  if (intMatch) {
    const body = intMatch[2]!.replace(/_/g, '');
    const v = /^0[oO]/.test(body) ? BigInt('0o' + body.slice(2)) : BigInt(body);
    return int(intMatch[1] === '-' ? -v : v);
  }
  if (/^[+-]?(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?$/.test(s) && /[.eE]/.test(s)) {
    return float(Number(s.replace(/_/g, '')));
  }
  const quoted = /^([bB]?)(['"])(.*)\2$/s.exec(s);
  if (quoted) {
    const raw = unescape(quoted[3]!, quoted[2]!, quoted[1] !== '', text);
    return quoted[1] ? { t: 'bytes', v: Uint8Array.from(raw) } : { t: 'str', v: String.fromCodePoint(...raw) };
  }
  throw new Error(`not a Python literal: ${text} (use 1, -2, 0.5, True, b'abc' …)`);
}

function unescape(body: string, quote: string, isBytes: boolean, original: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === quote) throw new Error(`not a Python literal: ${original} (unescaped quote)`);
    if (ch !== '\\') {
      const cp = body.codePointAt(i)!;
      if (isBytes && cp > 0x7f) throw new Error(`not a Python literal: ${original} (bytes can only contain ASCII literal characters)`);
      out.push(cp);
      if (cp > 0xffff) i++;
      continue;
    }
    const n = body[++i];
    const simple: Record<string, number> = { '\\': 92, "'": 39, '"': 34, n: 10, r: 13, t: 9, a: 7, b: 8, f: 12, v: 11, '0': 0 };
    if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 1, i + 3))) {
      out.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (n !== undefined && /[0-7]/.test(n) && /^[0-7]{1,3}/.test(body.slice(i))) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      out.push(parseInt(oct, 8) & 0xff);
      i += oct.length - 1;
    } else if (n !== undefined && n in simple) {
      out.push(simple[n]!);
    } else {
      out.push(92);
      if (n !== undefined) i--;
    }
  }
  return out;
}
