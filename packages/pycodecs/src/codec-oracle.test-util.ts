// Shared by the codec tests: ask python3 the same questions, one JSON case per line.
import { execFileSync } from 'node:child_process';
import { CodecError, decode, encode, type Errors } from './codecs.ts';

export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const ENCODE = [
  'import json, sys',
  'for line in sys.stdin:',
  '    text, codec, errors = json.loads(line)',
  '    try: print(text.encode(codec, errors).hex())',
  "    except UnicodeEncodeError as e: print(f'UnicodeEncodeError: {e}')",
].join('\n');
const DECODE = [
  'import json, sys',
  'for line in sys.stdin:',
  '    h, codec, errors = json.loads(line)',
  "    try: print(' '.join(str(ord(c)) for c in bytes.fromhex(h).decode(codec, errors)))",
  "    except UnicodeDecodeError as e: print(f'UnicodeDecodeError: {e}')",
].join('\n');

/** What a call printed: the result, or Python's exception line. */
export function outcome(f: () => string): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof CodecError) return `${e.kind}: ${e.message}`;
    throw e;
  }
}

function python(script: string, cases: unknown[]): string[] {
  const input = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
  return execFileSync('python3', ['-c', script], { input, maxBuffer: 64 * 1024 * 1024 }).toString().replace(/\n$/, '').split('\n');
}

type Case = [string, string, Errors];

/** [text, codec, errors] cases where our encode differs from CPython's (bytes or error text). */
export function encodeMismatches(cases: Case[]) {
  const expected = python(ENCODE, cases);
  return cases.map((c, i) => ({ c, ours: outcome(() => hex(encode(...c))), python: expected[i] })).filter((m) => m.ours !== m.python);
}

/** [hex, codec, errors] cases where our decode differs from CPython's (code points or error text). */
export function decodeMismatches(cases: Case[]) {
  const expected = python(DECODE, cases);
  const cps = (s: string) => Array.from(s, (c) => c.codePointAt(0)!).join(' ');
  return cases
    .map(([h, c, e], i) => ({ c: [h, c, e], ours: outcome(() => cps(decode(Uint8Array.from(Buffer.from(h, 'hex')), c, e))), python: expected[i] }))
    .filter((m) => m.ours !== m.python);
}
