// Python's text codecs for the workbench: encode and decode, strict and replace, exact to CPython.
export { encode, decode, CodecError, CODECS, loadCodec, codecReady } from './codecs.ts';
export type { Errors } from './codecs.ts';
