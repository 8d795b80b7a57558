// `pnpm bench`: every figure is a ratio against a baseline measured in this same run.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventQueue, type Transport } from '../src/event-queue.ts';
import { PayloadStore } from '../src/payload-store.ts';
import { Recorder } from '../src/recorder.ts';
import { echoLoad, type LoadResult } from './load.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const REPS = Number(process.env.BENCH_REPS ?? 3);

function child(script: string, args: string[] = []): Promise<{ proc: ChildProcess; line: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(here, script), ...args], { cwd: path.join(here, '..'), stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    proc.stdout!.once('data', (d: Buffer) => resolve({ proc, line: d.toString().trim() }));
    proc.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

interface Workload {
  name: string;
  conns: number;
  size: number;
  window: number;
}
const WORKLOADS: Workload[] = [
  { name: '64 KiB messages, 1 connection', conns: 1, size: 64 * 1024, window: 4 },
  { name: '1 KiB ping-pong, 64 connections', conns: 64, size: 1024, window: 1 },
];

async function plainRun(w: Workload): Promise<LoadResult> {
  const { proc, line } = await child('plain-echo.ts');
  try {
    return await echoLoad(Number(line), w.conns, w.size, w.window, SECONDS);
  } finally {
    proc.kill();
  }
}

/** The lab server in a bridge process; a reader process takes its events as the page would. */
async function labRun(w: Workload): Promise<LoadResult & { events: number; dropped: number }> {
  const bridge = await child('lab-bridge.ts');
  const [port, token] = bridge.line.split(' ');
  // BUF_SIZE 65536: one recv per kernel read at most, as the plain server's pipe reads.
  const reader = await child('ws-reader.ts', [port!, token!, '65536']);
  try {
    const result = await echoLoad(Number(reader.line), w.conns, w.size, w.window, SECONDS);
    const counts = await new Promise<string>((resolve) => {
      reader.proc.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
      reader.proc.stdin!.write('report\n');
    });
    const [events, dropped] = counts.split(' ').map(Number);
    return { ...result, events: events!, dropped: dropped! };
  } finally {
    reader.proc.kill();
    bridge.proc.kill();
  }
}

function recorderThroughput(n: number): { perSecond: number; baselinePerSecond: number } {
  const transport: Transport = { send: (_t, done) => done(), bufferedAmount: 0, open: true };
  const queue = new EventQueue(transport, { maxEvents: n + 1, highWater: n + 1, maxBatch: 2000, maxInFlightBytes: Infinity, flushIntervalMs: 0 });
  const recorder = new Recorder(queue, new PayloadStore(16 << 20));
  const data = Buffer.from('Hello World');
  const call = { socket: 'peer-1', role: 'peer' as const, op: 'recv' as const, local: ['127.0.0.1', 65432] as [string, number], remote: ['127.0.0.1', 57937] as [string, number], data, arg: 1024 };
  let t = performance.now();
  for (let i = 0; i < n; i++) recorder.record('tcp-echo', call);
  (queue as unknown as { flush(): void }).flush();
  const recordSeconds = (performance.now() - t) / 1000;
  // Baseline: the least any recorder must do, building the same object and serializing it.
  t = performance.now();
  let sink = 0;
  for (let i = 0; i < n; i++) sink += JSON.stringify({ seq: i, ...call, data: undefined, hex: data.toString('hex'), size: 11 }).length;
  const baseSeconds = (performance.now() - t) / 1000;
  if (sink === 0) throw new Error('unreachable');
  return { perSecond: n / recordSeconds, baselinePerSecond: n / baseSeconds };
}

const fmt = (n: number, d = 1) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

console.log(`Socket Lab bench (${SECONDS}s per run, Node ${process.version})\n`);
console.log('TCP echo through the lab (every event recorded and sent to a WebSocket reader) vs plain net s.pipe(s):');
console.log(`  (${REPS} alternating pairs per workload; the ratio is the median of the pairs)`);
const mib = (r: LoadResult) => r.bytes / r.seconds / (1 << 20);
const rps = (r: LoadResult) => r.roundTrips / r.seconds;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const w of WORKLOADS) {
  const ratios: number[] = [];
  console.log(`  ${w.name}:`);
  for (let i = 0; i < REPS; i++) {
    const plain = await plainRun(w);
    const lab = await labRun(w);
    ratios.push(mib(lab) / mib(plain));
    console.log(
      `    plain ${fmt(mib(plain))} MiB/s ${fmt(rps(plain), 0)} rt/s | lab ${fmt(mib(lab))} MiB/s ${fmt(rps(lab), 0)} rt/s ` +
        `(${fmt(lab.events, 0)} events delivered, ${lab.dropped} dropped) | ${fmt(mib(lab) / mib(plain), 2)}x`,
    );
  }
  console.log(`    ratio  ${fmt(median(ratios), 2)}x  (target >= 0.80x)`);
}
const rec = recorderThroughput(1_000_000);
console.log('\nEvents recorded by the bridge (Recorder + EventQueue, serialization included), one core:');
console.log(`  ${fmt(rec.perSecond, 0)} events/s; baseline (build + JSON.stringify only) ${fmt(rec.baselinePerSecond, 0)}/s; ratio ${fmt(rec.perSecond / rec.baselinePerSecond, 2)}x; ${fmt(rec.perSecond / 250_000, 2)}x the 250,000/s target`);
process.exit(0);
