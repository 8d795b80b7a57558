import type { SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { eventParts, httpConnections } from './http-messages.ts';

let seq = 0;
const hex = (s: string) => Buffer.from(s, 'latin1').toString('hex');
function ev(op: SocketEvent['op'], text = ''): SocketEvent {
  return { seq: seq++, t: 0, lab: 'http', socket: 'pid 7 fd 5', role: 'peer', op, local: ['127.0.0.1', 8000], remote: ['127.0.0.1', 40000], size: text.length, hex: hex(text), pid: 7, thread: 'Thread-1 (handle)' };
}

describe('HTTP messages from the server socket\u2019s calls', () => {
  it('a request line split over two recvs, and a second request in the same recv', () => {
    const accept = ev('accept');
    const a = ev('recv', 'GET / HT');
    const b = ev('recv', 'TP/1.1\r\nHost: a\r\n\r\nGET /x HTTP/1.1\r\n\r\n');
    const reply = ev('sendall', 'HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno');
    const events = [accept, a, b, reply];
    const [conn] = httpConnections(events);
    expect(conn!.remotePort).toBe(40000);
    expect(conn!.request.parts.map((p) => [p.message, p.part, p.text, p.seqs])).toEqual([
      [0, 'start-line', 'GET / HTTP/1.1', [a.seq, b.seq]],
      [0, 'header', 'Host: a', [b.seq]],
      [0, 'blank', '', [b.seq]],
      [1, 'start-line', 'GET /x HTTP/1.1', [b.seq]],
      [1, 'blank', '', [b.seq]],
    ]);
    expect(conn!.request.note).toBeNull();
    expect(conn!.response.parts.map((p) => [p.part, p.text])).toEqual([
      ['start-line', 'HTTP/1.1 404 Not Found'],
      ['header', 'Content-Length: 2'],
      ['blank', ''],
      ['body', 'no'],
    ]);
    // The second recv's own bytes: the request line's end, then the rest, in its offsets.
    expect(eventParts(events, b).map((p) => `${p.message}:${p.part}@${p.start}-${p.end}`)).toEqual([
      '0:start-line@0-8',
      '0:header@8-17',
      '0:blank@17-19',
      '1:start-line@19-36',
      '1:blank@36-38',
    ]);
    expect(eventParts(events, accept)).toEqual([]);
  });

  it('a head still arriving is said so; a cut preview waits for its whole bytes', () => {
    const a = ev('recv', 'GET / HTTP/1.1\r\nHo');
    expect(httpConnections([a])[0]!.request.note).toBe('a head still arriving (2 bytes so far)');
    const cut = { ...ev('recv', 'GET / HTTP/1.1\r\n'), truncated: true, size: 40 };
    expect(httpConnections([cut])[0]!.request.note).toBe('fetching the rest of the bytes\u2026');
    const whole = new Map([[cut.seq, hex('GET / HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n')]]);
    expect(httpConnections([cut], whole)[0]!.request.parts.map((p) => p.part)).toEqual(['start-line', 'header', 'blank']);
    // The bridge could not give them: the note says so and why, instead of waiting forever.
    const failed = new Map([[cut.seq, 'no bytes kept for event 3']]);
    const stuck = httpConnections([cut], new Map(), 4, failed)[0]!.request;
    expect(stuck.note).toBe(`marked up to #${cut.seq}: the rest of its bytes could not be fetched (no bytes kept for event 3)`);
    expect(stuck.parts.map((p) => p.part)).toEqual(['start-line']);
  });
});
