// Seed 004's length-prefixed framing as pure code: encode, decode across reads, and the reply rule.
export { HEADER_BYTES, MAX_HEADER_VALUE, encodeFrame, encodeText, readHeader } from './encoder.ts';
export { DEFAULT_MAX_FRAME, MAX_MAX_FRAME, FrameDecoder, describeIncomplete } from './decoder.ts';
export type { FrameStep, Incomplete } from './decoder.ts';
export { decodeUtf8, describeUtf8Error } from './utf8.ts';
export type { Utf8Result } from './utf8.ts';
export { DROP_CHARS, dropFirstChars, firstChars, charCount } from './truncate.ts';
export { diagnoseReply, messages } from './diagnose.ts';
export { LineSplitter } from './lines.ts';
export type { Line, LinesStep } from './lines.ts';
export type { ReplyOutcome, Verdict } from './diagnose.ts';
export { MAX_HTTP_HEAD, markHttp, spansIn } from './http.ts';
export type { HttpMarks, HttpPart, HttpSpan } from './http.ts';
