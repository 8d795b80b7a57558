// HTTP/1.1 messages in one direction of a TCP stream (seed 002): where each request or response
// line, header, blank line and body lies, in stream offsets, whatever the recv calls cut. A
// message's end is found as a server does: the head up to "\r\n\r\n", then Content-Length bytes.

export type HttpPart = 'start-line' | 'header' | 'blank' | 'body';

export interface HttpSpan {
  /** Stream offsets, end exclusive; a line's span includes its "\r\n". */
  start: number;
  end: number;
  part: HttpPart;
  /** Which message of the stream (0: the first; keep-alive and pipelining make more). */
  message: number;
  /** The line's text without "\r\n" (for the body: its length in words, e.g. "5 bytes"). */
  text: string;
}

export interface HttpMarks {
  spans: HttpSpan[];
  /** Bytes after the last complete part: a head or body still arriving. */
  pending: { start: number; what: 'head' | 'body'; message: number } | null;
  /** The stream is not HTTP from here (a head over the limit, a bad Content-Length). */
  problem: { at: number; message: string } | null;
}

/** Heads longer than this are refused (the lab's server answers 431). */
export const MAX_HTTP_HEAD = 16 * 1024;

const CRLF = [0x0d, 0x0a];
const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

function indexOfCrlf(b: Uint8Array, from: number): number {
  for (let i = from; i + 1 < b.length; i++) if (b[i] === CRLF[0] && b[i + 1] === CRLF[1]) return i;
  return -1;
}

/** Marks every complete part of the messages in `stream` (the bytes of one direction, in order). */
export function markHttp(stream: Uint8Array): HttpMarks {
  const spans: HttpSpan[] = [];
  let at = 0;
  let message = 0;
  while (at < stream.length) {
    const head: HttpSpan[] = [];
    let line = at;
    let length = 0;
    let complete = false;
    for (;;) {
      const eol = indexOfCrlf(stream, line);
      if (eol < 0) break;
      const text = latin1(stream.subarray(line, eol));
      if (eol === line) {
        head.push({ start: line, end: eol + 2, part: 'blank', message, text: '' });
        line = eol + 2;
        complete = true;
        break;
      }
      head.push({ start: line, end: eol + 2, part: head.length === 0 ? 'start-line' : 'header', message, text });
      const cl = /^content-length:\s*(.*?)\s*$/i.exec(text);
      if (cl) {
        if (!/^\d{1,15}$/.test(cl[1]!)) return { spans: [...spans, ...head], pending: null, problem: { at: line, message: `Content-Length ${JSON.stringify(cl[1])} is not a number of bytes` } };
        length = Number(cl[1]);
      }
      line = eol + 2;
    }
    if (!complete) {
      if (stream.length - at > MAX_HTTP_HEAD) return { spans, pending: null, problem: { at, message: `a head over ${MAX_HTTP_HEAD / 1024} KiB without its blank line` } };
      return { spans: [...spans, ...head], pending: { start: line, what: 'head', message }, problem: null };
    }
    spans.push(...head);
    if (length > 0) {
      if (stream.length - line < length) {
        return { spans, pending: { start: line, what: 'body', message }, problem: null };
      }
      spans.push({ start: line, end: line + length, part: 'body', message, text: length === 1 ? '1 byte' : `${length} bytes` });
    }
    at = line + length;
    message++;
  }
  return { spans, pending: null, problem: null };
}

/** The spans that fall in [start, end) of the stream (one recv's bytes), cut to it. */
export function spansIn(marks: HttpMarks, start: number, end: number): HttpSpan[] {
  return marks.spans
    .filter((s) => s.end > start && s.start < end)
    .map((s) => ({ ...s, start: Math.max(s.start, start), end: Math.min(s.end, end) }));
}
