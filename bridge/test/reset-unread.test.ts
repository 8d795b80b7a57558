// A peer resets (RST) while its bytes are still unread. CPython's seed-style echo server, the
// oracle, reads b'Hell' and then its sendall raises ConnectionResetError; the lab's server must
// show the same calls in the same order, not a recv that raises and a sendall after close.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TcpEchoLab } from '../src/labs/tcp-echo.ts';
import type { Flow } from '../src/sockets/recv-loop.ts';
import { CollectingSink, labContext } from './harness.ts';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'python', 'echo_after_reset.py');

/** Connects, sends Hello World, and closes with SO_LINGER 0 so the kernel sends RST. */
async function sendAndReset(port: number): Promise<number> {
  const s = net.connect(port, '127.0.0.1');
  await new Promise((r) => s.once('connect', r));
  const local = s.localPort!;
  await new Promise<void>((r) => s.write('Hello World', () => r()));
  s.resetAndDestroy();
  // The reset has reached the server once the kernel lists the connection no more.
  await expect.poll(() => listed(port, local), { timeout: 10_000 }).toBe(false);
  return local;
}

/** Is the connection 127.0.0.1:port <- :peer still in /proc/net/tcp? */
function listed(port: number, peer: number): boolean {
  const hex = (p: number) => p.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .some((row) => row.includes(`0100007F:${hex(port)} 0100007F:${hex(peer)}`));
}

/** What CPython's server did, as it printed it. */
async function python(): Promise<string[]> {
  const p = spawn('python3', [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  p.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await expect.poll(() => out.includes('\n'), { timeout: 10_000 }).toBe(true);
  const port = Number(out.split('\n')[0]);
  await sendAndReset(port);
  p.stdin.end('go\n');
  await new Promise((r) => p.once('exit', r));
  return out.trim().split('\n').slice(1);
}

describe('a reset with unread bytes', () => {
  it('TCP echo at recv(4) shows what CPython does: recv -> b\'Hell\', then sendall raises ConnectionResetError, then close', async () => {
    const oracle = await python();
    expect(oracle).toEqual(['recv 48656c6c', 'raised ConnectionResetError']);

    // The lab's server, held before its first recv as the Python server is (a congested page holds readers).
    const sink = new CollectingSink();
    const held: Array<() => void> = [];
    const flow: Flow = { congested: true, whenReady: (cb) => void held.push(cb) };
    const { ctx } = labContext(sink);
    const lab = new TcpEchoLab({ ...ctx, flow }, { bufsize: 4 });
    try {
      await lab.handle({ op: 'start-server', host: '127.0.0.1', port: 0, backlog: 1 });
      const port = lab.address![1];
      await sendAndReset(port);
      await sink.until((ev) => ev.some((e) => e.op === 'accept'), 'accept');
      Object.assign(flow, { congested: false });
      held.splice(0).forEach((cb) => cb());
      const events = await sink.until((ev) => ev.some((e) => e.role === 'peer' && e.op === 'close'), 'the close');
      const calls = events
        .filter((e) => e.role === 'peer' && e.op !== 'accept')
        .map((e) => (e.error ? `${e.op} raised ${e.error.name}` : `${e.op} ${e.hex}`));
      expect(calls).toEqual(['recv 48656c6c', 'sendall raised ConnectionResetError', 'close ']);
    } finally {
      lab.close();
    }
  });
});
