// CPython is the oracle: thousands of random formats and values, packed, unpacked and sized here
// and in python3, must agree byte for byte and error for error.
import { execFileSync } from 'node:child_process';
import { toHex } from '@socket-lab/bytes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calcsize, pack, StructError, unpack } from './index.ts';
import { parseLiteral, pyFloatRepr, pyTupleRepr } from './values.ts';

const CODES = 'xcbB?hHiIlLqQnNefdspP';

const itemArb = fc.record({ count: fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 3 }).map(String)), code: fc.constantFrom(...CODES) });
const formatArb = fc
  .tuple(fc.constantFrom('', '@', '=', '<', '>', '!'), fc.array(itemArb, { minLength: 1, maxLength: 4 }))
  .map(([order, items]) => order + items.map((i) => i.count + i.code).join(''));

/** Literal values of every kind, edges of each integer size included. */
const edges = [0n, 1n, -1n, 127n, 128n, -128n, -129n, 255n, 256n, 32767n, 32768n, -32768n, -32769n, 65535n, 65536n, 2n ** 31n, -(2n ** 31n) - 1n, 2n ** 32n, 2n ** 63n - 1n, 2n ** 63n, -(2n ** 63n), -(2n ** 63n) - 1n, 2n ** 64n - 1n, 2n ** 64n];
const literalArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...edges).map(String) },
  { weight: 3, arbitrary: fc.bigInt({ min: -(2n ** 65n), max: 2n ** 65n }).map(String) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(pyFloatRepr) },
  { weight: 1, arbitrary: fc.constantFrom('True', 'False', '0.5', '65519.0', '65520.0', '1e39', '3.4028235e38', '1e-8', '5.960464477539063e-08') },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 5 }).map((b) => `b'${Array.from(b, (x) => '\\x' + x.toString(16).padStart(2, '0')).join('')}'`) },
  { weight: 1, arbitrary: fc.constantFrom("'a'", "b'a'", "b''") },
);

function python(script: string, input: string): string[] {
  return execFileSync('python3', ['-c', script], { input, maxBuffer: 64 * 1024 * 1024 }).toString().replace(/\n$/, '').split('\n');
}

const outcome = (f: () => string) => {
  try {
    return f();
  } catch (e) {
    if (e instanceof StructError) return `${e.kind === 'struct.error' ? 'error' : e.kind}: ${e.message}`;
    throw e;
  }
};

describe('struct against CPython', () => {
  it('calcsize and pack agree for random formats and values', () => {
    const cases = fc.sample(fc.tuple(formatArb, fc.array(literalArb, { maxLength: 6 })), 3000);
    // Regression: a last line ending in a space ('0 | ' for empty bytes) must survive intact.
    cases.push(['!0s', ["b''"]]);
    const script = [
      'import ast, json, struct, sys',
      'for line in sys.stdin:',
      '    fmt, vals = json.loads(line)',
      '    try: size = str(struct.calcsize(fmt))',
      "    except Exception as e: size = f'{type(e).__name__}: {e}'",
      '    try: out = struct.pack(fmt, *[ast.literal_eval(v) for v in vals]).hex()',
      "    except Exception as e: out = f'{type(e).__name__}: {e}'",
      "    print(size + ' | ' + out)",
    ].join('\n');
    const expected = python(script, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
    const ours = cases.map(([fmt, vals]) => `${outcome(() => String(calcsize(fmt)))} | ${outcome(() => toHex(pack(fmt, vals.map(parseLiteral))))}`);
    const mismatches = cases.map((c, i) => ({ c, ours: ours[i], python: expected[i] })).filter((m) => m.ours !== m.python);
    expect(mismatches.slice(0, 5), JSON.stringify(mismatches.slice(0, 5))).toEqual([]);
  });

  it('unpack agrees for random formats and buffers, the wrong length included', () => {
    const cases = fc.sample(
      formatArb.chain((fmt) => {
        let size = 0;
        try {
          size = calcsize(fmt);
        } catch {
          size = 0;
        }
        return fc.tuple(fc.constant(fmt), fc.uint8Array({ minLength: size, maxLength: size + (size % 3 === 0 ? 1 : 0) }).map(toHex));
      }),
      2000,
    );
    const script = [
      'import json, struct, sys',
      'for line in sys.stdin:',
      '    fmt, h = json.loads(line)',
      '    try: print(repr(struct.unpack(fmt, bytes.fromhex(h))))',
      "    except Exception as e: print(f'{type(e).__name__}: {e}')",
    ].join('\n');
    const expected = python(script, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
    const ours = cases.map(([fmt, h]) => outcome(() => pyTupleRepr(unpack(fmt, Uint8Array.from(Buffer.from(h, 'hex'))))));
    const mismatches = cases.map((c, i) => ({ c, ours: ours[i], python: expected[i] })).filter((m) => m.ours !== m.python);
    expect(mismatches.slice(0, 5), JSON.stringify(mismatches.slice(0, 5))).toEqual([]);
  });
});
