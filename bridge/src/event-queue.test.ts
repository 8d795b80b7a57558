import { describe, expect, it } from 'vitest';
import { decodeEventBatch, type ServerMessage, type SocketEvent } from '@socket-lab/protocol';
import { EventQueue, MAX_CONTROL, type Transport } from './event-queue.ts';

function event(seq: number): SocketEvent {
  return { seq, t: seq, lab: 'tcp-echo', socket: 's', role: 'server', op: 'recv', local: null, remote: null, size: 0, hex: '' };
}

/** An in-memory transport that holds sends until told to deliver, like a slow page. */
class HeldTransport implements Transport {
  sent: ServerMessage[] = [];
  private waiting: Array<() => void> = [];
  open = true;
  bufferedAmount = 0;
  send(text: string, done: () => void): void {
    this.sent.push(JSON.parse(text) as ServerMessage);
    this.waiting.push(done);
  }
  deliver(): void {
    const w = this.waiting;
    this.waiting = [];
    for (const d of w) d();
  }
}

/** A page that asked for binary batches: events arrive as bytes, replies as text, in one order. */
class BinaryTransport extends HeldTransport {
  binaryFrames = 0;
  sendBinary(bytes: Uint8Array, done: () => void): void {
    const decoded = decodeEventBatch(bytes);
    if (!decoded.ok) throw new Error(decoded.message);
    this.binaryFrames++;
    this.sent.push(decoded.value);
    done();
  }
}

const nextTurn = () => new Promise((r) => setImmediate(r));

describe('EventQueue', () => {
  it('batches the events of one turn into one message', async () => {
    const t = new HeldTransport();
    const q = new EventQueue(t);
    for (let i = 0; i < 500; i++) q.push(event(i));
    await nextTurn();
    expect(t.sent).toHaveLength(1);
    const m = t.sent[0]!;
    expect(m.type === 'events' && m.events.map((e) => e.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('under steady load (never empty) every event goes once, in order, and what was sent is let go', async () => {
    const t = new HeldTransport();
    const q = new EventQueue(t, { maxEvents: 100_000, highWater: 100_000, maxBatch: 100, maxInFlightBytes: Infinity, flushIntervalMs: 0 });
    let seq = 0;
    // Each turn adds 920 and the page takes 9 batches of 100 (the queue's in-flight limit): the
    // queue never empties, and grows by 20 a turn.
    for (let turn = 0; turn < 200; turn++) {
      for (let i = 0; i < 920; i++) q.push(event(seq++));
      await nextTurn();
      t.deliver();
      // The array behind the queue holds what waits plus at most a bounded sent front.
      expect((q as unknown as { events: unknown[] }).events.length).toBeLessThan(20_000);
    }
    for (let i = 0; i < 1000 && t.sent.flatMap((m) => (m.type === 'events' ? m.events : [])).length < seq; i++) {
      await nextTurn();
      t.deliver();
    }
    const sent = t.sent.flatMap((m) => (m.type === 'events' ? m.events.map((e) => e.seq) : []));
    expect(sent).toEqual(Array.from({ length: seq }, (_, i) => i));
  });

  it('sends events as binary batches to a page that asked, in order with its replies', async () => {
    const t = new BinaryTransport();
    const q = new EventQueue(t, { maxEvents: 100, highWater: 50, maxBatch: 30, maxInFlightBytes: 1e9, flushIntervalMs: 0 });
    const sent = Array.from({ length: 40 }, (_, i) => ({ ...event(i), hex: '00ff'.repeat(i), arg: i }));
    for (const e of sent.slice(0, 35)) q.push(e);
    q.sendControl({ type: 'error', id: 7, code: 'bad-message', message: 'after 35 events' });
    for (const e of sent.slice(35)) q.push(e);
    await nextTurn();
    t.deliver();
    await nextTurn();
    expect(t.binaryFrames).toBe(2);
    expect(t.sent.map((m) => (m.type === 'events' ? m.events.length : m.type))).toEqual([30, 10, 'error']);
    expect(t.sent.flatMap((m) => (m.type === 'events' ? m.events : []))).toEqual(sent);
  });

  it('splits at maxBatch and keeps order', async () => {
    const t = new HeldTransport();
    const q = new EventQueue(t, { maxEvents: 100, highWater: 50, maxBatch: 30, maxInFlightBytes: 1e9, flushIntervalMs: 0 });
    for (let i = 0; i < 70; i++) q.push(event(i));
    await nextTurn();
    const seqs = t.sent.flatMap((m) => (m.type === 'events' ? m.events.map((e) => e.seq) : []));
    expect(t.sent.map((m) => (m.type === 'events' ? m.events.length : 0))).toEqual([30, 30, 10]);
    expect(seqs).toEqual(Array.from({ length: 70 }, (_, i) => i));
  });

  it('caps what it holds for a page that stops reading, counts the drops and reports them', async () => {
    const t = new HeldTransport();
    t.bufferedAmount = 10 ** 9; // the page is not reading
    const q = new EventQueue(t, { maxEvents: 100, highWater: 50, maxBatch: 1000, maxInFlightBytes: 1000, flushIntervalMs: 0 });
    for (let i = 0; i < 130; i++) q.push(event(i));
    await nextTurn();
    expect(t.sent).toHaveLength(0);
    expect(q.droppedCount).toBe(30);
    expect(q.congested).toBe(true);
    t.bufferedAmount = 0;
    q.push(event(130));
    await nextTurn();
    const m = t.sent[0]!;
    expect(m.type).toBe('events');
    if (m.type === 'events') {
      expect(m.events).toHaveLength(100);
      expect(m.dropped).toBe(31);
    }
  });

  it('tells readers to hold while congested and releases them once drained', async () => {
    const t = new HeldTransport();
    t.bufferedAmount = 10 ** 9;
    const q = new EventQueue(t, { maxEvents: 100, highWater: 10, maxBatch: 1000, maxInFlightBytes: 1000, flushIntervalMs: 0 });
    for (let i = 0; i < 10; i++) q.push(event(i));
    let released = false;
    q.whenReady(() => (released = true));
    await nextTurn();
    expect(released).toBe(false);
    t.bufferedAmount = 0;
    q.push(event(10));
    await nextTurn();
    expect(released).toBe(true);
  });

  it('keeps only the newest state per lab, so a busy lab cannot flood the page', async () => {
    const t = new HeldTransport();
    const q = new EventQueue(t);
    const state = (bufsize: number) => ({ type: 'state' as const, lab: 'tcp-echo' as const, state: { bufsize, server: null, clients: [], peers: [] } });
    for (let i = 1; i <= 1000; i++) q.sendState('tcp-echo', () => state(i));
    await nextTurn();
    expect(t.sent).toEqual([state(1000)]);
  });

  it('refuses replies past its cap so the session can drop a page that never reads', () => {
    const t = new HeldTransport();
    t.open = false;
    const q = new EventQueue(t);
    for (let i = 0; i < MAX_CONTROL; i++) expect(q.sendControl({ type: 'result', id: i })).toBe(true);
    expect(q.sendControl({ type: 'result', id: MAX_CONTROL })).toBe(false);
  });

  it('sends control messages after the events queued before them', async () => {
    const t = new HeldTransport();
    const q = new EventQueue(t);
    q.push(event(0));
    q.sendControl({ type: 'result', id: 7 });
    await nextTurn();
    expect(t.sent.map((m) => m.type)).toEqual(['events', 'result']);
  });
});
