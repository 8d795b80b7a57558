// Turns recorded socket calls into pcapng packet blocks as they happen: what the sockets moved,
// in reconstructed TCP/UDP packets that tshark and Wireshark can follow. Where the blocks go (a
// file for the CLI, a bounded buffer for a page's session) is the caller's.
import type { Address, SocketEvent } from '@socket-lab/protocol';
import { enhancedPacket, interfaceDescription, ipPacket, sectionHeader, TCP, tcpSegment, udpDatagram } from './pcapng-blocks.ts';

export const PCAP_COMMENT =
  'Socket Lab trace. Payloads are exactly the bytes the lab\u2019s sockets moved, one packet per send or, for a peer outside the lab, per recv; ' +
  'IP, TCP and UDP headers (handshakes, sequence numbers, FINs) are reconstructed by the lab, not captured, and checksums other than IPv4\u2019s are zero.';

const key = (a: Address) => `${a[0]}|${a[1]}`;

interface Flow {
  seq: Map<string, number>;
  finned: Set<string>;
}

/** The blocks every file starts with: the section header with `comment`, and the one interface. */
export function pcapngHead(comment: string = PCAP_COMMENT): Buffer {
  return Buffer.concat([sectionHeader(comment), interfaceDescription()]);
}

export class PacketMaker {
  /** Endpoints that belong to lab sockets: their sends are recorded, so their peers' recvs are not repeated. */
  private readonly ours = new Set<string>();
  private readonly flows = new Map<string, Flow>();
  private readonly t0 = BigInt(Date.now()) * 1000n;

  /** `emit` gets each enhanced packet block, in order. */
  constructor(private readonly emit: (block: Buffer) => void) {}

  /** Called for every recorded call, with all of its bytes. */
  record(e: SocketEvent, data: Uint8Array | undefined): void {
    if (e.local && (e.op === 'bind' || e.op === 'connect' || e.op === 'accept' || e.op === 'sendto')) this.ours.add(key(e.local));
    const bytes = data ? Buffer.from(data.buffer, data.byteOffset, data.length) : Buffer.alloc(0);
    const ts = this.t0 + BigInt(Math.round(e.t * 1000));
    if (e.error || !e.local || !e.remote) return;
    const udp = e.op === 'sendto' || e.op === 'recvfrom';
    if (udp) {
      if (bytes.length === 0) return;
      if (e.op === 'sendto') this.packet(ts, e.local, e.remote, 17, udpDatagram(e.local[1], e.remote[1], bytes));
      else if (!this.ours.has(key(e.remote))) this.packet(ts, e.remote, e.local, 17, udpDatagram(e.remote[1], e.local[1], bytes));
      return;
    }
    if (e.op === 'connect' || e.op === 'accept') return void this.flow(ts, e.op === 'connect' ? e.local : e.remote, e.op === 'connect' ? e.remote : e.local);
    const f = this.flow(ts, e.local, e.remote);
    if ((e.op === 'sendall' || e.op === 'send') && bytes.length > 0) this.data(ts, f, e.local, e.remote, bytes);
    else if (e.op === 'recv' && !this.ours.has(key(e.remote))) {
      // A peer outside the lab: its bytes, and its FIN (recv returned b''), are known only here.
      if (bytes.length > 0) this.data(ts, f, e.remote, e.local, bytes);
      else this.fin(ts, f, e.remote, e.local);
    }
    else if (e.op === 'close') this.fin(ts, f, e.local, e.remote);
  }

  /** The connection of two endpoints, with its handshake written the first time it is seen. */
  private flow(ts: bigint, client: Address, server: Address): Flow {
    const id = [key(client), key(server)].sort().join(' ');
    let f = this.flows.get(id);
    if (!f) {
      f = { seq: new Map([[key(client), 1000], [key(server), 5000]]), finned: new Set() };
      this.flows.set(id, f);
      const c = 1000;
      const s = 5000;
      this.packet(ts, client, server, 6, tcpSegment(client[1], server[1], c - 1, 0, TCP.SYN, Buffer.alloc(0)));
      this.packet(ts, server, client, 6, tcpSegment(server[1], client[1], s - 1, c, TCP.SYN | TCP.ACK, Buffer.alloc(0)));
      this.packet(ts, client, server, 6, tcpSegment(client[1], server[1], c, s, TCP.ACK, Buffer.alloc(0)));
    }
    return f;
  }

  private data(ts: bigint, f: Flow, from: Address, to: Address, bytes: Buffer): void {
    const seq = f.seq.get(key(from)) ?? 0;
    const ack = f.seq.get(key(to)) ?? 0;
    this.packet(ts, from, to, 6, tcpSegment(from[1], to[1], seq, ack, TCP.PSH | TCP.ACK, bytes));
    f.seq.set(key(from), seq + bytes.length);
  }

  private fin(ts: bigint, f: Flow, from: Address, to: Address): void {
    if (f.finned.has(key(from))) return;
    f.finned.add(key(from));
    const seq = f.seq.get(key(from)) ?? 0;
    this.packet(ts, from, to, 6, tcpSegment(from[1], to[1], seq, f.seq.get(key(to)) ?? 0, TCP.FIN | TCP.ACK, Buffer.alloc(0)));
    f.seq.set(key(from), seq + 1);
  }

  private packet(ts: bigint, from: Address, to: Address, protocol: 6 | 17, segment: Buffer): void {
    this.emit(enhancedPacket(ts, ipPacket(from[0], to[0], protocol, segment)));
  }
}
