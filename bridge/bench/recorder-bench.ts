// Events recorded per second by the bridge's Recorder + EventQueue, on one core.
import { DEFAULT_LIMITS, EventQueue, type Transport } from '../src/event-queue.ts';
import { PayloadStore } from '../src/payload-store.ts';
import { Recorder } from '../src/recorder.ts';
import { fmt } from './children.ts';
import { figure } from './figures.ts';

/** Events a busy I/O turn records (the queue's largest batch). */
const TURN = 2000;

export function recorderThroughput(n: number): void {
  // As a page takes them: binary batches (packages/protocol event-batch.ts).
  const transport: Transport = { send: (_t, done) => done(), sendBinary: (_b, done) => done(), bufferedAmount: 0, open: true };
  // The session's own limits (nothing dropped: a turn's events fit), flushed as soon as asked.
  const queue = new EventQueue(transport, { ...DEFAULT_LIMITS, maxInFlightBytes: Infinity, flushIntervalMs: 0 });
  const recorder = new Recorder(queue, new PayloadStore(16 << 20));
  const data = Buffer.from('Hello World');
  const call = {
    socket: 'peer-1',
    role: 'peer' as const,
    op: 'recv' as const,
    local: ['127.0.0.1', 65432] as [string, number],
    remote: ['127.0.0.1', 57937] as [string, number],
    data,
    arg: 1024,
  };
  // In I/O turns of TURN events, each followed by the flush the queue schedules at the end of a
  // turn: a million events held until one flush at the end measured the garbage collector's
  // copying of them, which a bridge never asks of it.
  const flush = () => (queue as unknown as { flush(): void }).flush();
  const recordAll = (count: number) => {
    for (let i = 0; i < count; i++) {
      recorder.record('tcp-echo', call);
      if (i % TURN === TURN - 1) flush();
    }
    flush();
  };
  // A tenth first, untimed, so that the optimizing compiler has done its work (as it has in a bridge that has run a while).
  recordAll(n / 10);
  let t = performance.now();
  recordAll(n);
  if (queue.droppedCount > 0) throw new Error(`the queue dropped ${queue.droppedCount} events`);
  const perSecond = n / ((performance.now() - t) / 1000);
  // Baseline: the least any recorder must do, building the same object and serializing it (warmed up alike).
  let sink = 0;
  const stringifyAll = (count: number) => {
    for (let i = 0; i < count; i++) sink += JSON.stringify({ seq: i, ...call, data: undefined, hex: data.toString('hex'), size: 11 }).length;
  };
  stringifyAll(n / 10);
  t = performance.now();
  stringifyAll(n);
  const baseline = n / ((performance.now() - t) / 1000);
  if (sink === 0) throw new Error('unreachable');
  figure({ name: 'events recorded by the bridge, one core', value: perSecond, unit: 'events/s', target: 1_000_000, better: 'higher', baseline });
  console.log('\nEvents recorded by the bridge (Recorder + EventQueue, serialization included), one core:');
  console.log(
    `  ${fmt(perSecond, 0)} events/s; baseline (build + JSON.stringify only) ${fmt(baseline, 0)}/s; ratio ${fmt(perSecond / baseline, 2)}x; ${fmt(perSecond / 1_000_000, 2)}x the 1,000,000/s target`,
  );
}
