import type { SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { SequenceIndex, type Arrow } from './sequence-index.ts';

const CLIENT = 40000;
const SERVER = 65432;
let seq = 0;
/** An event on the client (`c`) or the server's accepted socket (`s`), moving the bytes `hex`. */
function ev(side: 'c' | 's', op: SocketEvent['op'], hex = '', extra: Partial<SocketEvent> = {}): SocketEvent {
  const [local, remote] = side === 'c' ? [CLIENT, SERVER] : [SERVER, CLIENT];
  return {
    seq: seq++, t: 0, lab: 'tcp-echo', socket: side === 'c' ? 'client-1' : 'peer-1', role: side === 'c' ? 'client' : 'peer', op,
    local: ['127.0.0.1', local], remote: ['127.0.0.1', remote], size: hex.length / 2, hex, ...extra,
  };
}

function indexed(events: SocketEvent[]): SequenceIndex {
  const ix = new SequenceIndex();
  for (const e of events) ix.add(e);
  return ix;
}

/** Every arrow once, as [from, to, bytes, fromOffset, toOffset]. */
function arrows(ix: SequenceIndex): Array<[number, number, number, number, number]> {
  const all = new Set<Arrow>();
  for (let i = 0; i < ix.count; i++) for (const a of ix.at(i)) all.add(a);
  return [...all].map((a) => [a.from, a.to, a.bytes, a.fromOffset, a.toOffset]);
}

describe('SequenceIndex: which recv read which send’s bytes', () => {
  it('one sendall of 11 bytes fans out to three recv(4) calls: 4, 4 and 3 bytes', () => {
    const ix = indexed([
      ev('c', 'connect'),
      ev('c', 'sendall', '48656c6c6f20776f726c64'),
      ev('s', 'recv', '48656c6c', { arg: 4 }),
      ev('s', 'recv', '6f20776f', { arg: 4 }),
      ev('s', 'recv', '726c64', { arg: 4 }),
    ]);
    expect(arrows(ix)).toEqual([
      [1, 2, 4, 0, 0],
      [1, 3, 4, 4, 0],
      [1, 4, 3, 8, 0],
    ]);
    expect(ix.readOf(1)).toBe(11);
    // At the moment of event 3, 3 of the send's bytes are still unread.
    expect(ix.readOf(1, 3)).toBe(8);
  });

  it('three sends merge into one recv; a recv reported before its send still gets its arrow', () => {
    const ix = indexed([
      ev('c', 'send', '6869'),
      ev('c', 'send', '2c20'),
      ev('s', 'recv', '68692c2074686572', { arg: 1024 }),
      ev('c', 'send', '7468657265'),
    ]);
    expect(arrows(ix)).toEqual([
      [0, 2, 2, 0, 0],
      [1, 2, 2, 0, 2],
      [3, 2, 4, 0, 4],
    ]);
    // The last send's fifth byte is not read yet.
    expect(ix.readOf(3)).toBe(4);
  });

  it('keeps the two directions apart: the echo goes back on its own offsets', () => {
    const ix = indexed([
      ev('c', 'sendall', '616263'),
      ev('s', 'recv', '616263'),
      ev('s', 'sendall', '616263'),
      ev('c', 'recv', '6162'),
      ev('c', 'recv', '63'),
    ]);
    expect(arrows(ix)).toEqual([
      [0, 1, 3, 0, 0],
      [2, 3, 2, 0, 0],
      [2, 4, 1, 2, 0],
    ]);
  });

  it('a reset mid-stream: the bytes no recv read have no arrow, and the failed recv moves none', () => {
    const reset = { name: 'ConnectionResetError', message: '[Errno 104] Connection reset by peer', errno: 104 };
    const ix = indexed([ev('c', 'sendall', '0102030405'), ev('s', 'recv', '0102'), ev('s', 'recv', '', { error: reset })]);
    expect(arrows(ix)).toEqual([[0, 1, 2, 0, 0]]);
    expect(ix.readOf(0)).toBe(2);
    expect(ix.at(2)).toEqual([]);
  });

  it('a new connection on the same ports starts its offsets again', () => {
    const ix = indexed([ev('c', 'sendall', 'aabb'), ev('s', 'recv', 'aabb'), ev('c', 'connect'), ev('c', 'sendall', 'cc'), ev('s', 'recv', 'cc')]);
    expect(arrows(ix)).toEqual([
      [0, 1, 2, 0, 0],
      [3, 4, 1, 0, 0],
    ]);
  });

  it('a server that speaks first, reported before the client\'s connect, keeps its arrow', () => {
    const ix = indexed([ev('s', 'sendall', '6869'), ev('c', 'connect'), ev('c', 'recv', '6869')]);
    expect(arrows(ix)).toEqual([[0, 2, 2, 0, 0]]);
  });

  describe('UDP: one arrow per datagram', () => {
    const RELAY = 50000;
    const udp = (from: number, to: number, op: 'sendto' | 'recvfrom', hex: string, extra: Partial<SocketEvent> = {}): SocketEvent => {
      const [local, remote] = op === 'sendto' ? [from, to] : [to, from];
      return { seq: seq++, t: 0, lab: 'udp-echo', socket: `udp-${local}`, role: 'client', op, local: ['0.0.0.0', local], remote: ['127.0.0.1', remote], size: hex.length / 2, hex, ...extra };
    };

    it('a dropped datagram has no arrow past the relay; a duplicate is read twice; reordered ones match by their bytes', () => {
      const ix = indexed([
        udp(CLIENT, RELAY, 'sendto', '01'),
        udp(CLIENT, RELAY, 'recvfrom', '01'), // the relay drops it
        udp(CLIENT, RELAY, 'sendto', '02'),
        udp(CLIENT, RELAY, 'sendto', '03'),
        udp(CLIENT, RELAY, 'recvfrom', '02'),
        udp(CLIENT, RELAY, 'recvfrom', '03'),
        udp(RELAY, SERVER, 'sendto', '03'), // 02 held back: reordered
        udp(RELAY, SERVER, 'sendto', '02'),
        udp(RELAY, SERVER, 'sendto', '02'), // and duplicated
        udp(RELAY, SERVER, 'recvfrom', '03'),
        udp(RELAY, SERVER, 'recvfrom', '02'),
        udp(RELAY, SERVER, 'recvfrom', '02'),
      ]);
      expect(arrows(ix)).toEqual([
        [0, 1, 1, 0, 0],
        [2, 4, 1, 0, 0],
        [3, 5, 1, 0, 0],
        [6, 9, 1, 0, 0],
        [7, 10, 1, 0, 0],
        [8, 11, 1, 0, 0],
      ]);
    });

    it('a datagram recvfrom truncated to BUF_SIZE still matches its sendto, with the bytes it kept', () => {
      const ix = indexed([udp(CLIENT, SERVER, 'sendto', '0102030405'), udp(CLIENT, SERVER, 'recvfrom', '0102', { datagram: { truncated: { full: 5, kept: 2 } } })]);
      expect(arrows(ix)).toEqual([[0, 1, 2, 0, 0]]);
    });

    it('a datagram nobody read has no arrow', () => {
      const ix = indexed([udp(CLIENT, SERVER, 'sendto', '01'), udp(CLIENT, SERVER, 'recvfrom', '02')]);
      expect(arrows(ix)).toEqual([]);
    });
  });

  it('a sendall of 10,000 bytes read by 10,000 recv(1): what was read by any moment, and the arrows near a window, without walking them all', () => {
    const n = 10_000;
    const events = [ev('c', 'connect'), ev('c', 'sendall', '61'.repeat(n))];
    for (let i = 0; i < n; i++) events.push(ev('s', 'recv', '61', { arg: 1 }));
    const ix = indexed(events);
    expect(ix.at(1)).toHaveLength(n);
    expect(ix.readOf(1)).toBe(n);
    // At the moment of event 1 + k, k bytes have been read.
    expect(ix.readOf(1, 1)).toBe(0);
    expect(ix.readOf(1, 1 + 1234)).toBe(1234);
    // Rows 5000-5010 in view: their eleven arrows, and one beyond each side.
    expect(ix.near(1, 5000, 5010).map((a) => a.to)).toEqual([4999, ...Array.from({ length: 11 }, (_, i) => 5000 + i), 5011]);
    expect(ix.near(1, 0, 1).map((a) => a.to)).toEqual([2]);
    expect(ix.near(1, n + 5, n + 10).map((a) => a.to)).toEqual([n + 1]);
    // A recv's one arrow, from wherever its send is.
    expect(ix.near(3000, 2990, 3010)).toEqual([expect.objectContaining({ from: 1, to: 3000, bytes: 1, fromOffset: 2998 })]);
  });
});
