import { describe, expect, it } from 'vitest';
import { LineSplitter } from './lines.ts';

const hex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
const text = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('LineSplitter', () => {
  it('"He" then "llo\\n" is one line from two reads (seed 003)', () => {
    const s = new LineSplitter();
    expect(s.push(hex('4865'))).toEqual({ lines: [], dropped: 0 });
    expect(s.partial).toBe(2);
    const step = s.push(hex('6c6c6f0a'));
    expect(step.lines.map((l) => [text(l.bytes), l.reads])).toEqual([['48656c6c6f', 2]]);
    expect(s.partial).toBe(0);
  });

  it('two lines and half a third in one read; the third finishes in the next', () => {
    const s = new LineSplitter();
    const a = s.push(hex('610a620a63'));
    expect(a.lines.map((l) => [text(l.bytes), l.reads])).toEqual([['61', 1], ['62', 1]]);
    expect(s.partial).toBe(1);
    const b = s.push(hex('640a'));
    expect(b.lines.map((l) => [text(l.bytes), l.reads])).toEqual([['6364', 2]]);
  });

  it('an empty line is a line; a read of only "\\n" completes the buffered one', () => {
    const s = new LineSplitter();
    expect(s.push(hex('0a')).lines.map((l) => [text(l.bytes), l.reads])).toEqual([['', 1]]);
    s.push(hex('78'));
    expect(s.push(hex('0a')).lines.map((l) => [text(l.bytes), l.reads])).toEqual([['78', 2]]);
  });

  it('a line past the limit is dropped up to its newline; the next line is whole', () => {
    const s = new LineSplitter(4);
    expect(s.push(hex('0102030405'))).toEqual({ lines: [], dropped: 5 });
    expect(s.partial).toBe(0);
    const step = s.push(hex('06070a4f4b0a'));
    expect(step.dropped).toBe(2);
    expect(step.lines.map((l) => [text(l.bytes), l.reads])).toEqual([['4f4b', 1]]);
  });
});
