// Python's struct module, exact to CPython on this platform: pack, unpack, calcsize, and values.
export { parseFormat, calcsize, valueCount, StructError, MAX_STRUCT_SIZE } from './format.ts';
export type { Layout, Item, Table } from './format.ts';
export { pack, unpack } from './pack.ts';
export { packHalf, unpackHalf } from './half.ts';
export { parseLiteral, pyRepr, pyTupleRepr, pyFloatRepr, int, float, bool, bytes } from './values.ts';
export type { PyValue } from './values.ts';
export { fieldsOf } from './fields.ts';
export type { Field } from './fields.ts';
