import { describe, expect, it } from 'vitest';
import { markHttp, spansIn } from './http.ts';

const hex = (h: string) => Uint8Array.from(h.replace(/\s/g, '').match(/../g) ?? [], (b) => parseInt(b, 16));
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const brief = (m: ReturnType<typeof markHttp>) => m.spans.map((s) => `${s.message}:${s.part}@${s.start}-${s.end} ${s.text}`);

describe('markHttp', () => {
  it('a GET: request line, each header, the blank line (literal bytes)', () => {
    // "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
    const m = markHttp(hex('474554202f20485454502f312e310d0a 486f73743a20610d0a 0d0a'));
    expect(brief(m)).toEqual(['0:start-line@0-16 GET / HTTP/1.1', '0:header@16-25 Host: a', '0:blank@25-27 ']);
    expect(m.pending).toBeNull();
  });

  it('a POST body is Content-Length bytes; what follows is the next request', () => {
    const m = markHttp(ascii('POST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\n\r\n'));
    expect(brief(m)).toEqual([
      '0:start-line@0-21 POST /echo HTTP/1.1',
      '0:header@21-40 Content-Length: 5',
      '0:blank@40-42 ',
      '0:body@42-47 5 bytes',
      '1:start-line@47-63 GET / HTTP/1.1',
      '1:blank@63-65 ',
    ]);
  });

  it('a head cut mid-line is pending until its blank line comes; "\\r" and "\\n" may arrive apart', () => {
    const m = markHttp(ascii('GET / HTTP/1.1\r\nHo'));
    expect(brief(m)).toEqual(['0:start-line@0-16 GET / HTTP/1.1']);
    expect(m.pending).toEqual({ start: 16, what: 'head', message: 0 });
    const cr = markHttp(ascii('GET / HTTP/1.1\r'));
    expect(cr.spans).toEqual([]);
    expect(cr.pending).toEqual({ start: 0, what: 'head', message: 0 });
  });

  it('a body still arriving is pending, its head marked', () => {
    const m = markHttp(ascii('POST /echo HTTP/1.1\r\nContent-Length: 10\r\n\r\nhel'));
    expect(m.spans.map((s) => s.part)).toEqual(['start-line', 'header', 'blank']);
    expect(m.pending).toEqual({ start: 43, what: 'body', message: 0 });
  });

  it('a response: status line, headers, body', () => {
    const m = markHttp(ascii('HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found'));
    expect(m.spans.map((s) => [s.part, s.text])).toEqual([
      ['start-line', 'HTTP/1.1 404 Not Found'],
      ['header', 'Content-Length: 9'],
      ['blank', ''],
      ['body', '9 bytes'],
    ]);
  });

  it('a bad Content-Length and an over-long head are problems, named', () => {
    expect(markHttp(ascii('POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n')).problem).toEqual({ at: 17, message: 'Content-Length "-1" is not a number of bytes' });
    expect(markHttp(ascii('GET / HTTP/1.1\r\nX: ' + 'a'.repeat(17000))).problem?.message).toBe('a head over 16 KiB without its blank line');
  });

  it('spansIn cuts the spans to one recv: a request sent one byte per send is marked byte by byte', () => {
    const m = markHttp(ascii('GET / HTTP/1.1\r\nHost: a\r\n\r\n'));
    expect(spansIn(m, 15, 17).map((s) => `${s.part}@${s.start}-${s.end}`)).toEqual(['start-line@15-16', 'header@16-17']);
    expect(spansIn(m, 26, 27).map((s) => s.part)).toEqual(['blank']);
  });
});
