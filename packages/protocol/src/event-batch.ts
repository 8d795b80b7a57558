// A batch of events as one binary WebSocket message: the form the page asks for (`events=binary`
// on the upgrade). Same events, same values: a batch decodes to exactly the `events` message the
// JSON form would have carried (the tests hold it to that). Control messages stay JSON text.
//
// Why this shape: JSON.stringify and JSON.parse are native and fast, so a format that does its
// work field by field in JavaScript loses to them (measured: a first version that wrote payload
// bytes and one JSON object per event cost 4-7 µs an event to encode and 12 to decode, JSON 1-2).
// Here the per-event work is a fixed 64-byte record of numbers; the text goes in two pieces the
// engine handles natively, once per batch: every event's hex joined into one ASCII run, and one
// JSON document of the batch's strings, addresses and the rare fields.
//
// Layout, little-endian:
//   header (32 bytes): u32 magic "SLE2", u32 count, f64 dropped, u32 hexBytes, u32 tailBytes, u64 0
//   count records of 64 bytes:
//     f64 seq, f64 t, f64 size, f64 kept, f64 arg,
//     u8 lab, u8 role, u8 op, u8 flags (KEPT, ARG, TRUNCATED),
//     u32 socket (into strings), u32 local, u32 remote (into addresses; NONE for null),
//     u32 hex length (UTF-16 units, of the hex run), u32 other fields (into extras; NONE)
//   hexBytes of UTF-8: every event's hex, one after another
//   tailBytes of UTF-8 JSON: {"s": [strings], "a": [[host, port], …], "x": [{field: value, …}, …]}
// Lab, role and op are indices into LAB_IDS and the schemas' lists.
import { LAB_IDS, opSchema, roleSchema, socketEventSchema, type SocketEvent } from './events.ts';
import { isAddress, isCount, isPlainEvent, isPlainExtra } from './fast-events.ts';

export const EVENT_BATCH_MAGIC = 0x32454c53; // "SLE2" as read little-endian
export const EVENT_BATCH_HEADER_BYTES = 32;
export const EVENT_BATCH_RECORD_BYTES = 64;
/** The query parameter of the WebSocket upgrade by which a page asks for binary batches. */
export const BINARY_EVENTS_PARAM = 'events';
export const BINARY_EVENTS_VALUE = 'binary';

export const BATCH_FLAGS = { KEPT: 1, ARG: 2, TRUNCATED: 4 } as const;
const { KEPT, ARG, TRUNCATED } = BATCH_FLAGS;
const NONE = 0xffffffff;
const ROLES: readonly string[] = roleSchema.options;
const OPS: readonly string[] = opSchema.options;
const LABS: readonly string[] = LAB_IDS;
const LAB_INDEX = new Map(LABS.map((x, i) => [x, i]));
const ROLE_INDEX = new Map(ROLES.map((x, i) => [x, i]));
const OP_INDEX = new Map(OPS.map((x, i) => [x, i]));
/** How many of an event's keys the record carries: 10 always, and truncated, kept, arg if set. */
const ALWAYS = 10;
const FIXED = new Set(['seq', 't', 'lab', 'socket', 'role', 'op', 'local', 'remote', 'size', 'hex', 'truncated', 'kept', 'arg']);

const utf8 = new TextEncoder();

/** A function giving each value its index in `list`, appending it the first time it is seen. */
function interner<T>(list: T[]): (value: T) => number {
  const refs = new Map<T, number>();
  return (value) => {
    let r = refs.get(value);
    if (r === undefined) {
      r = list.push(value) - 1;
      refs.set(value, r);
    }
    return r;
  };
}

/** A fresh buffer's size: a few events' worth, as most batches of a page at a student's pace are. */
const FIRST_BYTES = 16 * 1024;
/** Buffers an encoder keeps for reuse, and the largest it keeps. */
const POOL = 4;
const POOLED_BYTES = 8 * 1024 * 1024;

/**
 * Encodes batches. Each batch is written straight into a buffer of the encoder's, lent to the
 * caller until it hands it back with release() (once the bytes are sent): a fresh buffer for each
 * batch cost as much as the encoding, in first touches of its pages.
 */
export class EventBatchEncoder {
  // Nothing until the first batch: a session that never sends events holds no buffer (a hall of
  // pages zero-filled 128 KiB each at the start, a buffer the first batch then replaced).
  private bytes = new Uint8Array(0);
  private view = new DataView(this.bytes.buffer);
  private readonly spares: Array<Uint8Array<ArrayBuffer>> = [];

  /** Gives back a batch's bytes: the encoder may write the next batch into them. */
  release(batch: Uint8Array<ArrayBuffer>): void {
    if (this.spares.length < POOL && batch.buffer.byteLength <= POOLED_BYTES && batch.byteOffset === 0) this.spares.push(new Uint8Array(batch.buffer));
  }

  encode(events: readonly SocketEvent[], dropped: number): Uint8Array<ArrayBuffer> {
    // A batch's size is not known until it is written: a fresh buffer starts small and grows
    // (room), and a grown one is kept for the next batches when it is released.
    this.bytes = this.spares.pop() ?? new Uint8Array(FIRST_BYTES);
    this.view = new DataView(this.bytes.buffer);
    const strings: string[] = [];
    const addresses: Array<readonly [string, number]> = [];
    const extras: Array<Record<string, unknown>> = [];
    const ref = interner(strings);
    // Events of one socket share their address arrays: looked up by identity.
    const addressRef = interner(addresses);
    const address = (a: SocketEvent['local']): number => (a === null ? NONE : addressRef(a));
    const hexAt = EVENT_BATCH_HEADER_BYTES + events.length * EVENT_BATCH_RECORD_BYTES;
    this.room(hexAt);
    let v = this.view;
    let o = EVENT_BATCH_HEADER_BYTES;
    // Each event's hex goes straight to its place after the records (joining a batch's hex into
    // one string first cost ten times as much: Array#join, or flattening a rope made by +=).
    let h = hexAt;
    for (let i = 0; i < events.length; i++, o += EVENT_BATCH_RECORD_BYTES) {
      const e = events[i]!;
      let flags = 0;
      let keys = ALWAYS;
      if (e.truncated !== undefined) keys++;
      if (e.kept !== undefined) (flags |= KEPT), keys++;
      if (e.arg !== undefined) (flags |= ARG), keys++;
      let extra: Record<string, unknown> | null = null;
      if (e.truncated === true) flags |= TRUNCATED;
      else if (e.truncated !== undefined) extra = { truncated: e.truncated };
      // Any key beyond those is one of the rare fields (a counted pass first: most events have none).
      let n = 0;
      for (const _ in e) n++;
      if (n > keys) {
        for (const k in e) if (!FIXED.has(k)) (extra ??= {})[k] = (e as Record<string, unknown>)[k];
      }
      const hex = e.hex;
      if (h + hex.length * 3 > this.bytes.length) {
        this.room(h + hex.length * 3);
        v = this.view;
      }
      // Hex is ASCII: a short run is copied by hand (encodeInto's subarray and call cost more
      // than the copy for the few bytes most calls move), a long one natively.
      if (hex.length <= 64) {
        const b = this.bytes;
        for (let j = 0; j < hex.length; j++) b[h + j] = hex.charCodeAt(j);
        h += hex.length;
      } else h += utf8.encodeInto(hex, this.bytes.subarray(h)).written;
      v.setFloat64(o, e.seq, true);
      v.setFloat64(o + 8, e.t, true);
      v.setFloat64(o + 16, e.size, true);
      v.setFloat64(o + 24, e.kept ?? 0, true);
      v.setFloat64(o + 32, e.arg ?? 0, true);
      v.setUint8(o + 40, LAB_INDEX.get(e.lab) ?? 255);
      v.setUint8(o + 41, ROLE_INDEX.get(e.role) ?? 255);
      v.setUint8(o + 42, OP_INDEX.get(e.op) ?? 255);
      v.setUint8(o + 43, flags);
      v.setUint32(o + 44, ref(e.socket), true);
      v.setUint32(o + 48, address(e.local), true);
      v.setUint32(o + 52, address(e.remote), true);
      v.setUint32(o + 56, hex.length, true);
      v.setUint32(o + 60, extra === null ? NONE : extras.push(extra) - 1, true);
    }
    const tail = JSON.stringify({ s: strings, a: addresses, x: extras });
    this.room(h + tail.length * 3);
    const hexBytes = h - hexAt;
    const tailBytes = utf8.encodeInto(tail, this.bytes.subarray(h)).written;
    // The buffer may have grown since the records: its view now.
    const head = this.view;
    head.setUint32(0, EVENT_BATCH_MAGIC, true);
    head.setUint32(4, events.length, true);
    head.setFloat64(8, dropped, true);
    head.setUint32(16, hexBytes, true);
    head.setUint32(20, tailBytes, true);
    head.setFloat64(24, 0, true);
    return this.bytes.subarray(0, h + tailBytes);
  }

  /** Makes room for `size` bytes in all. */
  private room(size: number): void {
    if (size <= this.bytes.length) return;
    let bigger = this.bytes.length * 2;
    while (bigger < size) bigger *= 2;
    const grown = new Uint8Array(bigger);
    grown.set(this.bytes);
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}

export type BatchResult = { ok: true; value: { type: 'events'; events: SocketEvent[]; dropped: number } } | { ok: false; code: 'bad-message'; message: string };

class BatchError extends Error {}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes one binary batch; the page's door for binary frames, as parseServerMessage is for text. */
export function decodeEventBatch(data: ArrayBuffer | Uint8Array): BatchResult {
  try {
    return { ok: true, value: decode(data instanceof Uint8Array ? data : new Uint8Array(data)) };
  } catch (e) {
    if (!(e instanceof BatchError || e instanceof RangeError || e instanceof TypeError || e instanceof SyntaxError)) throw e;
    return { ok: false, code: 'bad-message', message: `not a valid binary event batch: ${(e as Error).message}` };
  }
}

const fail = (why: string): never => {
  throw new BatchError(why);
};

function decode(bytes: Uint8Array): { type: 'events'; events: SocketEvent[]; dropped: number } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < EVENT_BATCH_HEADER_BYTES) fail(`${bytes.length} bytes is shorter than its header`);
  if (v.getUint32(0, true) !== EVENT_BATCH_MAGIC) fail('it does not start with "SLE2"');
  const count = v.getUint32(4, true);
  const dropped = v.getFloat64(8, true);
  if (!isCount(dropped)) fail(`dropped is ${dropped}`);
  const hexAt = EVENT_BATCH_HEADER_BYTES + count * EVENT_BATCH_RECORD_BYTES;
  const tailAt = hexAt + v.getUint32(16, true);
  const end = tailAt + v.getUint32(20, true);
  if (end !== bytes.length) fail(`its parts add up to ${end} bytes, not its ${bytes.length}: cut off or padded`);
  const hex = utf8Decoder.decode(bytes.subarray(hexAt, tailAt));
  const tail: unknown = JSON.parse(utf8Decoder.decode(bytes.subarray(tailAt, end)));
  if (typeof tail !== 'object' || tail === null) fail('its strings are not a JSON object');
  const { s: strings, a: addresses, x: extras } = tail as { s: unknown; a: unknown; x: unknown };
  if (!Array.isArray(strings) || !strings.every((x) => typeof x === 'string')) fail('its strings are not a list of strings');
  if (!Array.isArray(addresses) || !addresses.every((a) => a !== null && isAddress(a))) fail('its addresses are not a list of [host, port]');
  if (!Array.isArray(extras) || !extras.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x))) fail('its other fields are not a list of objects');
  const ss = strings as string[];
  const as = addresses as Array<[string, number]>;
  const xs = extras as Array<Record<string, unknown>>;
  const events: SocketEvent[] = new Array(count);
  let h = 0;
  for (let i = 0, o = EVENT_BATCH_HEADER_BYTES; i < count; i++, o += EVENT_BATCH_RECORD_BYTES) {
    const seq = v.getFloat64(o, true);
    const t = v.getFloat64(o + 8, true);
    const size = v.getFloat64(o + 16, true);
    const flags = v.getUint8(o + 43);
    if (!isCount(seq) || !(t >= 0 && t < Infinity) || !isCount(size)) fail(`event ${i} has seq ${seq}, t ${t}, size ${size}`);
    const socket = ss[v.getUint32(o + 44, true)] ?? fail(`event ${i} names string ${v.getUint32(o + 44, true)} of ${ss.length}`);
    const n = v.getUint32(o + 56, true);
    if (h + n > hex.length) fail(`event ${i}'s hex runs past the ${hex.length} there are`);
    const event = {
      seq,
      t,
      lab: LABS[v.getUint8(o + 40)] ?? fail(`event ${i} names lab #${v.getUint8(o + 40)}`),
      socket,
      role: ROLES[v.getUint8(o + 41)] ?? fail(`event ${i} names role #${v.getUint8(o + 41)}`),
      op: OPS[v.getUint8(o + 42)] ?? fail(`event ${i} names op #${v.getUint8(o + 42)}`),
      local: addressOf(as, v.getUint32(o + 48, true), i),
      remote: addressOf(as, v.getUint32(o + 52, true), i),
      size,
      hex: hex.slice(h, h + n),
    } as SocketEvent;
    h += n;
    if (flags & TRUNCATED) event.truncated = true;
    if (flags & KEPT) {
      event.kept = v.getFloat64(o + 24, true);
      if (!isCount(event.kept)) fail(`event ${i} has kept ${event.kept}`);
    }
    if (flags & ARG) {
      event.arg = v.getFloat64(o + 32, true);
      if (!Number.isSafeInteger(event.arg)) fail(`event ${i} has arg ${event.arg}`);
    }
    const x = v.getUint32(o + 60, true);
    if (x === NONE) events[i] = event;
    else {
      const extra = xs[x] ?? fail(`event ${i} names other fields ${x} of ${xs.length}`);
      // The fixed fields are checked above: fields of known shapes need only their own check.
      const plain = isPlainExtra(extra, FIXED);
      // Copied into the event; a "__proto__" key is left out, as zod leaves out a key it does not know.
      for (const k in extra) if (Object.hasOwn(extra, k) && k !== '__proto__') (event as Record<string, unknown>)[k] = extra[k];
      events[i] = plain ? event : checked(event, i);
    }
  }
  if (h !== hex.length) fail(`${hex.length - h} characters of hex belong to no event`);
  return { type: 'events', events, dropped };
}

function addressOf(as: Array<[string, number]>, ref: number, i: number): [string, number] | null {
  if (ref === NONE) return null;
  return as[ref] ?? fail(`event ${i} names address ${ref} of ${as.length}`);
}

/** An event with fields beyond the fixed part: checked as the JSON form's would be. */
function checked(e: unknown, i: number): SocketEvent {
  if (isPlainEvent(e)) return e;
  const parsed = socketEventSchema.safeParse(e);
  if (!parsed.success) throw new BatchError(`event ${i}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
