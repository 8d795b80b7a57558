import { describe, expect, it } from 'vitest';
import { joinArgs, splitArgs } from './split-args.ts';

describe('program arguments', () => {
  it('splits on spaces and keeps quoted phrases whole, as a shell would', () => {
    expect(splitArgs(`"This is a test" 2 'a b'  c`)).toEqual(['This is a test', '2', 'a b', 'c']);
    expect(splitArgs('   ')).toEqual([]);
  });
  it('writes the seed\'s arguments back so that they split the same way', () => {
    for (const args of [['This is a test'], ['a', 'b'], []]) expect(splitArgs(joinArgs(args))).toEqual(args);
  });
});
