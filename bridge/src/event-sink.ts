// Where recorded events go, and the flow signal that lets sockets stop reading when it is full.
import type { SocketEvent } from '@socket-lab/protocol';

export interface EventSink {
  push(event: SocketEvent): void;
  /** True while the sink is full: readers stop calling recv so bytes wait in the kernel. */
  readonly congested: boolean;
  /** Runs `cb` once the sink has room again (at once if it has room now). */
  whenReady(cb: () => void): void;
}

/**
 * Writes one JSON object per line to a stream (the CLI's `serve` and `run`), honouring its
 * backpressure. The lines of one I/O turn go out in one write: a write per event cost more than
 * the event (a traced program makes tens of thousands a second).
 */
export class JsonLinesSink implements EventSink {
  private waiting: Array<() => void> = [];
  private pending: string[] = [];
  constructor(private readonly out: NodeJS.WritableStream & { writableNeedDrain?: boolean }) {}

  get congested(): boolean {
    return this.out.writableNeedDrain === true;
  }

  push(event: SocketEvent): void {
    if (this.pending.length === 0) setImmediate(() => this.flush());
    this.pending.push(JSON.stringify(event));
  }

  /** Writes what is pending now (the CLI calls it before it exits). */
  flush(): void {
    if (this.pending.length === 0) return;
    const text = this.pending.join('\n') + '\n';
    this.pending = [];
    this.out.write(text);
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
