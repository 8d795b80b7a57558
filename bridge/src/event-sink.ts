// Where recorded events go, and the flow signal that lets sockets stop reading when it is full.
import net from 'node:net';
import type { SocketEvent } from '@socket-lab/protocol';

export interface EventSink {
  push(event: SocketEvent): void;
  /** True while the sink is full: readers stop calling recv so bytes wait in the kernel. */
  readonly congested: boolean;
  /** Runs `cb` once the sink has room again (at once if it has room now). */
  whenReady(cb: () => void): void;
}

/** Hex shorter than this is left inside JSON.stringify's output: splicing it out costs more. */
const SPLICE_HEX = 128;
const EMPTY_HEX = '"hex":""';
/** A batch: the lines go out in writes of at most this many bytes (a longer line alone). */
const BATCH_BYTES = 256 * 1024;
/**
 * Batch buffers kept for reuse, cut from one allocation made at the first line. A buffer is the
 * sink's again once the stream calls back, the next turn at the earliest; a fresh buffer for each
 * batch cost a fifth of `lab run`'s time in first touches of its pages (the allocator maps and
 * unmaps buffers this size). Past these, while a slow reader holds them all, batches are fresh.
 */
const POOL = 16;

/**
 * Writes one JSON object per line to a stream (the CLI's `serve` and `run`), honouring its
 * backpressure. Lines are encoded into a batch buffer as they come, and a batch goes out in one
 * write when it is full or at the end of the turn: a write per event cost more than the event
 * (a traced program makes tens of thousands a second), and lines kept as strings until the turn
 * ended lived long enough for the garbage collector to copy them (the profile of `lab run` put a
 * third of its time there). A long hex is kept out of JSON.stringify, which must scan a string for
 * escapes it never has, and copied into the buffer as Latin-1 (one byte per hex digit).
 */
export class JsonLinesSink implements EventSink {
  private waiting: Array<() => void> = [];
  /** The batch being filled, and how many of its bytes are lines. */
  private buf: Buffer | null = null;
  private n = 0;
  /** Buffers back from the stream. */
  private spares: Buffer[] = [];
  private pooled = false;
  private scheduled = false;
  /**
   * Whether a batch's buffer may be filled again once the stream calls back. Only a stream that
   * writes to a descriptor (stdout as a pipe, file or terminal; a socket) is done with the bytes
   * then: a JavaScript stream such as a PassThrough hands the same buffer on to its reader.
   */
  private readonly reuse: boolean;
  constructor(private readonly out: NodeJS.WritableStream & { writableNeedDrain?: boolean }) {
    this.reuse = out instanceof net.Socket || typeof (out as { fd?: unknown }).fd === 'number';
  }

  get congested(): boolean {
    return this.out.writableNeedDrain === true;
  }

  push(event: SocketEvent): void {
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
    const hex = event.hex;
    let json: string;
    let at = -1;
    if (hex.length < SPLICE_HEX) json = JSON.stringify(event);
    else {
      // Stringified with the hex left empty, then restored (nothing else sees the event meanwhile).
      // The first `"hex":""` is the event's own field: a string value's quotes are escaped.
      event.hex = '';
      try {
        json = JSON.stringify(event);
      } finally {
        event.hex = hex;
      }
      const field = json.indexOf(EMPTY_HEX);
      if (field >= 0) at = field + EMPTY_HEX.length - 1;
      else json = JSON.stringify(event);
    }
    // At most: UTF-8 is at most 3 bytes per UTF-16 unit.
    const most = json.length * 3 + 1 + (at >= 0 ? hex.length : 0);
    let buf = this.buf;
    if (buf === null || this.n + most > buf.length) {
      this.flush();
      if (!this.pooled && this.reuse) {
        this.pooled = true;
        const arena = Buffer.allocUnsafeSlow(POOL * BATCH_BYTES);
        for (let i = 0; i < POOL; i++) this.spares.push(arena.subarray(i * BATCH_BYTES, (i + 1) * BATCH_BYTES));
      }
      buf = this.spares.pop() ?? Buffer.allocUnsafe(BATCH_BYTES);
      if (most > buf.length) {
        // One line longer than a batch: a buffer of its own, not kept.
        this.spares.push(buf);
        buf = Buffer.allocUnsafe(most);
      }
      this.buf = buf;
    }
    let n = this.n;
    if (at < 0) n += buf.write(json, n, 'utf8');
    else {
      n += buf.write(json.slice(0, at), n, 'utf8');
      n += buf.write(hex, n, 'latin1');
      n += buf.write(json.slice(at), n, 'utf8');
    }
    buf[n++] = 0x0a;
    this.n = n;
  }

  /** Writes the lines encoded so far (the CLI calls it before it exits). */
  flush(): void {
    const buf = this.buf;
    if (buf === null) return;
    const n = this.n;
    this.buf = null;
    this.n = 0;
    // Nothing written into it: the sink's still, whatever the stream.
    if (n === 0) return void this.spares.push(buf);
    this.out.write(buf.subarray(0, n), () => {
      if (this.reuse && buf.length === BATCH_BYTES && this.spares.length < POOL) this.spares.push(buf);
    });
  }

  whenReady(cb: () => void): void {
    if (!this.congested) return cb();
    this.waiting.push(cb);
    if (this.waiting.length === 1) {
      this.out.once('drain', () => {
        const cbs = this.waiting;
        this.waiting = [];
        for (const f of cbs) f();
      });
    }
  }
}
