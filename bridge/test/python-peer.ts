// Runs the student-style Python peers in test/python as child processes.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'python');

export type ServerBug =
  | 'none'
  | 'little-endian'
  | 'little-endian-both'
  | 'short-header'
  | 'single-recv'
  | 'over-read'
  | 'first-client-only'
  | 'bytes-not-chars'
  | 'one-message'
  | 'chars-header'
  | 'no-truncate';

/** Starts buffered_server.py; resolves with its port once it listens. */
export function pythonServer(bufsize: number, bug: ServerBug): Promise<{ port: number; proc: ChildProcess; stop(): void }> {
  const proc = spawn('python3', [path.join(dir, 'buffered_server.py'), String(bufsize), bug], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    proc.stdout!.once('data', (d: Buffer) => resolve({ port: Number(d.toString().trim()), proc, stop: () => proc.kill() }));
    proc.once('exit', (code) => reject(new Error(`buffered_server.py exited with ${code}`)));
  });
}

/** Runs buffered_client.py to the end; resolves with its printed (payload, ok) lines. */
export function pythonClient(port: number, bufsize: number, messages: string[]): Promise<string[]> {
  return new Promise((resolve, reject) =>
    execFile('python3', [path.join(dir, 'buffered_client.py'), String(port), String(bufsize), ...messages], { timeout: 10_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout.trimEnd().split('\n')),
    ),
  );
}
