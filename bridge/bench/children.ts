// Child processes for the benchmarks: servers and the event reader each get their own process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Child {
  proc: ChildProcess;
  /** The first line the child printed. */
  line: string;
}

/**
 * The bridge as `pnpm start` runs it: bundled (scripts/bundle.mjs), with the bench's own entry
 * (lab-bridge.ts) beside main and cli. Run once, before the first child.
 */
export function bundleBridge(): void {
  const r = spawnSync(process.execPath, ['scripts/bundle.mjs', 'lab-bridge=bench/lab-bridge.ts'], { cwd: path.join(here, '..'), stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bundling the bridge failed (exit ${r.status})`);
}

/** `lab-bridge.ts` runs bundled, as `pnpm start` runs the bridge; the baselines and load run through tsx. */
export function child(script: string, args: string[] = []): Promise<Child> {
  // The bridge's own flags, as bridge/package.json's start script runs it: a 4 MiB young
  // generation keeps short-lived event garbage from inflating RSS (measured: 225 -> 185 MiB peak).
  const flags = (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=4').split(' ').filter(Boolean);
  const entry = script === 'lab-bridge.ts' ? [path.join(here, '../dist/lab-bridge.js')] : ['--import', 'tsx', path.join(here, script)];
  const proc = spawn(process.execPath, [...flags, ...entry, ...args], {
    cwd: path.join(here, '..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    proc.stdout!.once('data', (d: Buffer) => resolve({ proc, line: d.toString().trim() }));
    proc.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

/** A bridge process and a reader taking its events, with the lab's server started on port 0. */
export async function labWithReader(lab: string, bufsize: number): Promise<{ port: number; bridge: Child; counts(): Promise<{ events: number; dropped: number }>; stop(): void }> {
  const bridge = await child('lab-bridge.ts');
  const [port, token] = bridge.line.split(' ');
  const reader = await child('ws-reader.ts', [port!, token!, lab, String(bufsize)]);
  return {
    port: Number(reader.line),
    bridge,
    counts: () =>
      new Promise((resolve) => {
        reader.proc.stdout!.once('data', (d: Buffer) => {
          const [events, dropped] = d.toString().trim().split(' ').map(Number);
          resolve({ events: events!, dropped: dropped! });
        });
        reader.proc.stdin!.write('report\n');
      }),
    stop: () => {
      reader.proc.kill();
      bridge.proc.kill();
    },
  };
}

/** Resident set size of a process, in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export const fmt = (n: number, d = 1) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
