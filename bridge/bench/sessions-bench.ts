// A lecture hall on one bridge (SPEC: 1,000 sessions on 2 cores with round-trip p99 <= 100 ms;
// 200 with p99 <= 30 ms while another process loads a core). The bridge, the hall's load and the
// other process each run in a process of their own.
import { spawn } from 'node:child_process';
import { child, fmt } from './children.ts';
import { figure } from './figures.ts';

interface Hall {
  sessions: number;
  /** Another process keeps a core busy meanwhile. */
  loaded: boolean;
  target: number | null;
}

interface Result {
  roundTrips: number;
  p50: number;
  p99: number;
  max: number;
  skipped: number;
  events: number;
}

async function hall(h: Hall, seconds: number): Promise<Result> {
  const bridge = await child('lab-bridge.ts');
  const [port, token] = bridge.line.split(' ');
  const hog = h.loaded ? spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }) : null;
  try {
    const load = await child('sessions-load.ts', [port!, token!, String(h.sessions), String(seconds)]);
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      load.proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const done = out.split('\n').find((l) => l.startsWith('{'));
        if (done) resolve(done);
      });
      load.proc.once('exit', (code) => reject(new Error(`the hall's load exited ${code}`)));
    });
    return JSON.parse(line) as Result;
  } finally {
    hog?.kill();
    bridge.proc.kill();
  }
}

export async function sessionsProbe(full: boolean, seconds: number): Promise<void> {
  console.log('A lecture hall: pages on one bridge, each a TCP echo client sending every 50 ms (round trip: sent -> echo back):');
  const halls: Hall[] = [
    { sessions: 200, loaded: false, target: null },
    { sessions: 200, loaded: true, target: 30 },
    ...(full ? [{ sessions: 1000, loaded: false, target: 100 }] : []),
  ];
  for (const h of halls) {
    const r = await hall(h, seconds);
    const what = `${h.sessions} sessions${h.loaded ? ', another process loading a core' : ''}`;
    console.log(
      `  ${what.padEnd(48)} p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms  max ${fmt(r.max)} ms  (${fmt(r.roundTrips, 0)} round trips, ${fmt(r.skipped, 0)} ticks waited, ${fmt(r.events, 0)} events read)` +
        (h.target === null ? '' : `  target p99 <= ${h.target} ms`),
    );
    figure({ name: `concurrent sessions: ${what}, round-trip p99`, value: r.p99, unit: 'ms', target: h.target, better: 'lower', baseline: null });
  }
  console.log('');
}
