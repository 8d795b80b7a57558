// The sequence diagram's arrows: which recv read which send's bytes, matched by byte offset on each
// direction of a connection (TCP) or datagram by datagram (UDP). Built incrementally as events
// arrive, so a million-event session costs one pass.
import type { SocketEvent } from '@socket-lab/protocol';

/** One arrow: `bytes` bytes that the send at event index `from` wrote and the recv at `to` read. */
export interface Arrow {
  from: number;
  to: number;
  bytes: number;
  /** Where these bytes start in the send's own bytes, and in the recv's. */
  fromOffset: number;
  toOffset: number;
  udp: boolean;
}

const TCP_WRITES = new Set(['send', 'sendall']);
const TCP_READS = new Set(['recv', 'recv_into']);
const UDP_WRITES = new Set(['sendto']);
const UDP_READS = new Set(['recvfrom', 'recvfrom_into']);

/** A run of one direction's stream that one call moved. */
interface Segment {
  index: number;
  start: number;
  end: number;
}

/** One direction of a TCP connection: the offsets every send wrote and every recv read. */
interface Stream {
  sends: Segment[];
  recvs: Segment[];
  sent: number;
  read: number;
}

interface Datagram {
  index: number;
  hex: string;
  size: number;
}

/** One direction between two UDP ports: datagrams sent that no recvfrom has matched yet, and the reverse. */
interface Flow {
  sent: Datagram[];
  read: Datagram[];
}

/** Datagrams kept waiting for their other end, per direction: older ones count as lost. */
const MAX_UNMATCHED = 4096;

/**
 * Every socket in the lab is on loopback, where a port names one endpoint; hosts differ only in
 * spelling (`''`, `0.0.0.0`, `127.0.0.1`, `::1`), so directions are keyed by ports.
 */
const direction = (from: number, to: number, udp: boolean) => `${udp ? 'u' : 't'}${from}>${to}`;

/** The first segment whose end lies past `offset` (segments are contiguous and in order). */
function firstEndingAfter(list: Segment[], offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether one preview of a datagram's bytes agrees with another (either may be cut, or truncated by recvfrom). */
const sameDatagram = (a: Datagram, b: Datagram) => (a.hex.length <= b.hex.length ? b.hex.startsWith(a.hex) : a.hex.startsWith(b.hex));

export class SequenceIndex {
  private readonly streams = new Map<string, Stream>();
  private readonly flows = new Map<string, Flow>();
  /**
   * Arrows by the event index at each of their ends, in the order of their other end, with the
   * bytes of those up to each (a send read by 65,536 recv(1) calls is asked about per frame:
   * binary searches, not walks).
   */
  private readonly byIndex = new Map<number, Ends>();
  /** Events indexed so far. */
  count = 0;

  /** Adds the next event (its index in the lab's list is `count`). */
  add(e: SocketEvent): void {
    const index = this.count++;
    if (e.error || e.size === 0 || !e.local || !e.remote) {
      // A connect reuses a port pair only after the old connection is gone: its offsets start
      // again. Not while bytes are in flight: those are this connection's, sent by a server that
      // spoke first and was reported before the client's connect.
      if (e.op === 'connect' && e.local && e.remote && !e.error) {
        const keys = [direction(e.local[1], e.remote[1], false), direction(e.remote[1], e.local[1], false)];
        const settled = keys.every((k) => {
          const s = this.streams.get(k);
          return !s || s.sent === s.read;
        });
        if (settled) for (const k of keys) this.streams.delete(k);
      }
      return;
    }
    const [here, there] = [e.local[1], e.remote[1]];
    if (TCP_WRITES.has(e.op)) this.tcp(direction(here, there, false), index, e.size, 'sends');
    else if (TCP_READS.has(e.op)) this.tcp(direction(there, here, false), index, e.size, 'recvs');
    else if (UDP_WRITES.has(e.op)) this.udp(direction(here, there, true), { index, hex: e.hex, size: e.size }, 'sent');
    else if (UDP_READS.has(e.op)) this.udp(direction(there, here, true), { index, hex: e.hex, size: e.size }, 'read');
  }

  /** The arrows that start or end at event `index`, by their other end. */
  at(index: number): readonly Arrow[] {
    return this.byIndex.get(index)?.arrows ?? [];
  }

  /**
   * The arrows at event `index` whose other end lies in [lo, hi], and the nearest beyond each
   * bound (so an arrow leaving the view still shows), however many the event has.
   */
  near(index: number, lo: number, hi: number): readonly Arrow[] {
    const ends = this.byIndex.get(index);
    if (!ends) return [];
    const first = Math.max(0, ends.firstAtOrAfter(index, lo) - 1);
    const last = Math.min(ends.arrows.length, ends.firstAtOrAfter(index, hi + 1) + 1);
    return ends.arrows.slice(first, last);
  }

  /** Bytes of the send at `index` that a recv at or before event index `until` read. */
  readOf(index: number, until = Infinity): number {
    const ends = this.byIndex.get(index);
    if (!ends) return 0;
    const n = ends.firstAtOrAfter(index, until + 1);
    return n === 0 ? 0 : ends.bytes[n - 1]!;
  }

  private tcp(key: string, index: number, size: number, side: 'sends' | 'recvs'): void {
    let s = this.streams.get(key);
    if (!s) this.streams.set(key, (s = { sends: [], recvs: [], sent: 0, read: 0 }));
    const start = side === 'sends' ? s.sent : s.read;
    const seg = { index, start, end: start + size };
    if (side === 'sends') s.sent = seg.end;
    else s.read = seg.end;
    s[side].push(seg);
    // Whatever of the other side already covers these offsets: a recv can be reported before the
    // send that fed it (two processes report on their own), so either end may come second.
    const other = side === 'sends' ? s.recvs : s.sends;
    for (let i = firstEndingAfter(other, seg.start); i < other.length && other[i]!.start < seg.end; i++) {
      const o = other[i]!;
      const [send, recv] = side === 'sends' ? [seg, o] : [o, seg];
      const from = Math.max(send.start, recv.start);
      const to = Math.min(send.end, recv.end);
      this.link({ from: send.index, to: recv.index, bytes: to - from, fromOffset: from - send.start, toOffset: from - recv.start, udp: false });
    }
  }

  private udp(key: string, d: Datagram, side: 'sent' | 'read'): void {
    let f = this.flows.get(key);
    if (!f) this.flows.set(key, (f = { sent: [], read: [] }));
    const other = side === 'sent' ? f.read : f.sent;
    // Datagrams may arrive out of order: the oldest unmatched one with the same bytes is this one.
    const i = other.findIndex((o) => sameDatagram(o, d));
    if (i < 0) {
      const mine = f[side];
      mine.push(d);
      if (mine.length > MAX_UNMATCHED) mine.shift();
      return;
    }
    const [o] = other.splice(i, 1);
    const [send, recv] = side === 'sent' ? [d, o!] : [o!, d];
    this.link({ from: send.index, to: recv.index, bytes: recv.size, fromOffset: 0, toOffset: 0, udp: true });
  }

  private link(a: Arrow): void {
    for (const end of a.from === a.to ? [a.from] : [a.from, a.to]) {
      let ends = this.byIndex.get(end);
      if (!ends) this.byIndex.set(end, (ends = new Ends()));
      ends.add(end, a);
    }
  }
}

/** The far end of `a` seen from event `index` (a loop's: itself). */
const otherEnd = (a: Arrow, index: number) => (a.from === index ? a.to : a.from);

/** One event's arrows in the order of their other end, and the bytes they carry up to each (sends' only). */
class Ends {
  readonly arrows: Arrow[] = [];
  /** bytes[i]: the bytes of arrows[0..i] that this event sent. */
  readonly bytes: number[] = [];

  add(index: number, a: Arrow): void {
    // Almost always at the end (the other ends arrive in order); else put in its place.
    let at = this.arrows.length;
    while (at > 0 && otherEnd(this.arrows[at - 1]!, index) > otherEnd(a, index)) at--;
    this.arrows.splice(at, 0, a);
    this.bytes.length = this.arrows.length;
    for (let i = at; i < this.arrows.length; i++) {
      const x = this.arrows[i]!;
      this.bytes[i] = (i > 0 ? this.bytes[i - 1]! : 0) + (x.from === index ? x.bytes : 0);
    }
  }

  /** How many arrows have their other end before `end`. */
  firstAtOrAfter(index: number, end: number): number {
    let lo = 0;
    let hi = this.arrows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (otherEnd(this.arrows[mid]!, index) < end) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
