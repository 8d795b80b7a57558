// `pnpm bench`: every figure is a ratio against a baseline measured in this same run.
// A default run takes about two minutes; `--full` adds the long runs (SPEC's 1 GiB of frames at recv(4)).
// Knobs: BENCH_SECONDS (per run, default 2), BENCH_REPS (pairs, default 3), BENCH_RSS_MIB (default 4, 1024 with --full),
// BENCH_ONLY (comma list of: tcp-echo, recorder, frames, rss, udp, python, nagle, latency, page, sessions), BENCH_TRACE=1 (print RSS samples),
// BENCH_NODE_FLAGS (the bridge's node flags; default as `pnpm start`).
import { format } from 'node:util';
import { bundleBridge } from './children.ts';
import { figure, figuresJson } from './figures.ts';
import { framesPerSecond, rssWithRecv4 } from './length-prefix-bench.ts';
import { recorderThroughput } from './recorder-bench.ts';
import { tcpEcho } from './tcp-echo-bench.ts';
import { tracedPython } from './python-bench.ts';
import { datagramsPerSecond } from './udp-bench.ts';
import { nagleRoundTrips } from './nagle-bench.ts';
import { pageLatency, pageTimeline } from './page-bench.ts';
import { sessionsProbe } from './sessions-bench.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const full = process.argv.includes('--full');
const RSS_MIB = Number(process.env.BENCH_RSS_MIB ?? (full ? 1024 : 4));
const started = performance.now();
// --json: one JSON document of every figure on stdout (SPEC "bench"); the text for people goes to stderr.
const json = process.argv.includes('--json');
if (json) console.log = (...args: unknown[]) => void process.stderr.write(`${format(...args)}\n`);
const only = new Set((process.env.BENCH_ONLY ?? 'tcp-echo,recorder,frames,udp,rss,python,nagle').split(','));

console.log(`Socket Lab bench (${SECONDS}s per run, Node ${process.version}${full ? ', --full' : ''})\n`);
bundleBridge();
// Each part's wall time, for keeping a default run inside its two minutes.
const parts: string[] = [];
async function part(name: string, run: () => unknown): Promise<void> {
  if (!only.has(name)) return;
  const t = performance.now();
  await run();
  parts.push(`${name} ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
await part('tcp-echo', () => tcpEcho(SECONDS, REPS));
await part('recorder', () => recorderThroughput(1_000_000));
await part('frames', () => framesPerSecond(SECONDS, REPS));
await part('udp', () => datagramsPerSecond(SECONDS, REPS));
await part('rss', () => rssWithRecv4(RSS_MIB));
// Best of two here (its runs are three processes each, and slow to start); --full takes REPS.
await part('python', () => tracedPython(SECONDS, full ? REPS : Math.min(REPS, 2), full));
await part('nagle', () => nagleRoundTrips());
// Chromium's start and the page's run, and a hall of pages, take a default run past its two
// minutes: --full (or BENCH_ONLY=latency, BENCH_ONLY=page, BENCH_ONLY=sessions).
if (full || process.env.BENCH_ONLY?.split(',').includes('latency')) {
  only.add('latency');
  await part('latency', () => pageLatency());
}
if (full || process.env.BENCH_ONLY?.split(',').includes('page')) {
  only.add('page');
  await part('page', () => pageTimeline());
}
if (full || process.env.BENCH_ONLY?.split(',').includes('sessions')) {
  only.add('sessions');
  // 1,000 pages only with --full: opening them takes a while on a busy machine.
  await part('sessions', () => sessionsProbe(full, Math.max(SECONDS, 5)));
}
const wall = (performance.now() - started) / 1000;
// The target is for a default run: a --full one is long by design.
// Only a default run has the target; a --full run or a BENCH_ONLY one says what it was.
const whole = !full && !process.env.BENCH_ONLY;
const ran = full ? 'pnpm bench --full' : process.env.BENCH_ONLY ? `pnpm bench (BENCH_ONLY=${process.env.BENCH_ONLY})` : 'pnpm bench';
figure({ name: `${ran} wall time`, value: wall, unit: 's', target: whole ? 120 : null, better: 'lower', baseline: null });
console.log(`\nWall time ${wall.toFixed(0)} s${whole ? ' (target <= 120 s)' : ''}: ${parts.join(', ')}`);
if (json) process.stdout.write(`${figuresJson()}\n`);
process.exit(0);
