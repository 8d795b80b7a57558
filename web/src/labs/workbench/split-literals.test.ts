import { describe, expect, it } from 'vitest';
import { splitLiterals } from './split-literals.ts';

describe('splitLiterals', () => {
  it('splits at commas outside quotes', () => {
    expect(splitLiterals("13, 987, True, 0.3871, b'1234567890'")).toEqual(['13', '987', 'True', '0.3871', "b'1234567890'"]);
    expect(splitLiterals("b'a,b', 'c\\',d'")).toEqual(["b'a,b'", "'c\\',d'"]);
  });
  it('gives nothing for nothing', () => {
    expect(splitLiterals('  ')).toEqual([]);
  });
});
