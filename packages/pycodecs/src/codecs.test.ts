// CPython is the oracle: random text through every codec, encode and decode, strict and replace.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodecError, CODECS, decode, encode, type Errors } from './codecs.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const cps = (s: string) => Array.from(s, (c) => c.codePointAt(0)!).join(' ');
const outcome = (f: () => string) => {
  try {
    return f();
  } catch (e) {
    if (e instanceof CodecError) return `${e.kind}: ${e.message}`;
    throw e;
  }
};

// Characters from the scripts the seed's encodings cover, plus ones most cannot encode.
const POOL = [...'Hello é€ßÆøабвгдеёЖЯїєґαβγΩאבגابتşğİčřžąęłőűต่ặ✓😀', '\u0081', '\u00a0', '\ud800'];
const textArb = fc.array(fc.constantFrom(...POOL), { maxLength: 8 }).map((a) => a.join(''));

function python(script: string, input: string): string[] {
  return execFileSync('python3', ['-c', script], { input, maxBuffer: 16 * 1024 * 1024 }).toString().replace(/\n$/, '').split('\n');
}

describe('codecs against CPython', () => {
  it("has the seed's example: 'é' is c3 a9 in UTF-8, and 'Ã©' when read as Windows-1252", () => {
    expect(hex(encode('é', 'utf-8'))).toBe('c3a9');
    expect(decode(encode('é', 'utf-8'), 'cp1252')).toBe('Ã©');
  });

  it('encodes random text identically, errors included', () => {
    const cases = fc.sample(fc.tuple(textArb, fc.constantFrom(...CODECS.map((c) => c.name)), fc.constantFrom<Errors>('strict', 'replace')), 1500);
    cases.push(['€€ and é', 'ascii', 'strict']);
    const script = [
      'import json, sys',
      'for line in sys.stdin:',
      '    text, codec, errors = json.loads(line)',
      '    try: print(text.encode(codec, errors).hex())',
      "    except UnicodeEncodeError as e: print(f'UnicodeEncodeError: {e}')",
    ].join('\n');
    const expected = python(script, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
    const ours = cases.map(([t, c, e]) => outcome(() => hex(encode(t, c, e))));
    const bad = cases.map((c, i) => ({ c, ours: ours[i], python: expected[i] })).filter((m) => m.ours !== m.python);
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('decodes random bytes identically, errors included', () => {
    const cases = fc.sample(fc.tuple(fc.uint8Array({ maxLength: 10 }).map(hex), fc.constantFrom(...CODECS.map((c) => c.name)), fc.constantFrom<Errors>('strict', 'replace')), 1500);
    const script = [
      'import json, sys',
      'for line in sys.stdin:',
      '    h, codec, errors = json.loads(line)',
      "    try: print(' '.join(str(ord(c)) for c in bytes.fromhex(h).decode(codec, errors)))",
      "    except UnicodeDecodeError as e: print(f'UnicodeDecodeError: {e}')",
    ].join('\n');
    const expected = python(script, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
    const ours = cases.map(([h, c, e]) => outcome(() => cps(decode(Uint8Array.from(Buffer.from(h, 'hex')), c, e))));
    const bad = cases.map((c, i) => ({ c, ours: ours[i], python: expected[i] })).filter((m) => m.ours !== m.python);
    expect(bad.slice(0, 5)).toEqual([]);
  });
});
