// TCP echo through the lab (every event recorded and read by a separate process) vs s.pipe(s).
import { child, fmt, labWithReader, median } from './children.ts';
import { figure } from './figures.ts';
import { echoLoad, type LoadResult } from './load.ts';

interface Workload {
  name: string;
  conns: number;
  size: number;
  window: number;
}

const WORKLOADS: (Workload & { target: number })[] = [
  { name: '64 KiB messages, 1 connection', conns: 1, size: 64 * 1024, window: 4, target: 0.9 },
  { name: '1 KiB ping-pong, 64 connections', conns: 64, size: 1024, window: 1, target: 0.8 },
];

const mib = (r: LoadResult) => r.bytes / r.seconds / (1 << 20);
const rps = (r: LoadResult) => r.roundTrips / r.seconds;

export async function tcpEcho(seconds: number, reps: number): Promise<void> {
  console.log('TCP echo through the lab (every event recorded and sent to a WebSocket reader) vs plain net s.pipe(s):');
  console.log(`  (${reps} alternating pairs per workload; the ratio is the median of the pairs)`);
  for (const w of WORKLOADS) {
    const ratios: number[] = [];
    const plains: number[] = [];
    console.log(`  ${w.name}:`);
    for (let i = 0; i < reps; i++) {
      const plainServer = await child('plain-echo.ts');
      const plain = await echoLoad(Number(plainServer.line), w.conns, w.size, w.window, seconds);
      plainServer.proc.kill();
      // BUF_SIZE 65536: one recv per kernel read at most, as the plain server's pipe reads.
      const lab = await labWithReader('tcp-echo', 65536);
      const result = await echoLoad(lab.port, w.conns, w.size, w.window, seconds);
      const c = await lab.counts();
      lab.stop();
      ratios.push(mib(result) / mib(plain));
      plains.push(mib(plain));
      console.log(
        `    plain ${fmt(mib(plain))} MiB/s ${fmt(rps(plain), 0)} rt/s | lab ${fmt(mib(result))} MiB/s ${fmt(rps(result), 0)} rt/s ` +
          `(${fmt(c.events, 0)} events delivered, ${c.dropped} dropped) | ${fmt(mib(result) / mib(plain), 2)}x`,
      );
    }
    console.log(`    ratio  ${fmt(median(ratios), 2)}x  (target >= ${w.target.toFixed(2)}x)`);
    figure({ name: `tcp-echo: ${w.name}, lab vs s.pipe(s)`, value: median(ratios), unit: 'ratio', target: w.target, better: 'higher', baseline: median(plains) });
  }
}
