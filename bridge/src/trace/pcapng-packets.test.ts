// The lab's reconstruction of a close: FIN when the closer read everything it was sent, RST when
// bytes wait unread, by the lab's own count or by the kernel's last report of the receive queue.
import type { Address, SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { PacketMaker } from './pcapng-packets.ts';

const client: Address = ['127.0.0.1', 40000];
const server: Address = ['127.0.0.1', 5000];
let seq = 0;
const ev = (over: Partial<SocketEvent>): SocketEvent =>
  ({ seq: seq++, t: seq, lab: 'programs', socket: 's', role: 'server', op: 'recv', local: server, remote: client, size: 0, hex: '', ...over }) as SocketEvent;

/** Each packet's source port and TCP flags (LINKTYPE_RAW, IPv4: the TCP header at byte 28 + 20). */
function packets(events: [SocketEvent, string?][]): string[] {
  const out: string[] = [];
  const maker = new PacketMaker((b) => {
    const flags = b[28 + 20 + 13]!;
    const names = [[0x02, 'S'], [0x01, 'F'], [0x04, 'R'], [0x10, '.']] as const;
    out.push(`${b.readUInt16BE(28 + 20)} ${names.filter(([bit]) => flags & bit).map(([, n]) => n).join('')}`);
  });
  for (const [e, hex] of events) maker.record(e, hex === undefined ? undefined : Buffer.from(hex, 'hex'));
  return out;
}

// Both ends are lab sockets (a connect and an accept): each byte is counted once, from its send.
const connect = ev({ role: 'client', op: 'connect', local: client, remote: server });
const accept = ev({ op: 'accept' });
const closes = (out: string[]) => out.filter((p) => p.startsWith('5000 ') && /[FR]/.test(p));

describe('PacketMaker: FIN or RST at close', () => {
  it('FIN when the server read all the client sent', () => {
    const out = packets([
      [connect],
      [accept],
      [ev({ role: 'client', op: 'sendall', local: client, remote: server, size: 4 }), '00010203'],
      [ev({ op: 'recv', size: 4, kernel: { state: 'ESTABLISHED', recvQueue: 0, sendQueue: 0 } }), '00010203'],
      [ev({ op: 'close' })],
    ]);
    expect(out.slice(0, 3)).toEqual(['40000 S', '5000 S.', '40000 .']);
    expect(closes(out)).toEqual(['5000 F.']);
  });

  it('RST when the count says bytes wait unread', () => {
    const out = packets([
      [connect],
      [accept],
      [ev({ role: 'client', op: 'sendall', local: client, remote: server, size: 6 }), '000102030405'],
      [ev({ op: 'recv', size: 2 }), '0001'],
      [ev({ op: 'close' })],
    ]);
    expect(closes(out)).toEqual(['5000 R.']);
  });

  it("RST when the kernel said bytes wait unread, though the client's send is not recorded yet", () => {
    const out = packets([
      [connect],
      [accept],
      [ev({ op: 'recv', size: 2, kernel: { state: 'ESTABLISHED', recvQueue: 4, sendQueue: 0 } }), '0001'],
      [ev({ op: 'close' })],
    ]);
    expect(closes(out)).toEqual(['5000 R.']);
  });

  it("a later read that empties the queue makes it a FIN again", () => {
    const out = packets([
      [connect],
      [accept],
      [ev({ op: 'recv', size: 2, kernel: { state: 'ESTABLISHED', recvQueue: 4, sendQueue: 0 } }), '0001'],
      [ev({ op: 'recv', size: 4, kernel: { state: 'ESTABLISHED', recvQueue: 0, sendQueue: 0 } }), '02030405'],
      [ev({ role: 'client', op: 'sendall', local: client, remote: server, size: 6 }), '000102030405'],
      [ev({ op: 'close' })],
    ]);
    expect(closes(out)).toEqual(['5000 F.']);
  });
});
