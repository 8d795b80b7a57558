// A batch of events as one binary WebSocket message: the form the page asks for (`events=binary`
// on the upgrade), since JSON.stringify of every event was most of what recording cost the bridge
// and JSON.parse a large part of what taking it cost the page. Same events, same values: a batch
// decodes to exactly the `events` message the JSON form would have carried (the tests hold it to
// that). Control messages stay JSON text.
//
// Layout, little-endian. Header (24 bytes):
//   u32 magic "SLE1"   u32 count   f64 dropped   u32 stringCount   u32 stringsAt
// then `count` events, each:
//   f64 seq   f64 t   f64 size   u8 lab   u8 role   u8 op   u8 flags
//   u32 socket   u32 local   u32 remote          (string refs; NONE for a null address)
//   [f64 kept]   if flags & KEPT
//   [f64 arg]    if flags & ARG
//   [u32 m, then m bytes]  if flags & EXTRA: the JSON object of the event's other fields, UTF-8
//                (inline: it seldom repeats, so a string ref would cost a lookup for nothing)
//   u32 n, then the n bytes `hex` spells (or, if flags & HEX_TEXT, a u32 string ref to the text)
// then, at `stringsAt`, `stringCount` strings, each u32 byte length + UTF-8. An address is the
// JSON text of its [host, port]. Lab, role and op are indices into LAB_IDS and the schemas' lists.
import { toHex } from '@socket-lab/bytes';
import { LAB_IDS, opSchema, roleSchema, socketEventSchema, type SocketEvent } from './events.ts';
import { isPlainEvent } from './fast-events.ts';

export const EVENT_BATCH_MAGIC = 0x31454c53; // "SLE1" as read little-endian
export const EVENT_BATCH_HEADER_BYTES = 24;
/** The query parameter of the WebSocket upgrade by which a page asks for binary batches. */
export const BINARY_EVENTS_PARAM = 'events';
export const BINARY_EVENTS_VALUE = 'binary';

export const BATCH_FLAGS = { ARG: 1, TRUNCATED: 2, KEPT: 4, EXTRA: 8, HEX_TEXT: 16 } as const;
const { ARG, TRUNCATED, KEPT, EXTRA, HEX_TEXT } = BATCH_FLAGS;
const NONE = 0xffffffff;
const ROLES: readonly string[] = roleSchema.options;
const OPS: readonly string[] = opSchema.options;
const LABS: readonly string[] = LAB_IDS;
const LAB_INDEX = new Map(LABS.map((x, i) => [x, i]));
const ROLE_INDEX = new Map(ROLES.map((x, i) => [x, i]));
const OP_INDEX = new Map(OPS.map((x, i) => [x, i]));
/** Fields the fixed part carries; any other goes in the event's extra JSON. */
const FIXED = new Set(['seq', 't', 'lab', 'socket', 'role', 'op', 'local', 'remote', 'size', 'hex', 'truncated', 'kept', 'arg']);

/** A hex digit's value, for lowercase digits only (what Buffer#toString('hex') writes); else -1. */
const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) NIBBLE[97 + i] = 10 + i;

const utf8 = new TextEncoder();

/** Encodes batches, reusing one growing buffer (each batch is returned as a copy of its bytes). */
export class EventBatchEncoder {
  private bytes = new Uint8Array(64 * 1024);
  private view = new DataView(this.bytes.buffer);
  private readonly refs = new Map<string, number>();
  private readonly strings: string[] = [];
  /** The string ref of each address array (events of one socket share theirs). */
  private readonly addressRefs = new Map<readonly unknown[], number>();

  encode(events: readonly SocketEvent[], dropped: number): Uint8Array {
    this.refs.clear();
    this.strings.length = 0;
    this.addressRefs.clear();
    let o = EVENT_BATCH_HEADER_BYTES;
    for (let i = 0; i < events.length; i++) o = this.event(events[i]!, o);
    const stringsAt = o;
    for (const s of this.strings) {
      this.room(o, 4 + s.length * 3);
      const { written } = utf8.encodeInto(s, this.bytes.subarray(o + 4));
      this.view.setUint32(o, written, true);
      o += 4 + written;
    }
    const v = this.view;
    v.setUint32(0, EVENT_BATCH_MAGIC, true);
    v.setUint32(4, events.length, true);
    v.setFloat64(8, dropped, true);
    v.setUint32(16, this.strings.length, true);
    v.setUint32(20, stringsAt, true);
    return this.bytes.slice(0, o);
  }

  private event(e: SocketEvent, start: number): number {
    const hex = e.hex;
    let o = start;
    let flags = 0;
    let extra: Record<string, unknown> | null = null;
    for (const k in e) {
      if (!FIXED.has(k)) (extra ??= {})[k] = (e as Record<string, unknown>)[k];
    }
    if (e.truncated === true) flags |= TRUNCATED;
    else if (e.truncated !== undefined) (extra ??= {}).truncated = e.truncated;
    const extraJson = extra === null ? '' : JSON.stringify(extra);
    this.room(o, 64 + (hex.length >> 1) + extraJson.length * 3);
    const v = this.view;
    if (e.kept !== undefined) flags |= KEPT;
    if (e.arg !== undefined) flags |= ARG;
    if (extra !== null) flags |= EXTRA;
    v.setFloat64(o, e.seq, true);
    v.setFloat64(o + 8, e.t, true);
    v.setFloat64(o + 16, e.size, true);
    v.setUint8(o + 24, LAB_INDEX.get(e.lab) ?? 255);
    v.setUint8(o + 25, ROLE_INDEX.get(e.role) ?? 255);
    v.setUint8(o + 26, OP_INDEX.get(e.op) ?? 255);
    v.setUint32(o + 28, this.ref(e.socket), true);
    v.setUint32(o + 32, this.address(e.local), true);
    v.setUint32(o + 36, this.address(e.remote), true);
    o += 40;
    if (flags & KEPT) {
      v.setFloat64(o, e.kept!, true);
      o += 8;
    }
    if (flags & ARG) {
      v.setFloat64(o, e.arg!, true);
      o += 8;
    }
    if (extra !== null) {
      const { written } = utf8.encodeInto(extraJson, this.bytes.subarray(o + 4));
      v.setUint32(o, written, true);
      o += 4 + written;
    }
    // The bytes the hex spells; a hex that is not Buffer's lowercase form goes as its text.
    const n = hex.length >> 1;
    const bytes = this.bytes;
    let bad = hex.length & 1;
    for (let j = 0, p = o + 4; j < hex.length; j += 2) {
      const hi = NIBBLE[hex.charCodeAt(j)] ?? -1;
      const lo = NIBBLE[hex.charCodeAt(j + 1)] ?? -1;
      bad |= (hi | lo) & 0x80;
      bytes[p++] = (hi << 4) | lo;
    }
    if (bad) {
      v.setUint8(start + 27, flags | HEX_TEXT);
      v.setUint32(o, this.ref(hex), true);
      return o + 4;
    }
    v.setUint8(start + 27, flags);
    v.setUint32(o, n, true);
    return o + 4 + n;
  }

  private ref(s: string): number {
    let r = this.refs.get(s);
    if (r === undefined) {
      r = this.strings.length;
      this.strings.push(s);
      this.refs.set(s, r);
    }
    return r;
  }

  private address(a: SocketEvent['local']): number {
    if (a === null) return NONE;
    let r = this.addressRefs.get(a);
    if (r === undefined) {
      r = this.ref(JSON.stringify(a));
      this.addressRefs.set(a, r);
    }
    return r;
  }

  /** Makes room for `need` bytes at `o`. */
  private room(o: number, need: number): void {
    if (o + need <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < o + need) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.bytes.subarray(0, o));
    this.bytes = bigger;
    this.view = new DataView(bigger.buffer);
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

function decode(bytes: Uint8Array): { type: 'events'; events: SocketEvent[]; dropped: number } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (why: string): never => {
    throw new BatchError(why);
  };
  if (bytes.length < EVENT_BATCH_HEADER_BYTES) fail(`${bytes.length} bytes is shorter than its header`);
  if (v.getUint32(0, true) !== EVENT_BATCH_MAGIC) fail('it does not start with "SLE1"');
  const count = v.getUint32(4, true);
  const dropped = v.getFloat64(8, true);
  if (!isCount(dropped)) fail(`dropped is ${dropped}`);
  const stringCount = v.getUint32(16, true);
  const stringsAt = v.getUint32(20, true);
  if (stringsAt > bytes.length || stringsAt < EVENT_BATCH_HEADER_BYTES) fail(`its strings start at ${stringsAt}, outside its ${bytes.length} bytes`);
  const strings: string[] = [];
  for (let i = 0, o = stringsAt; i < stringCount; i++) {
    if (o + 4 > bytes.length) fail(`string ${i} of ${stringCount} is cut off`);
    const n = v.getUint32(o, true);
    if (o + 4 + n > bytes.length) fail(`string ${i} of ${stringCount} is cut off`);
    strings.push(utf8Decoder.decode(bytes.subarray(o + 4, o + 4 + n)));
    o += 4 + n;
  }
  const str = (ref: number): string => (ref < strings.length ? strings[ref]! : fail(`string ref ${ref} of ${strings.length}`));
  const addresses = new Map<number, [string, number] | null>();
  const address = (ref: number): [string, number] | null => {
    if (ref === NONE) return null;
    let a = addresses.get(ref);
    if (a === undefined) {
      const parsed: unknown = JSON.parse(str(ref));
      if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || !Number.isInteger(parsed[1]) || parsed[1] < 0 || parsed[1] > 65535) {
        fail(`${str(ref)} is not a [host, port] address`);
      }
      a = parsed as [string, number];
      addresses.set(ref, a);
    }
    return a;
  };
  const events: SocketEvent[] = new Array(count);
  let o = EVENT_BATCH_HEADER_BYTES;
  for (let i = 0; i < count; i++) {
    if (o + 44 > stringsAt) fail(`event ${i} of ${count} is cut off`);
    const seq = v.getFloat64(o, true);
    const t = v.getFloat64(o + 8, true);
    const size = v.getFloat64(o + 16, true);
    const lab = LABS[v.getUint8(o + 24)] ?? fail(`event ${i} names lab #${v.getUint8(o + 24)}`);
    const role = ROLES[v.getUint8(o + 25)] ?? fail(`event ${i} names role #${v.getUint8(o + 25)}`);
    const op = OPS[v.getUint8(o + 26)] ?? fail(`event ${i} names op #${v.getUint8(o + 26)}`);
    const flags = v.getUint8(o + 27);
    if (!isCount(seq) || !(t >= 0 && Number.isFinite(t)) || !isCount(size)) fail(`event ${i} has seq ${seq}, t ${t}, size ${size}`);
    const event = {
      seq,
      t,
      lab,
      socket: str(v.getUint32(o + 28, true)),
      role,
      op,
      local: address(v.getUint32(o + 32, true)),
      remote: address(v.getUint32(o + 36, true)),
      size,
      hex: '',
    } as SocketEvent;
    o += 40;
    if (flags & TRUNCATED) event.truncated = true;
    if (o + (flags & KEPT ? 8 : 0) + (flags & ARG ? 8 : 0) + (flags & EXTRA ? 4 : 0) + 4 > stringsAt) fail(`event ${i} of ${count} is cut off`);
    if (flags & KEPT) {
      event.kept = v.getFloat64(o, true);
      if (!isCount(event.kept)) fail(`event ${i} has kept ${event.kept}`);
      o += 8;
    }
    if (flags & ARG) {
      event.arg = v.getFloat64(o, true);
      if (!Number.isSafeInteger(event.arg)) fail(`event ${i} has arg ${event.arg}`);
      o += 8;
    }
    let extra: unknown = null;
    if (flags & EXTRA) {
      const m = v.getUint32(o, true);
      if (o + 4 + m + 4 > stringsAt) fail(`event ${i} of ${count} is cut off`);
      extra = JSON.parse(utf8Decoder.decode(bytes.subarray(o + 4, o + 4 + m)));
      if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) fail(`event ${i}'s other fields are not an object`);
      o += 4 + m;
    }
    const n = v.getUint32(o, true);
    o += 4;
    if (flags & HEX_TEXT) event.hex = str(n);
    else {
      if (o + n > stringsAt) fail(`event ${i}'s ${n} bytes are cut off`);
      event.hex = toHex(bytes.subarray(o, o + n));
      o += n;
    }
    events[i] = extra === null ? event : checked({ ...event, ...(extra as object) }, i);
  }
  if (o !== stringsAt) fail(`${stringsAt - o} bytes between the events and the strings`);
  return { type: 'events', events, dropped };
}

/** An event with fields beyond the fixed part: checked as the JSON form's would be. */
function checked(e: unknown, i: number): SocketEvent {
  if (isPlainEvent(e)) return e;
  const parsed = socketEventSchema.safeParse(e);
  if (!parsed.success) throw new BatchError(`event ${i}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function isCount(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}
