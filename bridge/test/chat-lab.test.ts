// The Chat lab as the page drives it: the traced Python chat server, two chat panels (lab client
// sockets) and `nc` itself as a third client, all on loopback.
import { spawn } from 'node:child_process';
import type { ChatState } from '@socket-lab/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatLab } from '../src/labs/chat/chat-lab.ts';
import { LabError } from '../src/labs/lab.ts';
import { until } from '../src/labs/programs/waits.ts';
import { CollectingSink, labContext } from './harness.ts';

let lab: ChatLab | null = null;
afterEach(() => lab?.close());

const lines = (s: ChatState, panel: string) => s.panels.find((p) => p.panel === panel)!.lines;
const heard = (l: ChatLab, panel: string, text: string) => () => lines(l.state(), panel).some((x) => x.from === 'server' && x.text === text);

describe('Chat lab', () => {
  it('two panels and nc chat through the Python server; a name sent in two sends is one line from two recvs', async () => {
    const sink = new CollectingSink();
    const { ctx } = labContext(sink, undefined, 'chat');
    lab = new ChatLab(ctx);
    const l = lab;
    await l.handle({ op: 'start', port: 0 });
    const port = l.state().server!.port;
    expect(l.state().server!.status).toBe('listening');
    await l.handle({ op: 'join' });
    await l.handle({ op: 'join' });
    const [alice, bob] = l.state().panels.map((p) => p.panel) as [string, string];

    await l.handle({ op: 'say', panel: alice, text: 'alice', newline: true });
    await until(heard(l, alice, 'welcome alice'), 30_000, 'no welcome for alice');
    // "bo" alone, and only once the server's thread has read it, then "b\n": one name from two recvs.
    await l.handle({ op: 'say', panel: bob, text: 'bo', newline: false });
    await sink.until((ev) => ev.some((e) => e.op === 'recv' && e.pid !== undefined && Buffer.from(e.hex, 'hex').toString() === 'bo'), "the server's recv of 'bo'");
    expect(l.state().panels.find((p) => p.panel === bob)!.lines.at(-1)).toEqual({ from: 'me', text: 'bo  (no newline yet)' });
    await l.handle({ op: 'say', panel: bob, text: 'b', newline: true });
    await until(heard(l, bob, 'welcome bob'), 30_000, 'no welcome for bob');
    expect(l.state().panels.find((p) => p.panel === bob)!.name).toBe('bob');

    await l.handle({ op: 'say', panel: alice, text: '@bob hi there', newline: true });
    await until(heard(l, bob, 'alice: hi there'), 30_000, 'bob never got the message');

    // nc as a student would use it: its lines on stdin, what the server says on stdout.
    const nc = spawn('nc', ['127.0.0.1', String(port)], { stdio: ['pipe', 'pipe', 'ignore'] });
    let said = '';
    nc.stdout.on('data', (d: Buffer) => (said += d.toString()));
    nc.stdin.write('carol\n');
    await until(() => said.includes('welcome carol\n'), 30_000, `nc got: ${said}`);
    nc.stdin.write('/users\n');
    await until(() => said.includes('users: alice, bob, carol\n'), 30_000, `nc got: ${said}`);
    nc.stdin.write('@alice from nc\n');
    await until(heard(l, alice, 'carol: from nc'), 30_000, 'alice never got carol\u2019s message');
    nc.stdin.end('/bye\n'); // nc (OpenBSD) exits once its stdin has ended and the server has closed
    await new Promise((resolve) => nc.once('exit', resolve));
    expect(said.split('\n').filter(Boolean)).toEqual(['welcome carol', 'users: alice, bob, carol', 'bye']);

    // Bad input gets its one line; the others go on.
    await l.handle({ op: 'say', panel: bob, text: '@carol still there?', newline: true });
    await until(heard(l, bob, 'error: carol is not online (see /users)'), 30_000, 'no offline error');
    await l.handle({ op: 'say', panel: alice, text: 'x'.repeat(5000), newline: false });
    await until(heard(l, alice, 'error: a line over 4096 bytes without a newline: dropped'), 30_000, 'no over-long error');

    // /bye: the server answers, closes, and the panel's recv returns b''.
    await l.handle({ op: 'say', panel: bob, text: '/bye', newline: true });
    await until(() => !l.state().panels.find((p) => p.panel === bob)!.open, 30_000, 'bob still open');
    expect(lines(l.state(), bob).slice(-2)).toEqual([
      { from: 'server', text: 'bye', recvs: 1 },
      { from: 'note', text: "the server closed the connection (recv returned b'')" },
    ]);
    expect(sink.of(bob, 'close')).toHaveLength(1);
    await expect(l.handle({ op: 'say', panel: bob, text: 'hello?', newline: true })).rejects.toThrow(/closed: join again/);
    // The over-long line ends at its newline, and is dropped with it: the next line is served.
    await l.handle({ op: 'say', panel: alice, text: 'x'.repeat(10), newline: true });
    await l.handle({ op: 'say', panel: alice, text: '/users', newline: true });
    await until(heard(l, alice, 'users: alice'), 30_000, 'alice lost');
  }, 180_000);

  it('a port in use is refused with the sentence and Errno 98; the lab can start elsewhere', async () => {
    const sink = new CollectingSink();
    const { ctx } = labContext(sink, undefined, 'chat');
    lab = new ChatLab(ctx);
    await lab.handle({ op: 'start', port: 0 });
    const taken = lab.state().server!.port;
    const other = new ChatLab(labContext(new CollectingSink(), undefined, 'chat').ctx);
    try {
      const err = await other.handle({ op: 'start', port: taken }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(LabError);
      expect((err as Error).message).toBe(`port ${taken} is in use (another program listens there): OSError: [Errno 98] Address already in use. Choose another port`);
      expect(other.state().server).toMatchObject({ status: 'failed', port: taken });
      await expect(other.handle({ op: 'join' })).rejects.toThrow('start the server first: chat_server.py is not listening');
    } finally {
      other.close();
    }
  }, 120_000);
});
