// The per-session outbox: batches events into few WebSocket messages, caps memory, counts drops.
import { EventBatchEncoder, type ServerMessage, type SocketEvent } from '@socket-lab/protocol';
import type { EventSink } from './event-sink.ts';

export interface QueueLimits {
  /** Events held at most; beyond this they are dropped and counted. */
  maxEvents: number;
  /** At this many queued events the queue reports congestion so readers stop reading. */
  highWater: number;
  /** Events per WebSocket message. */
  maxBatch: number;
  /** Bytes the transport may hold unsent before the queue waits for it. */
  maxInFlightBytes: number;
  /**
   * Least time between two flushes, in ms. A lone event still goes out at once; under load,
   * events of several I/O turns share one message, which saves a write and a parse per turn
   * while staying well inside one 16 ms frame.
   */
  flushIntervalMs: number;
}

export const DEFAULT_LIMITS: QueueLimits = {
  maxEvents: 50_000,
  highWater: 10_000,
  maxBatch: 2_000,
  maxInFlightBytes: 4 * 1024 * 1024,
  flushIntervalMs: 4,
};

/** Replies a page may leave unread before the bridge gives up on it. */
export const MAX_CONTROL = 10_000;
/**
 * Replies queued at which the bridge stops reading the page's requests until they have gone out:
 * a page that sends faster than it is answered is slowed down, not dropped. Well under
 * MAX_CONTROL, since one read of the page's socket may hold a thousand small requests.
 */
export const CONTROL_PAUSE = 1_000;

export interface Transport {
  /** Sends one serialized message; `done` runs once it has left the process. */
  send(text: string, done: () => void): void;
  /**
   * Sends one batch of events as a binary message (packages/protocol event-batch.ts), where the
   * reader asked for them so: present only then. `bytes` are the encoder's, lent until `done`.
   * (Measured, 113-byte payloads: 0.14 µs an event to encode, against about 3 for JSON.stringify
   * and the Buffer ws makes of its text.)
   */
  sendBinary?(bytes: Uint8Array, done: () => void): void;
  readonly bufferedAmount: number;
  readonly open: boolean;
}

export class EventQueue implements EventSink {
  private events: SocketEvent[] = [];
  /**
   * Events of `events` already sent: a batch is cut from the front by moving this, not by copying
   * the rest (which made a flush of n queued events cost n² / maxBatch).
   */
  private head = 0;
  private control: ServerMessage[] = [];
  /**
   * Only the newest state per lab is worth sending, and a relay publishes one per datagram, so
   * states are kept as builders and built once, at flush.
   */
  private readonly states = new Map<string, () => ServerMessage>();
  private dropped = 0;
  private scheduled = false;
  private inFlight = 0;
  private waiting: Array<() => void> = [];
  private drained: Array<() => void> = [];
  private lastFlush = -Infinity;
  private readonly encoder: EventBatchEncoder | null;

  constructor(
    private readonly transport: Transport,
    private readonly limits: QueueLimits = DEFAULT_LIMITS,
  ) {
    this.encoder = transport.sendBinary ? new EventBatchEncoder() : null;
  }

  get congested(): boolean {
    return this.events.length - this.head >= this.limits.highWater;
  }

  get droppedCount(): number {
    return this.dropped;
  }

  push(event: SocketEvent): void {
    if (this.events.length - this.head >= this.limits.maxEvents) {
      this.dropped++;
    } else {
      this.events.push(event);
    }
    this.schedule();
  }

  /**
   * Replies and state travel behind the events already queued, so the page sees them in order.
   * Returns false when a page has left MAX_CONTROL replies unread: the caller should drop it.
   */
  sendControl(message: ServerMessage): boolean {
    if (this.control.length >= MAX_CONTROL) return false;
    this.control.push(message);
    this.schedule();
    return true;
  }

  /** A state that replaces the previous one under `key`; `build` runs once, when it is sent. */
  sendState(key: string, build: () => ServerMessage): void {
    this.states.set(key, build);
    this.schedule();
  }

  /** Too many replies wait to go out: stop reading the page's requests (see CONTROL_PAUSE). */
  get backlogged(): boolean {
    return this.control.length >= CONTROL_PAUSE;
  }

  /** Runs `cb` once the replies are no longer backlogged. */
  whenDrained(cb: () => void): void {
    if (!this.backlogged) cb();
    else this.drained.push(cb);
  }

  whenReady(cb: () => void): void {
    if (!this.congested) cb();
    else this.waiting.push(cb);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.flush();
    };
    // setImmediate lets every event of this I/O turn join one batch; the interval joins turns.
    const wait = this.lastFlush + this.limits.flushIntervalMs - performance.now();
    if (wait <= 0) setImmediate(run);
    else setTimeout(run, wait);
  }

  private flush(): void {
    if (!this.transport.open) return;
    this.lastFlush = performance.now();
    while (this.events.length > this.head || this.control.length > 0 || this.states.size > 0) {
      if (this.transport.bufferedAmount > this.limits.maxInFlightBytes || this.inFlight > 8) return;
      if (this.events.length > this.head) {
        const { events, head } = this;
        const end = Math.min(events.length, head + this.limits.maxBatch);
        const batch = head === 0 && end === events.length ? events : events.slice(head, end);
        if (end === events.length) {
          this.events = [];
          this.head = 0;
        } else if (end > 4096 && end * 2 > events.length) {
          // Under steady load the queue never empties: the sent front goes once it is most of it.
          this.events = events.slice(end);
          this.head = 0;
        } else this.head = end;
        if (this.encoder) this.postBinary(this.encoder.encode(batch, this.dropped));
        else this.post({ type: 'events', events: batch, dropped: this.dropped });
      } else {
        const msgs = [...this.control, ...[...this.states.values()].map((build) => build())];
        this.control = [];
        this.states.clear();
        for (const m of msgs) this.post(m);
      }
      this.release();
    }
  }

  private post(message: ServerMessage): void {
    this.inFlight++;
    this.transport.send(JSON.stringify(message), this.sent);
  }

  private postBinary(bytes: Uint8Array<ArrayBuffer>): void {
    this.inFlight++;
    this.transport.sendBinary!(bytes, () => {
      // The bytes have left the process: the encoder may write the next batch into them.
      this.encoder!.release(bytes);
      this.sent();
    });
  }

  private readonly sent = (): void => {
    this.inFlight--;
    if (this.events.length > this.head || this.control.length > 0 || this.states.size > 0) this.schedule();
  };

  private release(): void {
    if (!this.backlogged && this.drained.length > 0) {
      const cbs = this.drained;
      this.drained = [];
      for (const cb of cbs) cb();
    }
    if (this.congested || this.waiting.length === 0) return;
    const cbs = this.waiting;
    this.waiting = [];
    for (const cb of cbs) cb();
  }
}
