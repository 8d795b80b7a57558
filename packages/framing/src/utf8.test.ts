import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, describeUtf8Error } from './utf8.ts';

const bytes = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
function ours(b: Uint8Array): string {
  const r = decodeUtf8(b);
  return r.ok ? 'ok ' + Buffer.from(r.text, 'utf8').toString('hex') : describeUtf8Error(r);
}

describe('decodeUtf8', () => {
  it('decodes multibyte text', () => {
    expect(decodeUtf8(new TextEncoder().encode('héllo wörld ✓'))).toEqual({ ok: true, text: 'héllo wörld ✓' });
  });
  it('names the offset of a bad byte as Python does', () => {
    const r = decodeUtf8(bytes('41 42 43 ff 44'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(describeUtf8Error(r)).toBe("'utf-8' codec can't decode byte 0xff in position 3: invalid start byte");
  });

  it('agrees with CPython on random byte strings, error messages included', () => {
    const samples: Uint8Array[] = fc.sample(
      fc.oneof(
        fc.uint8Array({ maxLength: 12 }),
        fc.array(fc.constantFrom(0x41, 0xc3, 0xa9, 0xe2, 0x9c, 0x93, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0xc0, 0xf5, 0x80, 0xbf), { maxLength: 10 }).map((a) => Uint8Array.from(a)),
      ),
      600,
    );
    // Regression: an empty decode prints 'ok ' last; trimming the whole output once ate that space.
    samples.push(new Uint8Array());
    const script = [
      'import sys',
      'for line in sys.stdin.read().split():',
      '    b = bytes.fromhex(line[1:])',
      '    try:',
      "        print('ok ' + b.decode('utf-8').encode('utf-8').hex())",
      '    except UnicodeDecodeError as e:',
      '        print(str(e))',
    ].join('\n');
    const input = samples.map((s) => 'x' + Buffer.from(s).toString('hex')).join('\n');
    const python = execFileSync('python3', ['-c', script], { input }).toString().replace(/\n$/, '').split('\n');
    expect(samples.map(ours)).toEqual(python);
  });
});
