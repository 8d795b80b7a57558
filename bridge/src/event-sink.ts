// Where recorded events go, and the flow signal that lets sockets stop reading when it is full.
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
/** A batch buffer's least size; one up to four times this is kept for the next batch. */
const SPARE_BYTES = 1 << 20;

/**
 * Writes one JSON object per line to a stream (the CLI's `serve` and `run`), honouring its
 * backpressure. The lines of one I/O turn go out in one write: a write per event cost more than
 * the event (a traced program makes tens of thousands a second). The profile of `lab run` showed
 * most of its time in stringifying, joining and UTF-8 encoding the hex of each event's bytes, a
 * string JSON.stringify must scan for escapes it never has; so a long hex is kept out of the
 * stringify and copied into the batch's buffer as Latin-1 (one byte per hex digit, a plain copy).
 */
export class JsonLinesSink implements EventSink {
  private waiting: Array<() => void> = [];
  /** Pieces of the pending lines: each JSON text, then the hex spliced in after `at` characters of it (or -1). */
  private pending: Array<{ json: string; at: number; hex: string }> = [];
  /** Bytes the pending lines take at most (UTF-8 is at most 3 bytes per UTF-16 unit). */
  private bound = 0;
  private spare: Buffer | null = null;
  constructor(private readonly out: NodeJS.WritableStream & { writableNeedDrain?: boolean }) {}

  get congested(): boolean {
    return this.out.writableNeedDrain === true;
  }

  push(event: SocketEvent): void {
    if (this.pending.length === 0) setImmediate(() => this.flush());
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
    this.pending.push({ json, at, hex });
    this.bound += json.length * 3 + 1 + (at >= 0 ? hex.length : 0);
  }

  /** Writes what is pending now (the CLI calls it before it exits). */
  flush(): void {
    if (this.pending.length === 0) return;
    // Taken first: whatever happens below, the next push schedules the next flush.
    const { pending, bound } = this;
    this.pending = [];
    this.bound = 0;
    const buf = this.spare && this.spare.length >= bound ? this.spare : Buffer.allocUnsafe(Math.max(bound, SPARE_BYTES));
    this.spare = null;
    let n = 0;
    for (const { json, at, hex } of pending) {
      if (at < 0) n += buf.write(json, n, 'utf8');
      else {
        n += buf.write(json.slice(0, at), n, 'utf8');
        n += buf.write(hex, n, 'latin1');
        n += buf.write(json.slice(at), n, 'utf8');
      }
      buf[n++] = 0x0a;
    }
    // The buffer is used again once the stream is done with it: a fresh one each turn cost more
    // in first touches of its pages than the copying into it.
    this.out.write(buf.subarray(0, n), () => {
      if (buf.length <= SPARE_BYTES * 4) this.spare = buf;
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
