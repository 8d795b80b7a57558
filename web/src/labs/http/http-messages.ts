// The HTTP lab's messages as the server's sockets saw them: for each connection it accepted, the
// bytes its recvs read and its sends wrote, each direction marked by framing's markHttp, and for
// each part the events that carried it (a request line may span many recvs; one recv may hold
// two requests).
import { fromHex } from '@socket-lab/bytes';
import { markHttp, spansIn, type HttpPart } from '@socket-lab/framing';
import type { SocketEvent } from '@socket-lab/protocol';

export interface MarkedPart {
  part: HttpPart;
  message: number;
  text: string;
  /** The seqs of the events whose bytes hold a part of it. */
  seqs: number[];
}

export interface MarkedStream {
  parts: MarkedPart[];
  /** What is still arriving, or why marking stopped. */
  note: string | null;
}

export interface MarkedConnection {
  socket: string;
  remotePort: number;
  request: MarkedStream;
  response: MarkedStream;
}

const READS = new Set(['recv', 'recv_into']);
const WRITES = new Set(['send', 'sendall']);
const latin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join('');

interface Joined {
  stream: Uint8Array;
  /** Where each event's bytes start in the stream. */
  starts: { at: number; seq: number }[];
  /** The event whose cut preview stopped the stream (its whole bytes not fetched yet), if any. */
  cutAt: number | null;
}

/** Events whose preview was cut: their whole bytes may be fetched (`full`, by seq, as hex). */
function joined(events: SocketEvent[], full: ReadonlyMap<number, string>): Joined {
  const chunks: Uint8Array[] = [];
  const starts: { at: number; seq: number }[] = [];
  let at = 0;
  let cutAt: number | null = null;
  for (const e of events) {
    if (cutAt !== null) break;
    const whole = full.get(e.seq);
    const b = fromHex(whole ?? e.hex);
    starts.push({ at, seq: e.seq });
    chunks.push(b);
    at += b.length;
    // What follows a cut preview in the stream is not known here.
    if (e.truncated && whole === undefined) cutAt = e.seq;
  }
  const stream = new Uint8Array(at);
  let o = 0;
  for (const c of chunks) (stream.set(c, o), (o += c.length));
  return { stream, starts, cutAt };
}

function marked(events: SocketEvent[], full: ReadonlyMap<number, string>, failed: ReadonlyMap<number, string>): MarkedStream {
  const { stream, starts, cutAt } = joined(events, full);
  const at = stream.length;
  const marks = markHttp(stream);
  const seqsOf = (start: number, end: number) => starts.filter((s, i) => s.at < end && (starts[i + 1]?.at ?? at) > start).map((s) => s.seq);
  const parts = marks.spans.map((s) => ({
    part: s.part,
    message: s.message,
    text: s.part === 'body' ? latin1(stream.subarray(s.start, s.end)) : s.text,
    seqs: seqsOf(s.start, s.end),
  }));
  const note = marks.problem
    ? marks.problem.message
    : cutAt !== null
      ? failed.has(cutAt)
        ? `marked up to #${cutAt}: the rest of its bytes could not be fetched (${failed.get(cutAt)})`
        : 'fetching the rest of the bytes\u2026'
      : marks.pending
        ? `${marks.pending.what === 'head' ? 'a head' : 'a body'} still arriving (${at - marks.pending.start} bytes so far)`
        : null;
  return { parts, note };
}

/** One part of HTTP within one event's bytes, in that event's own offsets. */
export interface EventPart {
  start: number;
  end: number;
  part: HttpPart;
  message: number;
  text: string;
}

/** The server socket's events of the same direction as `e`, in order, up to and with it. */
function directionOf(events: SocketEvent[], e: SocketEvent): SocketEvent[] {
  const family = READS.has(e.op) ? READS : WRITES;
  return events.filter((x) => x.socket === e.socket && x.pid !== undefined && !x.error && x.size > 0 && family.has(x.op) && x.seq <= e.seq);
}

/** What of HTTP `e`'s bytes hold (an accepted connection's recv or send), or [] if it is not one. */
export function eventParts(events: SocketEvent[], e: SocketEvent, full: ReadonlyMap<number, string> = new Map()): EventPart[] {
  if (e.pid === undefined || e.role !== 'peer' || e.size === 0 || !(READS.has(e.op) || WRITES.has(e.op))) return [];
  const { stream, starts } = joined(directionOf(events, e), full);
  const mine = starts.find((s) => s.seq === e.seq);
  if (!mine) return [];
  const end = mine.at + (full.has(e.seq) ? full.get(e.seq)!.length / 2 : e.hex.length / 2);
  return spansIn(markHttp(stream), mine.at, end).map((s) => ({ start: s.start - mine.at, end: s.end - mine.at, part: s.part, message: s.message, text: s.text }));
}

/**
 * The server's connections (newest last), each direction marked. `full`: whole bytes fetched, by
 * seq (hex); `failed`: why fetching an event's whole bytes failed, by seq.
 */
export function httpConnections(
  events: SocketEvent[],
  full: ReadonlyMap<number, string> = new Map(),
  keep = 4,
  failed: ReadonlyMap<number, string> = new Map(),
): MarkedConnection[] {
  const by = new Map<string, SocketEvent[]>();
  for (const e of events) {
    if (e.pid === undefined || e.role !== 'peer' || e.error) continue;
    if (!READS.has(e.op) && !WRITES.has(e.op) && e.op !== 'accept') continue;
    let list = by.get(e.socket);
    if (!list) by.set(e.socket, (list = []));
    list.push(e);
  }
  return [...by.entries()].slice(-keep).map(([socket, list]) => ({
    socket,
    remotePort: list[0]!.remote?.[1] ?? 0,
    request: marked(list.filter((e) => READS.has(e.op) && e.size > 0), full, failed),
    response: marked(list.filter((e) => WRITES.has(e.op) && e.size > 0), full, failed),
  }));
}

/** The cut events of the connections shown: the ones whose whole bytes the panel fetches. */
export function cutEvents(events: SocketEvent[], keep = 4): SocketEvent[] {
  const shown = new Set(httpSockets(events).slice(-keep));
  return events.filter((e) => e.truncated && e.role === 'peer' && e.pid !== undefined && shown.has(e.socket) && (READS.has(e.op) || WRITES.has(e.op)));
}

function httpSockets(events: SocketEvent[]): string[] {
  const seen = new Set<string>();
  for (const e of events) if (e.pid !== undefined && e.role === 'peer' && !e.error) seen.add(e.socket);
  return [...seen];
}
