// Seed 003's chat project: `lab serve chat` runs the Python chat server traced, and two clients
// written as a student would (test/python/chat_session.py) use every command and every bad input;
// the events show the server's side, a line assembled from two recvs among them.
import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { freePort } from '../src/labs/programs/waits.ts';
import { startChild } from './bridge-child.ts';

const session = path.join(path.dirname(fileURLToPath(import.meta.url)), 'python', 'chat_session.py');

/** The output events (the program's printed lines) among `serve`'s JSON Lines so far. */
function outputs(jsonLines: string): string {
  return JSON.stringify(jsonLines.split('\n').filter((l) => l.includes('"op":"output"')).map((l) => (JSON.parse(l) as SocketEvent).output?.text));
}

describe('lab serve chat', () => {
  it('usernames, /users, @name, /bye and each bad input get their one-line replies; the others never notice', async () => {
    const port = await freePort();
    const serve = startChild('pnpm', ['--silent', 'lab', 'serve', 'chat', '--port', String(port)]);
    try {
      await serve.until(new RegExp(`chat listening on 127\\.0\\.0\\.1:${port}`));
      const out = await new Promise<string>((resolve, reject) =>
        execFile('python3', [session, String(port)], { timeout: 60_000 }, (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\nits output: ${stdout}\n${stderr}\nthe server's output events: ${outputs(serve.out())}`)) : resolve(stdout),
        ),
      );
      const lines = out.trimEnd().split('\n');
      expect(lines.slice(0, 10)).toEqual([
        'alice <- error: empty username: send your name first',
        'alice <- welcome alice',
        'bob <- error: the name alice is taken: send another',
        'bob <- welcome bob',
        'alice <- users: alice, bob',
        'bob <- alice: hi there',
        'alice <- error: carol is not online (see /users)',
        'alice <- error: unknown command /dance: use /users, @name message or /bye',
        'alice <- error: that line is not valid UTF-8',
        'alice <- error: a line over 4096 bytes without a newline: dropped',
      ]);
      expect(lines).toContain('carol <- welcome carol');
      expect(lines.slice(-3)).toEqual(['bob <- bye', 'bob after bye: None', 'alice <- error: bob is not online (see /users)']);
      // The server's print reaches `serve` on the program's stdout, not the trace channel: on a busy
      // machine it may still be on its way when the clients are done, so wait for it before stopping.
      // Wait for its event (JSON on stdout), not the plain line `serve` may print first on stderr.
      // Its text may follow another thread's on one line, as in a terminal: the main thread's
      // print for carol's connection is a write and a newline, and carol's thread can print between.
      await serve.until(/"text":"[^"]*carol left mid-line/, 30_000);
    } finally {
      serve.proc.kill('SIGTERM');
      await serve.exited;
    }
    const events = serve.out().split('\n').filter(Boolean).map((l) => JSON.parse(l) as SocketEvent);
    // Bob's name came in two sends: the server's thread for him read b'bo' and then b'b\n', one line from two recvs.
    const reads = events.filter((e) => e.op === 'recv' && e.where?.code === 'while data := conn.recv(BUF_SIZE):');
    const bob = reads.findIndex((e) => Buffer.from(e.hex, 'hex').toString() === 'bo');
    expect(bob).toBeGreaterThanOrEqual(0);
    expect(reads.slice(bob + 1).find((e) => e.socket === reads[bob]!.socket)!.hex).toBe(Buffer.from('b\n').toString('hex'));
    expect(reads[bob]!.thread).not.toBe('MainThread');
    // Carol vanished mid-line: the server said so, and went on serving.
    expect(events.some((e) => e.op === 'output' && e.output!.text.includes('carol left mid-line: 14 bytes without a newline dropped'))).toBe(true);
  }, 120_000);

  it('a port in use: a sentence naming it and Errno 98, and a failing exit', async () => {
    const held = net.createServer();
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
    const port = (held.address() as net.AddressInfo).port;
    try {
      const serve = startChild('pnpm', ['--silent', 'lab', 'serve', 'chat', '--port', String(port)]);
      const { code } = await serve.exited;
      expect(code).not.toBe(0);
      expect(serve.err()).toContain(`port ${port} is in use (another program listens there): OSError: [Errno 98] Address already in use`);
    } finally {
      held.close();
    }
  }, 120_000);
});
