// Where recorded events go, and the flow signal that lets sockets stop reading when it is full.
import type { SocketEvent } from '@socket-lab/protocol';

export interface EventSink {
  push(event: SocketEvent): void;
  /** True while the sink is full: readers stop calling recv so bytes wait in the kernel. */
  readonly congested: boolean;
  /** Runs `cb` once the sink has room again (at once if it has room now). */
  whenReady(cb: () => void): void;
}

/** Writes one JSON object per line to a stream (the CLI's `serve`), honouring its backpressure. */
export class JsonLinesSink implements EventSink {
  private waiting: Array<() => void> = [];
  constructor(private readonly out: NodeJS.WritableStream & { writableNeedDrain?: boolean }) {}

  get congested(): boolean {
    return this.out.writableNeedDrain === true;
  }

  push(event: SocketEvent): void {
    this.out.write(JSON.stringify(event) + '\n');
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
