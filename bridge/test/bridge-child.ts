// A real bridge (or `lab serve`) in a child process, started as a lecturer starts it, for tests of
// what must not end it (hostile input) and of how it ends (signals).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Child {
  proc: ChildProcess;
  out(): string;
  err(): string;
  /**
   * Resolves once stdout or stderr matches; rejects if the process exits first, or (given `ms`)
   * once that long has passed, with the ends of what it printed.
   */
  until(re: RegExp, ms?: number): Promise<RegExpExecArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The temp directory the child writes to (its captures): empty again once it has cleaned up. */
  tmp: string;
}

/** Runs `command args` in the repo with a private TMPDIR; `via pnpm` runs the root script as a user would. */
export function startChild(command: string, args: string[], env: Record<string, string> = {}): Child {
  const tmp = mkdtempSync(path.join(tmpdir(), 'socket-lab-child-'));
  const proc = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  proc.stdout!.on('data', (d: Buffer) => ((stdout += d.toString()), listeners.forEach((l) => l())));
  proc.stderr!.on('data', (d: Buffer) => ((stderr += d.toString()), listeners.forEach((l) => l())));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => (listeners.forEach((l) => l()), resolve({ code, signal }))),
  );
  const until = (re: RegExp, ms?: number) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer =
        ms === undefined
          ? undefined
          : setTimeout(() => {
              listeners.delete(check);
              reject(new Error(`not within ${ms / 1000} s: ${re}; stdout ends: ${stdout.slice(-4000)}; stderr ends: ${stderr.slice(-2000)}`));
            }, ms);
      const check = () => {
        const m = re.exec(stdout) ?? re.exec(stderr);
        if (m) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve(m);
        } else if (proc.exitCode !== null || proc.signalCode !== null) {
          listeners.delete(check);
          clearTimeout(timer);
          reject(new Error(`exited (${proc.exitCode ?? proc.signalCode}) before ${re}: ${stderr}`));
        }
      };
      listeners.add(check);
      check();
    });
  return { proc, out: () => stdout, err: () => stderr, until, exited, tmp };
}

/** A page stub with a <head>, so the bridge injects its token into it as it does into the real page. */
export function stubWebRoot(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'socket-lab-web-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><title>Socket Lab</title></head><body>stub</body></html>');
  return dir;
}

/** Starts `pnpm start` on a free port with a stub page; resolves with its port and token. */
export async function startBridgeChild(): Promise<Child & { port: number; token: string }> {
  const child = startChild('pnpm', ['--silent', 'start'], { PORT: '0', SOCKET_LAB_SKIP_BUILD: '1', SOCKET_LAB_WEB_ROOT: stubWebRoot() });
  const m = await child.until(/running: http:\/\/127\.0\.0\.1:(\d+)\//);
  const port = Number(m[1]);
  const page = await httpRaw(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  const token = /name="socket-lab-token" content="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error(`no token in the page: ${page}`);
  return { ...child, port, token };
}

/** Writes raw bytes to the bridge and resolves with everything it answers until it closes. */
export function httpRaw(port: number, request: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    const s = net.connect(port, '127.0.0.1', () => s.end(request));
    s.on('data', (d: Buffer) => (got += d.toString('latin1')));
    s.on('error', () => resolve(got));
    s.on('close', () => resolve(got));
  });
}

/** True once nothing listens on 127.0.0.1:port any more. */
export function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

/** A port that was free a moment ago (for programs that take their port from the environment). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Is process `pid` still there? */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
