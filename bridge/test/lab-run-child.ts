// `pnpm lab run` as a child process for tests: its JSON Lines parsed with the protocol's own schema.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { socketEventSchema, type SocketEvent } from '@socket-lab/protocol';

const bridgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A program the lab ships. */
export const course = (name: string) => path.join(bridgeDir, 'src/labs/programs/course', name);

export interface Traced {
  events(): SocketEvent[];
  until(pick: (ev: SocketEvent[]) => boolean, what: string): Promise<SocketEvent[]>;
  exit: Promise<number | null>;
  kill(): void;
}

/** `lab run -- <argv>` as a child process. */
export function labRun(argv: string[], env: Record<string, string> = {}, flags: string[] = []): Traced {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'run', ...flags, '--', ...argv], {
    cwd: bridgeDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: SocketEvent[] = [];
  let pending = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    pending += d.toString();
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      events.push(socketEventSchema.parse(JSON.parse(pending.slice(0, nl))) as SocketEvent);
      pending = pending.slice(nl + 1);
    }
    waiters.forEach((w) => w());
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => (waiters.forEach((w) => w()), resolve(code))));
  const until = (pick: (ev: SocketEvent[]) => boolean, what: string) =>
    new Promise<SocketEvent[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}: ${stderr}\n${events.map((e) => `${e.op} ${e.output?.text ?? ''}`).join('\n')}`)), 20_000);
      const check = () => {
        if (pick(events)) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(events);
        }
      };
      waiters.add(check);
      check();
    });
  return { events: () => events, until, exit, kill: () => child.kill('SIGTERM') };
}

