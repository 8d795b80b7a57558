// Test harness: a lab wired to a sink that keeps every event and lets tests wait for one.
import type { LabId, SocketEvent } from '@socket-lab/protocol';
import type { EventSink } from '../src/event-sink.ts';
import { idCounter, type LabContext } from '../src/labs/lab.ts';
import { Recorder } from '../src/recorder.ts';

export class CollectingSink implements EventSink {
  readonly events: SocketEvent[] = [];
  private waiters: Array<{ match(e: SocketEvent[]): boolean; resolve(): void }> = [];
  congested = false;

  push(event: SocketEvent): void {
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(this.events)) return true;
      w.resolve();
      return false;
    });
  }

  whenReady(cb: () => void): void {
    cb();
  }

  /** Resolves once the events so far satisfy `match` (checked on every new event). */
  until(match: (events: SocketEvent[]) => boolean, what = 'events'): Promise<SocketEvent[]> {
    if (match(this.events)) return Promise.resolve(this.events);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got:\n${summary(this.events)}`)), 15_000);
      this.waiters.push({ match, resolve: () => (clearTimeout(timer), resolve(this.events)) });
    });
  }

  of(socket: string, op?: SocketEvent['op']): SocketEvent[] {
    return this.events.filter((e) => e.socket === socket && (op === undefined || e.op === op));
  }
}

export function summary(events: SocketEvent[]): string {
  return events.map((e) => `${e.seq} ${e.socket} ${e.op}(${e.arg ?? ''}) ${e.size} ${e.hex}${e.error ? ' ' + e.error.name : ''}`).join('\n');
}

export function labContext(sink: CollectingSink, previewBytes?: number, lab: LabId = 'tcp-echo'): { ctx: LabContext; recorder: Recorder } {
  const recorder = new Recorder(sink, null, previewBytes);
  const ctx: LabContext = {
    record: (call) => recorder.record(lab, call).seq,
    flow: sink,
    publish: () => {},
    nextId: idCounter(),
  };
  return { ctx, recorder };
}

/** Bytes of the recv events of one socket, joined: what the reader got, in order. */
export function received(events: SocketEvent[], socket: string): string {
  return events
    .filter((e) => e.socket === socket && e.op === 'recv')
    .map((e) => Buffer.from(e.hex, 'hex').toString('latin1'))
    .join('');
}
