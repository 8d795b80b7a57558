// Starts a real bridge in a child process on a free port and hands back its URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RunningBridge {
  url: string;
  stop(): Promise<void>;
}

let bundled: Promise<void> | null = null;
/** The bridge as `pnpm start` runs it: bundled by bridge/scripts/bundle.mjs, once per test process. */
function bundleBridge(): Promise<void> {
  bundled ??= new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['scripts/bundle.mjs'], { cwd: path.join(repoRoot, 'bridge'), stdio: 'inherit' });
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bundling the bridge failed (exit ${code})`))));
  });
  return bundled;
}

/** `port`: the bridge's own port (0: a free one); the same port again is a bridge restarted. */
/** `report`: a class's grades.json, served by `lab report` instead of `pnpm start`. */
export async function startBridgeProcess(o: { port?: number; programs?: string; report?: string } = {}): Promise<RunningBridge> {
  // The course's programs listen on 65432 unless told otherwise: each bridge's programs get a free port.
  const programPort = await freePort();
  await bundleBridge();
  // As `pnpm start` (and `pnpm lab report`) run it.
  const child: ChildProcess = spawn(process.execPath, ['--max-semi-space-size=4', ...(o.report ? ['dist/cli.js', 'report', o.report] : ['dist/main.js'])], {
    cwd: path.join(repoRoot, 'bridge'),
    // Each bridge its own attach socket: bridges of parallel workers never contend for the default one.
    env: {
      ...process.env,
      PORT: String(o.port ?? 0),
      HOST: '127.0.0.1',
      SOCKET_LAB_SKIP_BUILD: '1',
      SOCKET_LAB_PORT: String(programPort),
      SOCKET_LAB_ATTACH: path.join(mkdtempSync(path.join(tmpdir(), 'socket-lab-e2e-')), 'attach.sock'),
      // The folder named at launch (`--programs`): its .py files, and students' folders for the grader.
      PROGRAMS: o.programs ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running: (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`bridge exited (${code}) before serving: ${stderr}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
