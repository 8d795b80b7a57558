// Nagle × delayed ACK, measured: the Lifecycle lab's nagle programs (write, write, read), run as the
// lab runs them (traced) and plain, each timing its own round trips; median with Nagle on, with
// TCP_NODELAY, and their ratio, all from this run. Not a timed test: the figures are the lesson.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { nagleMedian, type NagleRound } from '@socket-lab/protocol';
import { LIFECYCLE_DIR, LifecycleLab } from '../src/labs/lifecycle/lifecycle-lab.ts';
import { idCounter } from '../src/labs/lab.ts';
import { freePort } from '../src/labs/programs/waits.ts';
import { figure } from './figures.ts';

const ROUND = /^round (\d+): ([\d.]+) ms \((Nagle on|TCP_NODELAY)\)$/;

/** The programs untraced: the server, then the client's 10 + 10 round trips, as it printed them. */
async function plain(port: number): Promise<NagleRound[]> {
  const server = spawn('python3', [path.join(LIFECYCLE_DIR, 'nagle_server.py'), String(port)], { stdio: 'ignore' });
  try {
    for (let tries = 0; ; tries++) {
      const client = spawn('python3', [path.join(LIFECYCLE_DIR, 'nagle_client.py'), String(port), '20', '10'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      client.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => client.once('exit', resolve));
      // The server may not listen yet: a refused first try is tried again.
      if (code === 0 || tries > 50) {
        return out.split('\n').flatMap((l) => {
          const m = ROUND.exec(l);
          return m ? [{ n: Number(m[1]), ms: Number(m[2]), nodelay: m[3] === 'TCP_NODELAY' }] : [];
        });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    server.kill();
  }
}

/** The moment as `pnpm lab lifecycle nagle` runs it: traced, the lab reading the client's prints. */
async function traced(): Promise<NagleRound[]> {
  const lab = new LifecycleLab({ record: () => null, flow: { congested: false, whenReady: (cb) => cb() }, publish: () => {}, nextId: idCounter() }, 'python3', false);
  try {
    await lab.run('nagle');
    return lab.state().current?.nagle?.rounds ?? [];
  } finally {
    lab.close();
  }
}

function report(name: string, rounds: NagleRound[]): void {
  const on = nagleMedian(rounds, false);
  const off = nagleMedian(rounds, true);
  if (!on || !off) return void console.log(`  ${name.padEnd(9)} no round trips measured`);
  figure({ name: `nagle moment (${name}): median round trip with Nagle on`, value: on.ms, unit: 'ms', target: null, better: 'lower', baseline: off.ms });
  figure({ name: `nagle moment (${name}): Nagle on / TCP_NODELAY`, value: on.ms / off.ms, unit: 'ratio', target: null, better: 'higher', baseline: off.ms });
  console.log(`  ${name.padEnd(9)} Nagle on ${on.ms.toFixed(2).padStart(7)} ms   TCP_NODELAY ${off.ms.toFixed(3).padStart(7)} ms   ${(on.ms / off.ms).toFixed(0)}x slower with Nagle (medians of ${on.count} and ${off.count})`);
}

export async function nagleRoundTrips(): Promise<void> {
  console.log('Nagle × delayed ACK (write 4 bytes, write 60, read 7; loopback)');
  report('plain', await plain(await freePort()));
  report('traced', await traced());
  console.log('');
}
