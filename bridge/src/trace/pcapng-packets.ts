// Turns recorded socket calls into pcapng packet blocks as they happen: what the sockets moved,
// in reconstructed TCP/UDP packets that tshark and Wireshark can follow. Where the blocks go (a
// file for the CLI, a bounded buffer for a page's session) is the caller's.
import type { Address, SocketEvent } from '@socket-lab/protocol';
import { interfaceDescription, packetBlock, sectionHeader, TCP, type Transport } from './pcapng-blocks.ts';

export const PCAP_COMMENT =
  'Socket Lab trace. Payloads are exactly the bytes the lab\u2019s sockets moved, one packet per send (split at the segment size) or, for a peer outside the lab, per recv, since the lab never sees how that peer sent them; ' +
  'IP, TCP and UDP headers (handshakes, sequence numbers, FINs) are reconstructed by the lab, not captured, and checksums other than IPv4\u2019s are zero. ' +
  'For the wire itself, run `pnpm lab serve <lab> --pcap file --pcap-source capture`.';

/**
 * The MSS Linux advertises on `lo` in its SYN (65,495: IPv4's 65,535 total length less 20 bytes
 * of IP and 20 of TCP header; seen with dumpcap). A real stack may send less per segment (the
 * window decides); the lab never sends more.
 */
export const LOOPBACK_MSS = { ipv4: 65535 - 40, ipv6: 65535 - 40 };

const NOTHING = new Uint8Array(0);
// An endpoint's key, made once per address array: a lab's events of one socket share theirs,
// and a packet needs several (a string per lookup was most of the capture's garbage).
const keys = new WeakMap<Address, string>();
function key(a: Address): string {
  let k = keys.get(a);
  if (k === undefined) keys.set(a, (k = `${a[0]}|${a[1]}`));
  return k;
}

interface Flow {
  seq: Map<string, number>;
  /** Each endpoint's first data sequence number, and the bytes it has read so far: its ACKs. */
  isn: Map<string, number>;
  read: Map<string, number>;
  finned: Set<string>;
  /**
   * Each endpoint's receive queue as the kernel last reported it (a traced call's `kernel` view):
   * the peer's sends are events of another process, which may reach the lab after this end's close.
   */
  queued: Map<string, number>;
  /** An RST crossed: nothing more is written for this connection's ends. */
  reset?: boolean;
}

/** The blocks every file starts with: the section header with `comment`, and the one interface. */
export function pcapngHead(comment: string = PCAP_COMMENT): Buffer {
  return Buffer.concat([sectionHeader(comment), interfaceDescription()]);
}

export class PacketMaker {
  /** Endpoints that belong to lab sockets: their sends are recorded, so their peers' recvs are not repeated. */
  private readonly ours = new Set<string>();
  private readonly flows = new Map<string, Flow>();
  /** Microseconds since 1970 when the recorder started (a Number: exact for 285 years). */
  private readonly t0 = Date.now() * 1000;
  /** The last connection looked up, by its two address arrays (a run of calls on one socket). */
  private last: { a: Address; b: Address; f: Flow } | null = null;

  /** `emit` gets each enhanced packet block, in order. */
  constructor(private readonly emit: (block: Buffer) => void) {}

  /** Called for every recorded call, with all of its bytes. */
  record(e: SocketEvent, data: Uint8Array | undefined): void {
    if (e.local && (e.op === 'bind' || e.op === 'connect' || e.op === 'accept' || e.op === 'sendto')) this.ours.add(key(e.local));
    const bytes = data ?? NOTHING;
    // Milliseconds since the recorder started; made a pcapng timestamp only for a packet written.
    const ts = e.t;
    if (e.error && e.local && e.remote && e.op === 'connect' && e.error.errno === 111) {
      // Refused: the SYN, answered by RST, ACK (no connection, so no flow).
      this.tcp(ts, e.local, e.remote, 999, 0, TCP.SYN, NOTHING);
      this.tcp(ts, e.remote, e.local, 0, 1000, TCP.RST | TCP.ACK, NOTHING);
      return;
    }
    if (e.error && e.local && e.remote && e.op === 'recv' && e.error.errno === 104 && !this.ours.has(key(e.remote))) {
      // A peer outside the lab reset the connection: its RST is known only here.
      const f = this.flow(ts, e.local, e.remote);
      return void this.reset(ts, f, e.remote, e.local);
    }
    if (e.error || !e.local || !e.remote) return;
    const udp = e.op === 'sendto' || e.op === 'recvfrom';
    if (udp) {
      // An empty datagram is a packet too (8 bytes of UDP header); a cut one is written whole, as it crossed the wire.
      if (e.op === 'sendto') this.packet(ts, e.local, e.remote, { protocol: 17, sport: e.local[1], dport: e.remote[1] }, bytes);
      else if (!this.ours.has(key(e.remote))) this.packet(ts, e.remote, e.local, { protocol: 17, sport: e.remote[1], dport: e.local[1] }, bytes);
      return;
    }
    if (e.op === 'connect' || e.op === 'accept') return void this.flow(ts, e.op === 'connect' ? e.local : e.remote, e.op === 'connect' ? e.remote : e.local);
    if ((e.op === 'sendall' || e.op === 'send') && bytes.length > 0) this.data(ts, this.flow(ts, e.local, e.remote), e.local, e.remote, bytes);
    // recv_into reads too (a traced program's makefile() reads that way): what was read is acknowledged.
    else if (e.op === 'recv' || e.op === 'recv_into') {
      const f = this.flow(ts, e.local, e.remote);
      // A peer outside the lab: its bytes, and its FIN (recv returned b''), are known only here.
      if (!this.ours.has(key(e.remote))) {
        if (bytes.length > 0) this.data(ts, f, e.remote, e.local, bytes);
        else this.fin(ts, f, e.remote, e.local);
      }
      // The reader acknowledges what it has read (a stand-in for the kernel's ACKs, which the lab does not see).
      if (bytes.length > 0) this.ack(ts, f, e.local, e.remote, bytes.length);
      if (e.kernel) f.queued.set(key(e.local), e.kernel.recvQueue);
    } else if (e.op === 'close') {
      const f = this.flow(ts, e.local, e.remote);
      // As the kernel does (RFC 2525): a close with received bytes still unread aborts with RST, not FIN.
      if (this.unread(f, e.local, e.remote) > 0) this.reset(ts, f, e.local, e.remote);
      else this.fin(ts, f, e.local, e.remote);
    }
  }

  /**
   * Bytes `from` sent to `reader` that `reader` never read (its FIN, a sequence number, not
   * counted), or what the kernel last said waits unread, if more: the sends may not be here yet.
   */
  private unread(f: Flow, reader: Address, from: Address): number {
    const sent = (f.seq.get(key(from)) ?? 0) - (f.isn.get(key(from)) ?? 0) - (f.finned.has(key(from)) ? 1 : 0);
    return Math.max(sent - (f.read.get(key(reader)) ?? 0), f.queued.get(key(reader)) ?? 0);
  }

  private reset(ts: number, f: Flow, from: Address, to: Address): void {
    if (f.finned.has(key(from)) && f.reset) return;
    f.reset = true;
    f.finned.add(key(from));
    this.tcp(ts, from, to, f.seq.get(key(from)) ?? 0, f.seq.get(key(to)) ?? 0, TCP.RST | TCP.ACK, NOTHING);
  }

  /** The connection of two endpoints, with its handshake written the first time it is seen. */
  private flow(ts: number, client: Address, server: Address): Flow {
    const m = this.last;
    if (m !== null && ((m.a === client && m.b === server) || (m.a === server && m.b === client))) return m.f;
    const k1 = key(client);
    const k2 = key(server);
    const id = k1 < k2 ? `${k1} ${k2}` : `${k2} ${k1}`;
    let f = this.flows.get(id);
    if (!f) {
      const isn = new Map([[key(client), 1000], [key(server), 5000]]);
      f = { seq: new Map(isn), isn, read: new Map(), finned: new Set(), queued: new Map() };
      this.flows.set(id, f);
      const c = 1000;
      const s = 5000;
      this.tcp(ts, client, server, c - 1, 0, TCP.SYN, NOTHING);
      this.tcp(ts, server, client, s - 1, c, TCP.SYN | TCP.ACK, NOTHING);
      this.tcp(ts, client, server, c, s, TCP.ACK, NOTHING);
    }
    this.last = { a: client, b: server, f };
    return f;
  }

  /** A send becomes segments of at most the loopback MSS, as the kernel's would. */
  private data(ts: number, f: Flow, from: Address, to: Address, bytes: Uint8Array): void {
    const ack = f.seq.get(key(to)) ?? 0;
    const mss = from[0].includes(':') ? LOOPBACK_MSS.ipv6 : LOOPBACK_MSS.ipv4;
    for (let at = 0; at < bytes.length; at += mss) {
      const seq = f.seq.get(key(from)) ?? 0;
      const part = bytes.subarray(at, at + mss);
      const last = at + part.length === bytes.length;
      this.tcp(ts, from, to, seq, ack, last ? TCP.PSH | TCP.ACK : TCP.ACK, part);
      f.seq.set(key(from), seq + part.length);
    }
  }

  private ack(ts: number, f: Flow, reader: Address, sender: Address, n: number): void {
    const read = (f.read.get(key(reader)) ?? 0) + n;
    f.read.set(key(reader), read);
    this.tcp(ts, reader, sender, f.seq.get(key(reader)) ?? 0, (f.isn.get(key(sender)) ?? 0) + read, TCP.ACK, NOTHING);
  }

  private fin(ts: number, f: Flow, from: Address, to: Address): void {
    if (f.finned.has(key(from)) || f.reset) return;
    f.finned.add(key(from));
    const seq = f.seq.get(key(from)) ?? 0;
    this.tcp(ts, from, to, seq, f.seq.get(key(to)) ?? 0, TCP.FIN | TCP.ACK, NOTHING);
    f.seq.set(key(from), seq + 1);
  }

  private tcp(ts: number, from: Address, to: Address, seq: number, ack: number, flags: number, payload: Uint8Array): void {
    this.packet(ts, from, to, { protocol: 6, sport: from[1], dport: to[1], seq, ack, flags }, payload);
  }

  private packet(ts: number, from: Address, to: Address, transport: Transport, payload: Uint8Array): void {
    this.emit(packetBlock(this.t0 + Math.round(ts * 1000), from[0], to[0], transport, payload));
  }
}
