// `pnpm bench`: every figure is a ratio against a baseline measured in this same run.
// Knobs: BENCH_SECONDS (per run, default 2), BENCH_REPS (pairs, default 3), BENCH_RSS_MIB (default 100),
// BENCH_ONLY (comma list of: tcp-echo, recorder, frames, rss, udp, python, nagle), BENCH_TRACE=1 (print RSS samples),
// BENCH_NODE_FLAGS (the bridge's node flags; default as `pnpm start`).
import { format } from 'node:util';
import { figuresJson } from './figures.ts';
import { framesPerSecond, rssWithRecv4 } from './length-prefix-bench.ts';
import { recorderThroughput } from './recorder-bench.ts';
import { tcpEcho } from './tcp-echo-bench.ts';
import { tracedPython } from './python-bench.ts';
import { datagramsPerSecond } from './udp-bench.ts';
import { nagleRoundTrips } from './nagle-bench.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const RSS_MIB = Number(process.env.BENCH_RSS_MIB ?? 100);
// --json: one JSON document of every figure on stdout (SPEC "bench"); the text for people goes to stderr.
const json = process.argv.includes('--json');
if (json) console.log = (...args: unknown[]) => void process.stderr.write(`${format(...args)}\n`);
const only = new Set((process.env.BENCH_ONLY ?? 'tcp-echo,recorder,frames,udp,rss,python,nagle').split(','));

console.log(`Socket Lab bench (${SECONDS}s per run, Node ${process.version})\n`);
if (only.has('tcp-echo')) await tcpEcho(SECONDS, REPS);
if (only.has('recorder')) recorderThroughput(1_000_000);
if (only.has('frames')) await framesPerSecond(SECONDS, REPS);
if (only.has('udp')) await datagramsPerSecond(SECONDS, REPS);
if (only.has('rss')) await rssWithRecv4(RSS_MIB);
if (only.has('python')) await tracedPython(SECONDS, REPS);
if (only.has('nagle')) await nagleRoundTrips();
if (json) process.stdout.write(`${figuresJson()}\n`);
process.exit(0);
