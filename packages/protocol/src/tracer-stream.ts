// Reads the tracer's wire (tracer.ts): JSON lines, each call that moved data followed by its raw
// bytes. Pure: bytes in, records out, however the reads cut them.
import { MAX_TRACER_LINE, MAX_TRACER_PAYLOAD, tracerRecordSchema, type TracerRecord } from './tracer.ts';

export type TracerItem =
  | { ok: true; record: TracerRecord; payload?: Uint8Array }
  /** A record the bridge could not use. `fatal`: the stream cannot be followed past it (the connection is dropped). */
  | { ok: false; message: string; fatal: boolean };

const NEWLINE = 0x0a;
const utf8 = new TextDecoder('utf-8');

export class TracerStreamDecoder {
  private buf: Uint8Array = new Uint8Array(0);
  /** Bytes of `buf` already consumed. */
  private at = 0;
  /** Where the search for the next newline resumes (a long line is not scanned twice). */
  private scan = 0;
  /** A record waiting for its payload, and how many bytes that is (0: reading a line). */
  private waiting: { record: TracerRecord | null; bytes: number } | null = null;
  private dead = false;

  /** The records complete in what has arrived so far; later calls go on where this one stopped. */
  push(chunk: Uint8Array): TracerItem[] {
    if (this.dead) return [];
    this.append(chunk);
    const out: TracerItem[] = [];
    for (;;) {
      if (this.waiting) {
        if (this.buf.length - this.at < this.waiting.bytes) break;
        const payload = this.buf.slice(this.at, this.at + this.waiting.bytes);
        this.at += this.waiting.bytes;
        this.scan = this.at;
        if (this.waiting.record) out.push({ ok: true, record: this.waiting.record, payload });
        this.waiting = null;
        continue;
      }
      const nl = this.buf.indexOf(NEWLINE, this.scan);
      if (nl < 0) {
        this.scan = this.buf.length;
        if (this.buf.length - this.at > MAX_TRACER_LINE) return this.fail(out, `a traced process sent a record over ${MAX_TRACER_LINE} bytes; its trace stops here`);
        break;
      }
      const line = utf8.decode(this.buf.subarray(this.at, nl));
      this.at = nl + 1;
      this.scan = this.at;
      const item = this.line(line);
      if (item === 'fatal') return this.fail(out, `tracer sent a line that is not a record: ${JSON.stringify(line.slice(0, 80))}; its trace stops here`);
      if (item) out.push(item);
    }
    this.compact();
    return out;
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

  private fail(out: TracerItem[], message: string): TracerItem[] {
    this.dead = true;
    this.buf = new Uint8Array(0);
    this.at = this.scan = 0;
    out.push({ ok: false, fatal: true, message });
    return out;
  }

  private append(chunk: Uint8Array): void {
    if (this.at === this.buf.length) {
      this.buf = chunk;
      this.at = this.scan = 0;
      return;
    }
    const next = new Uint8Array(this.buf.length - this.at + chunk.length);
    next.set(this.buf.subarray(this.at));
    next.set(chunk, this.buf.length - this.at);
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
