// Reads the tracer's wire (tracer.ts): JSON lines, each call that moved data followed by its raw
// bytes, and the busy calls' short form (a binary head naming def lines' values, then its bytes).
// Pure: bytes in, records out, however the reads cut them.
import { TCP_STATES, type Address, type Where } from './events.ts';
import {
  MAX_TRACER_DEF_BYTES,
  MAX_TRACER_LINE,
  MAX_TRACER_PAYLOAD,
  MOVED_FLAGS,
  MOVED_HEAD_BYTES,
  MOVED_MARK,
  MOVED_OPS,
  tracerDefSchema,
  tracerRecordSchema,
  type TracerCall,
  type TracerRecord,
} from './tracer.ts';

export type TracerItem =
  | { ok: true; record: TracerRecord; payload?: Uint8Array }
  /** A record the bridge could not use. `fatal`: the stream cannot be followed past it (the connection is dropped). */
  | { ok: false; message: string; fatal: boolean };

const NEWLINE = 0x0a;
const utf8 = new TextDecoder('utf-8');
const TWO_32 = 2 ** 32;

/** What a def id stands for. Frozen: every call that names it shares the one object. */
type Def = { where: Where | null } | { thread: string } | { local: Address | null; remote: Address | null };

export class TracerStreamDecoder {
  private buf: Uint8Array = new Uint8Array(0);
  /** Bytes of `buf` already consumed. */
  private at = 0;
  /** Where the search for the next newline resumes (a long line is not scanned twice). */
  private scan = 0;
  /** A record waiting for its payload, and how many bytes that is (0: reading a line). */
  private waiting: { record: TracerRecord | null; bytes: number } | null = null;
  private dead = false;
  /** The short form's values, by id (tracer.ts), and the bytes their lines took. */
  private readonly defs = new Map<number, Def>();
  private defBytes = 0;

  /**
   * The records complete in what has arrived so far; later calls go on where this one stopped.
   * A payload is a view of the chunk it came in: the caller must not write to a chunk it pushed.
   */
  push(chunk: Uint8Array): TracerItem[] {
    if (this.dead) return [];
    const out: TracerItem[] = [];
    let rest = chunk;
    if (this.at < this.buf.length) {
      // An item begun in an earlier chunk: only the bytes that complete it are copied to it (the
      // whole chunk once was, a copy of every byte the tracer sent).
      const take = Math.min(this.needed(rest), rest.length);
      this.join(rest.subarray(0, take));
      rest = rest.subarray(take);
      if (!this.drain(out)) return out;
    }
    if (rest.length > 0) {
      this.buf = rest;
      this.at = this.scan = 0;
      if (!this.drain(out)) return out;
    }
    this.compact();
    return out;
  }

  /** How many of `next`'s bytes complete the item the unread bytes begin (at most: a line's, up to its end). */
  private needed(next: Uint8Array): number {
    const have = this.buf.length - this.at;
    if (this.waiting) return this.waiting.bytes - have;
    if (this.buf[this.at] === MOVED_MARK) return MOVED_HEAD_BYTES - have;
    const nl = next.indexOf(NEWLINE);
    return nl < 0 ? next.length : nl + 1;
  }

  /** The items complete in \`buf\` from \`at\`, into \`out\`; false once the stream is dead. */
  private drain(out: TracerItem[]): boolean {
    for (;;) {
      if (this.waiting) {
        if (this.buf.length - this.at < this.waiting.bytes) break;
        // A view, not a copy: a copy per call was most of the bridge's garbage. The chunks pushed
        // are never written again (a socket's reads are fresh buffers; join makes new ones).
        const payload = this.buf.subarray(this.at, this.at + this.waiting.bytes);
        this.at += this.waiting.bytes;
        this.scan = this.at;
        if (this.waiting.record) out.push({ ok: true, record: this.waiting.record, payload });
        this.waiting = null;
        continue;
      }
      if (this.buf.length > this.at && this.buf[this.at] === MOVED_MARK) {
        if (this.buf.length - this.at < MOVED_HEAD_BYTES) break;
        const item = this.moved();
        if (item === 'fatal') return this.fail(out, `a traced process sent a call with over ${MAX_TRACER_PAYLOAD} bytes; its trace stops here`);
        if (item) out.push(item);
        continue;
      }
      const nl = this.buf.indexOf(NEWLINE, this.scan);
      if (nl < 0) {
        this.scan = this.buf.length;
        if (this.buf.length - this.at > MAX_TRACER_LINE) return this.fail(out, `a traced process sent a record over ${MAX_TRACER_LINE} bytes; its trace stops here`);
        break;
      }
      const line = utf8.decode(this.buf.subarray(this.at, nl));
      const length = nl - this.at;
      this.at = nl + 1;
      this.scan = this.at;
      const item = line.startsWith('{"k":"def"') ? this.def(line, length) : this.line(line);
      if (item === 'fatal') return this.fail(out, `tracer sent a line that is not a record: ${JSON.stringify(line.slice(0, 80))}; its trace stops here`);
      if (item) out.push(item);
    }
    return true;
  }

  private line(line: string): TracerItem | null | 'fatal' {
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      // Its payload's length is unknown: nothing after it can be read as records.
      return 'fatal';
    }
    const bytes = typeof data === 'object' && data !== null && 'bytes' in data ? (data as { bytes: unknown }).bytes : 0;
    if (!Number.isInteger(bytes) || (bytes as number) < 0 || (bytes as number) > MAX_TRACER_PAYLOAD) return 'fatal';
    const parsed = tracerRecordSchema.safeParse(data);
    if (!parsed.success) {
      // Skip its payload, and carry on with the next record.
      if ((bytes as number) > 0) this.waiting = { record: null, bytes: bytes as number };
      const issue = parsed.error.issues[0];
      return { ok: false, fatal: false, message: `tracer record ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'is malformed'}` };
    }
    if ((bytes as number) > 0) {
      this.waiting = { record: parsed.data, bytes: bytes as number };
      return null;
    }
    return { ok: true, record: parsed.data, ...(parsed.data.k === 'call' && parsed.data.bytes === 0 ? { payload: new Uint8Array(0) } : {}) };
  }

  /** A def line: kept for the short form's records, not itself a record. */
  private def(line: string, length: number): TracerItem | null | 'fatal' {
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      return 'fatal';
    }
    const parsed = tracerDefSchema.safeParse(data);
    if (!parsed.success) return { ok: false, fatal: false, message: `tracer def ${parsed.error.issues[0]?.message ?? 'is malformed'}` };
    if (this.defBytes + length > MAX_TRACER_DEF_BYTES) return { ok: false, fatal: false, message: `a traced process defined over ${MAX_TRACER_DEF_BYTES} bytes of lines and addresses; its later calls that use them are skipped` };
    this.defBytes += length;
    const { k: _k, id, ...value } = parsed.data;
    if ('where' in value && value.where) Object.freeze(value.where.via ? Object.assign(value.where, { via: Object.freeze(value.where.via) }) : value.where);
    if ('local' in value) {
      if (value.local) Object.freeze(value.local);
      if (value.remote) Object.freeze(value.remote);
    }
    this.defs.set(id, Object.freeze(value));
    return null;
  }

  /**
   * A short-form call (tracer.ts): its head is complete at \`at\`. Consumes the head, leaves its
   * payload to be read as a record's; a head this stream cannot use skips its payload.
   */
  private moved(): TracerItem | null | 'fatal' {
    const b = this.buf;
    const view = new DataView(b.buffer, b.byteOffset + this.at, MOVED_HEAD_BYTES);
    const bytes = view.getUint32(56, true);
    if (bytes > MAX_TRACER_PAYLOAD) return 'fatal';
    this.at += MOVED_HEAD_BYTES;
    this.scan = this.at;
    const op = MOVED_OPS[view.getUint8(1)];
    const flags = view.getUint8(2);
    const stateNo = view.getUint8(3);
    const where = this.defs.get(view.getUint32(12, true));
    const thread = this.defs.get(view.getUint32(16, true));
    const ends = this.defs.get(view.getUint32(20, true));
    const size = int64(view, 32);
    let problem: string | null = null;
    if (op === undefined) problem = `op ${view.getUint8(1)} is not a short-form op`;
    else if (stateNo > TCP_STATES.length) problem = `TCP state ${stateNo} is not one the kernel has`;
    else if (!where || !('where' in where) || !thread || !('thread' in thread) || !ends || !('local' in ends)) problem = 'names a line, thread or address it never defined';
    else if (size < 0 || size < bytes) problem = `size ${size} is less than its ${bytes} bytes`;
    if (problem !== null || !where || !thread || !ends) {
      this.waiting = { record: null, bytes };
      return { ok: false, fatal: false, message: `tracer record ${problem}` };
    }
    const record: TracerCall = {
      k: 'call',
      op: op!,
      fd: view.getInt32(4, true),
      stream: (flags & MOVED_FLAGS.stream) !== 0,
      where: (where as { where: Where | null }).where,
      local: (ends as { local: Address | null }).local,
      remote: (ends as { remote: Address | null }).remote,
      size,
      bytes,
      pid: view.getInt32(8, true),
      thread: (thread as { thread: string }).thread,
      ns: int64(view, 24),
    };
    if (flags & MOVED_FLAGS.arg) record.arg = int64(view, 40);
    if (stateNo > 0) record.kernel = { state: TCP_STATES[stateNo - 1]!, recvQueue: view.getUint32(48, true), sendQueue: view.getUint32(52, true) };
    else if (flags & MOVED_FLAGS.kernelSkipped) record.kernelSkipped = true;
    if (bytes === 0) return { ok: true, record, payload: new Uint8Array(0) };
    this.waiting = { record, bytes };
    return null;
  }

  private fail(out: TracerItem[], message: string): false {
    this.dead = true;
    this.buf = new Uint8Array(0);
    this.at = this.scan = 0;
    out.push({ ok: false, fatal: true, message });
    return false;
  }

  /** The unread bytes, then \`part\`, as one buffer. */
  private join(part: Uint8Array): void {
    const have = this.buf.length - this.at;
    const next = new Uint8Array(have + part.length);
    next.set(this.buf.subarray(this.at));
    next.set(part, have);
    this.scan -= this.at;
    this.buf = next;
    this.at = 0;
  }

  private compact(): void {
    if (this.at === this.buf.length) {
      this.buf = new Uint8Array(0);
      this.at = this.scan = 0;
    }
  }
}

/** A little-endian i64 as a number (exact to 2^53, as JSON's numbers are). */
function int64(view: DataView, at: number): number {
  return view.getInt32(at + 4, true) * TWO_32 + view.getUint32(at, true);
}
