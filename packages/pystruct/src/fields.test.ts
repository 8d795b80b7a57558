import { describe, expect, it } from 'vitest';
import { fieldsOf } from './fields.ts';
import { parseFormat } from './format.ts';

describe('fieldsOf', () => {
  it("splits '!hH?f10s' into its five fields", () => {
    expect(fieldsOf(parseFormat('!hH?f10s')).map((f) => [f.code, f.offset, f.size, f.index])).toEqual([
      ['h', 0, 2, 0],
      ['H', 2, 2, 1],
      ['?', 4, 1, 2],
      ['f', 5, 4, 3],
      ['10s', 9, 10, 4],
    ]);
  });
  it('shows native alignment and x padding as their own fields', () => {
    expect(fieldsOf(parseFormat('@c2xi')).map((f) => [f.kind, f.offset, f.size])).toEqual([
      ['value', 0, 1],
      ['pad', 1, 2],
      ['align', 3, 1],
      ['value', 4, 4],
    ]);
  });
});
