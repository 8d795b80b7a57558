// CPython is the oracle: random text through every codec, encode and decode, strict and replace.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeMismatches, encodeMismatches, hex } from './codec-oracle.test-util.ts';
import { CODECS, decode, encode, loadCodec, type Errors } from './codecs.ts';

// Characters from the scripts the seed's encodings cover, plus ones most cannot encode.
const POOL = [...'Hello é€ßÆøабвгдеёЖЯїєґαβγΩאבגابتşğİčřžąęłőűต่ặ✓😀', '\u0081', '\u00a0', '\ud800'];
const textArb = fc.array(fc.constantFrom(...POOL), { maxLength: 8 }).map((a) => a.join(''));

describe('codecs against CPython', () => {
  beforeAll(async () => {
    await Promise.all(CODECS.map((c) => loadCodec(c.name)));
  });

  it("has the seed's example: 'é' is c3 a9 in UTF-8, and 'Ã©' when read as Windows-1252", () => {
    expect(hex(encode('é', 'utf-8'))).toBe('c3a9');
    expect(decode(encode('é', 'utf-8'), 'cp1252')).toBe('Ã©');
  });

  it('encodes random text identically, errors included', () => {
    const cases = fc.sample(fc.tuple(textArb, fc.constantFrom(...CODECS.map((c) => c.name)), fc.constantFrom<Errors>('strict', 'replace')), 1500);
    cases.push(['€€ and é', 'ascii', 'strict']);
    expect(encodeMismatches(cases).slice(0, 5)).toEqual([]);
  });

  it('decodes random bytes identically, errors included', () => {
    const cases = fc.sample(fc.tuple(fc.uint8Array({ maxLength: 10 }).map(hex), fc.constantFrom(...CODECS.map((c) => c.name)), fc.constantFrom<Errors>('strict', 'replace')), 1500);
    expect(decodeMismatches(cases).slice(0, 5)).toEqual([]);
  });
});
