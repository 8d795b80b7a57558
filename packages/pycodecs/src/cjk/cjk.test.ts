// CPython is the oracle for the multi-byte codecs: random text and bytes built to reach the hard
// paths (escape sequences, pairs, four-byte GB 18030, truncated sequences), strict and replace.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeMismatches, encodeMismatches, hex, outcome } from '../codec-oracle.test-util.ts';
import { decode, encode, loadCodec, type Errors } from '../codecs.ts';
import { CJK_CODECS } from './multibyte.ts';

const NAMES = CJK_CODECS.map((c) => c.name);

// Kana, kanji, hanzi (simplified and traditional), hangul, HKSCS and JIS X 0213 extras, pairs that
// one code stands for (か + ゚, Ê + ̄), characters some sets lack, and ASCII that some codecs treat specially.
const POOL = [
  ...'aZ ~\\\n日本語テストかなカナｶﾅ中文简体繁體字한국어訓민¥‾€é∑①㈱髙﨑',
  'か\u309a', '\u00ca\u0304', '\u00ea\u030c', '\u00ca', '\u309a', '𠀋', '𪚲', '😀', '\u0101', '\u4e02', '\ud800', '\u00b7', '\u30fb', '\u2014', '\u2015', '\uff3c',
];
const textArb = fc.array(fc.constantFrom(...POOL), { maxLength: 8 }).map((a) => a.join(''));

// Byte pieces that reach the decoders' branches; glued with random bytes.
const PIECES = [
  '1b2442', '1b2842', '1b284a', '1b2440', '1b242842', '1b2429 43'.replace(' ', ''), '0e', '0f', '1b2441', '1b78', '1b26401b2442', '1b',
  '7e7b', '7e7d', '7e7e', '7e0a', '7e7b7e7e', '7e7b7e0a', '7e', '8130', '8431a439', '8431a530', 'e3329a35', '90308130', 'e3329a36', 'fe39fe39', '8f', '8ea1', '8ea2a1a1',
  '8862', '88a4', '82f5', '5c', '7e', '1b' + '24'.repeat(16), '1b2428' + '31'.repeat(12) + '42', '1b2429', '1b2d41',
];
const pieceArb = fc.oneof(
  fc.constantFrom(...PIECES),
  fc.uint8Array({ minLength: 1, maxLength: 2 }).map(hex),
  fc.tuple(fc.integer({ min: 0x81, max: 0xfe }), fc.integer({ min: 0x30, max: 0x39 }), fc.integer({ min: 0x7f, max: 0xff }), fc.integer({ min: 0x2f, max: 0x3a })).map((b) => hex(Uint8Array.from(b))),
  fc.tuple(fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0x21, max: 0x7e })).map((b) => hex(Uint8Array.from(b))),
  fc.tuple(fc.integer({ min: 0xa1, max: 0xfe }), fc.integer({ min: 0x40, max: 0xfe })).map((b) => hex(Uint8Array.from(b))),
);
const bytesArb = fc.array(pieceArb, { maxLength: 6 }).map((a) => a.join(''));

describe('multi-byte codecs against CPython', () => {
  beforeAll(async () => {
    await Promise.all(NAMES.map(loadCodec));
  });

  it('has the classic examples: 日本 in Shift JIS, EUC-JP and ISO-2022-JP; 中文 in GB 2312 and HZ', () => {
    expect(hex(encode('日本', 'shift_jis'))).toBe('93fa967b');
    expect(hex(encode('日本', 'euc_jp'))).toBe('c6fccbdc');
    expect(hex(encode('日本', 'iso2022_jp'))).toBe('1b2442467c4b5c1b2842');
    expect(hex(encode('中文', 'gb2312'))).toBe('d6d0cec4');
    expect(hex(encode('中文a~', 'hz'))).toBe('7e7b56504e447e7d617e7e');
    expect(decode(Uint8Array.from([0x93, 0xfa, 0x96, 0x7b]), 'gb18030')).toBe('擔杮'); // mojibake: Shift JIS bytes read as GB 18030
  });

  it('refuses what CPython refuses, with its words', () => {
    expect(outcome(() => hex(encode('aĀ', 'shift_jis')))).toBe("UnicodeEncodeError: 'shift_jis' codec can't encode character '\\u0100' in position 1: illegal multibyte sequence");
    expect(outcome(() => decode(Uint8Array.from([0x41, 0x93]), 'shift_jis'))).toBe("UnicodeDecodeError: 'shift_jis' codec can't decode byte 0x93 in position 1: incomplete multibyte sequence");
    expect(outcome(() => decode(Uint8Array.from([0x1b, 0x24, 0x42, 0x46]), 'iso2022_jp'))).toBe("UnicodeDecodeError: 'iso2022_jp' codec can't decode byte 0x46 in position 3: incomplete multibyte sequence");
  });

  it('encodes random text identically, errors included', () => {
    const cases = fc.sample(fc.tuple(textArb, fc.constantFrom(...NAMES), fc.constantFrom<Errors>('strict', 'replace')), 3000);
    expect(encodeMismatches(cases).slice(0, 5)).toEqual([]);
  });

  it('decodes random bytes identically, errors included', () => {
    const cases = fc.sample(fc.tuple(bytesArb, fc.constantFrom(...NAMES), fc.constantFrom<Errors>('strict', 'replace')), 6000);
    expect(decodeMismatches(cases).slice(0, 5)).toEqual([]);
  });
});
