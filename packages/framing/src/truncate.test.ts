import { describe, expect, it } from 'vitest';
import { charCount, dropFirstChars, firstChars } from './truncate.ts';

describe('dropFirstChars', () => {
  it("gives the seed's reply", () => {
    expect(dropFirstChars('Four score and seven years ago')).toBe(' and seven years ago');
  });
  it('leaves nothing of a message of 10 characters or fewer', () => {
    expect(dropFirstChars('0123456789')).toBe('');
    expect(dropFirstChars('short')).toBe('');
  });
  it('counts characters, not bytes or UTF-16 units', () => {
    expect(dropFirstChars('héllo wörld ✓')).toBe('d ✓');
    expect(dropFirstChars('😀😀😀😀😀😀😀😀😀😀!')).toBe('!');
    expect(charCount('héllo wörld ✓')).toBe(13);
    expect(charCount('😀')).toBe(1);
  });
});

describe('firstChars', () => {
  it('keeps the first n code points', () => {
    expect(firstChars('😀😀😀!', 2)).toBe('😀😀');
    expect(firstChars('abc', 10)).toBe('abc');
  });
});

describe('code points, as the string iterator counts them', () => {
  // Python's str may hold a lone surrogate (surrogateescape); each is one character there too.
  const samples = ['', 'a', '\ud83d', '\ude00', '\ude00\ud83d', 'x\ud83d\ude00\ud83dy', '😀\udfff😀', '\ud83d\ud83d\ude00'];
  it.each(samples)('%j', (s) => {
    const points = Array.from(s);
    expect(charCount(s)).toBe(points.length);
    for (let n = 0; n <= points.length + 1; n++) {
      expect(dropFirstChars(s, n)).toBe(points.slice(n).join(''));
      expect(firstChars(s, n)).toBe(points.slice(0, n).join(''));
    }
  });
});
