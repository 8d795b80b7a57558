import { describe, expect, it } from 'vitest';
import { charCount, dropFirstChars } from './truncate.ts';

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
