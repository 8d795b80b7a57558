// A traced Python program's speed: 1 KiB ping-pong (a student's echo server and client, two
// processes), untraced, under `lab run`, and under `strace -f`, in the same run (SPEC: ≥ 0.7×).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BridgeToTracer } from '@socket-lab/protocol';
import { tracedEnv } from '../src/labs/programs/runner.ts';
import { fmt } from './children.ts';
import { figure } from './figures.ts';

const bridgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Seed 002's shape: an echo server and its client, two processes (the server forked, so one
// command starts both and one `lab run` traces both), the client sending each message once the
// last one's echo is back. Threads in one process would measure the GIL's hand-offs, not tracing.
const PING_PONG = `
import os, socket, sys, time
seconds = float(sys.argv[1])
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(('127.0.0.1', 0))
server.listen(1)
address = server.getsockname()
if os.fork() == 0:
    conn, _ = server.accept()
    with conn:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            conn.sendall(data)
    os._exit(0)
server.close()
client = socket.create_connection(address)
client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
message = b'x' * 1024
n = 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    client.sendall(message)
    got = 0
    while got < len(message):
        got += len(client.recv(1024))
    n += 1
client.close()
os.wait()
print('round trips', n)
`;

/**
 * Round trips/s the program printed, run as \`argv\`. Its output is read as an ordinary reader
 * would and dropped, all but the end: \`lab run\` prints every call first, the count last.
 */
function roundTrips(argv: string[], seconds: number, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: bridgeDir, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let tail: Buffer = Buffer.alloc(0);
    child.stdout.on('data', (d: Buffer) => {
      tail = d.length >= 4096 ? d.subarray(d.length - 4096) : Buffer.concat([tail, d]).subarray(-4096);
    });
    child.once('close', (code, signal) => {
      const m = /round trips (\d+)/.exec(tail.toString('latin1'));
      if (m) resolve(Number(m[1]) / seconds);
      else reject(new Error(`no round trip count from ${argv.join(' ')} (exit ${code ?? signal}); its output ended: ${tail.toString('latin1').slice(-300)}`));
    });
  });
}

/**
 * A trace channel that reads the tracer's records and drops them: the tracer's own cost to the
 * program, apart from what `lab run` does with each record (an event, its bytes as hex, a JSON line).
 */
async function droppingChannel(dir: string): Promise<{ path: string; close(): void }> {
  const file = path.join(dir, 'trace.sock');
  const mode: BridgeToTracer = { k: 'mode', step: false };
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.write(JSON.stringify(mode) + '\n');
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(file, resolve));
  return { path: file, close: () => server.close() };
}

export async function tracedPython(seconds: number, reps: number, everyRep: boolean): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'socket-lab-bench-'));
  const script = path.join(dir, 'ping_pong.py');
  writeFileSync(script, PING_PONG);
  const channel = await droppingChannel(dir);
  const s = String(seconds);
  const runs = { plain: [] as number[], traced: [] as number[], tracer: [] as number[], strace: [] as number[] };
  for (let i = 0; i < reps; i++) {
    runs.plain.push(await roundTrips(['python3', script, s], seconds));
    // `lab run` prints every call as JSON Lines; the output event carries the count.
    runs.traced.push(await roundTrips([process.execPath, 'dist/cli.js', 'run', '--', 'python3', script, s], seconds));
    // The two comparisons once (a default run keeps its two minutes; --full takes REPS of them too).
    if (i > 0 && !everyRep) continue;
    runs.tracer.push(await roundTrips(['python3', script, s], seconds, tracedEnv(channel.path)));
    runs.strace.push(await roundTrips(['strace', '-f', '-qq', '-o', '/dev/null', 'python3', script, s], seconds));
  }
  channel.close();
  rmSync(dir, { recursive: true, force: true });
  const best = (xs: number[]) => Math.max(...xs);
  const plain = best(runs.plain);
  figure({ name: 'traced Python program (lab run) vs untraced, 1 KiB ping-pong', value: best(runs.traced) / plain, unit: 'ratio', target: 0.7, better: 'higher', baseline: plain });
  figure({ name: "the tracer alone (its records read and dropped) vs untraced, 1 KiB ping-pong (for comparison)", value: best(runs.tracer) / plain, unit: 'ratio', target: null, better: 'higher', baseline: plain });
  figure({ name: 'strace -f vs untraced, 1 KiB ping-pong (for comparison)', value: best(runs.strace) / plain, unit: 'ratio', target: null, better: 'higher', baseline: plain });
  console.log('Traced Python program (1 KiB ping-pong, echo server and client processes)');
  console.log(`  untraced           ${fmt(plain)} round trips/s`);
  console.log(`  lab run (traced)   ${fmt(best(runs.traced))} round trips/s  ${(best(runs.traced) / plain).toFixed(2)}x  (target >= 0.7x)`);
  console.log(`  tracer alone       ${fmt(best(runs.tracer))} round trips/s  ${(best(runs.tracer) / plain).toFixed(2)}x  (records read and dropped: no events, no JSON)`);
  console.log(`  strace -f          ${fmt(best(runs.strace))} round trips/s  ${(best(runs.strace) / plain).toFixed(2)}x`);
  console.log('');
}
