// The Lifecycle lab's moments on real CPython: the exceptions CPython raised, word for word, the
// kernel's states as the tracer read them during the run, and /proc/net/tcp as the oracle after.
import { readFileSync } from 'node:fs';
import type { Moment, SocketEvent } from '@socket-lab/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { parseProcNet } from '../src/kernel/proc-net.ts';
import { LifecycleLab } from '../src/labs/lifecycle/lifecycle-lab.ts';
import { CollectingSink, labContext } from './harness.ts';

const labs: LifecycleLab[] = [];
afterEach(() => {
  for (const l of labs.splice(0)) l.close();
});

async function moment(m: Moment) {
  const sink = new CollectingSink();
  const { ctx } = labContext(sink, undefined, 'lifecycle');
  // As the CLI runs it: the nagle moment is its scripted contrast, not a page's live run.
  const lab = new LifecycleLab(ctx, 'python3', false);
  labs.push(lab);
  await lab.run(m);
  const current = lab.state().current!;
  expect(current.status, current.explanation ?? '').toBe('done');
  // The explanation goes under a real event of the run.
  expect(sink.events.find((e) => e.seq === current.after)).toBeDefined();
  return { ev: sink.events, current, lab };
}

const printed = (ev: SocketEvent[]) => ev.filter((e) => e.op === 'output').map((e) => e.output!.text);
const rows = () => parseProcNet(readFileSync('/proc/net/tcp', 'utf8'));

describe('Lifecycle moments', () => {
  it('handshake: with listen(1) and no accept(), connect() returns; /proc lists the connection in the accept queue; accept() takes it', async () => {
    const { ev, current } = await moment('handshake');
    const connect = ev.find((e) => e.op === 'connect')!;
    const accept = ev.find((e) => e.op === 'accept')!;
    expect([connect.error, connect.kernel?.state]).toEqual([undefined, 'ESTABLISHED']);
    expect(ev.indexOf(connect)).toBeLessThan(ev.indexOf(accept));
    expect(current.after).toBe(accept.seq);
    expect(printed(ev)).toContain(`accepted ('127.0.0.1', ${connect.local![1]})`);
    expect(current.explanation).toContain('before the server called accept()');
  });

  it('backlog: with listen(1) and no accept(), two connects return and the third waits in SYN_SENT until accept() makes room', async () => {
    const { ev, current } = await moment('backlog');
    const connects = ev.filter((e) => e.op === 'connect');
    const firstAccept = ev.findIndex((e) => e.op === 'accept');
    expect(connects).toHaveLength(3);
    // A and B are in (ESTABLISHED) before the server accepts anyone; C only after.
    expect(connects.slice(0, 2).every((e) => ev.indexOf(e) < firstAccept && e.kernel?.state === 'ESTABLISHED')).toBe(true);
    expect(ev.indexOf(connects[2]!)).toBeGreaterThan(firstAccept);
    // The server accepts only once the kernel has sent C's SYN again, so C gets in at the retry
    // after that, past Linux's doubled backoff (about 2.4 s after B here; 1.4 s if it got in at the first).
    expect(connects[2]!.t - connects[1]!.t).toBeGreaterThanOrEqual(2000);
    expect(ev.filter((e) => e.op === 'accept')).toHaveLength(3);
    expect(current.explanation).toContain('waited in SYN_SENT');
  });

  it('refused: the SYN meets RST, connect raises ConnectionRefusedError [Errno 111]', async () => {
    const { ev, current } = await moment('refused');
    expect(ev.find((e) => e.op === 'connect')!.error).toEqual({ name: 'ConnectionRefusedError', message: '[Errno 111] Connection refused', errno: 111 });
    expect(current.explanation).toContain('ConnectionRefusedError: [Errno 111] Connection refused');
  });

  it('reset: closing with 6 bytes unread sends RST; the client\'s recv raises ConnectionResetError [Errno 104]', async () => {
    const { ev } = await moment('reset');
    const read = ev.find((e) => e.op === 'recv' && e.role === 'peer')!;
    expect([Buffer.from(read.hex, 'hex').toString(), read.kernel?.recvQueue]).toEqual(['Hello', 6]);
    expect(ev.find((e) => e.op === 'recv' && e.role === 'client')!.error).toMatchObject({ name: 'ConnectionResetError', message: '[Errno 104] Connection reset by peer' });
    expect(printed(ev)).toContain('recv raised ConnectionResetError: [Errno 104] Connection reset by peer');
  });

  it('fin: with everything read, the close is a FIN and the client\'s recv returns b\'\'', async () => {
    const { ev } = await moment('fin');
    const reads = ev.filter((e) => e.op === 'recv' && e.role === 'client');
    expect(reads.map((e) => [e.size, e.error?.name])).toEqual([[0, undefined]]);
    expect(printed(ev)).toContain("recv returned b'': the server closed its end (FIN)");
  });

  it('linger: with SO_LINGER (on, 0 s) even a close with everything read is a RST: ConnectionResetError', async () => {
    const { ev } = await moment('linger');
    const read = ev.find((e) => e.op === 'recv' && e.role === 'peer')!;
    expect([read.size, read.kernel?.recvQueue]).toEqual([11, 0]);
    expect(ev.find((e) => e.op === 'setsockopt' && e.role === 'peer')).toBeDefined();
    expect(ev.find((e) => e.op === 'recv' && e.role === 'client')!.error).toMatchObject({ name: 'ConnectionResetError', errno: 104 });
  });

  it('half-close: after shutdown(SHUT_WR) the client still receives; the server saw EOF in CLOSE_WAIT', async () => {
    const { ev } = await moment('half-close');
    expect(ev.find((e) => e.op === 'shutdown')!.kernel?.state).toMatch(/^FIN_WAIT[12]$/);
    const eof = ev.filter((e) => e.op === 'recv' && e.role === 'peer').at(-1)!;
    expect([eof.size, eof.kernel?.state]).toEqual([0, 'CLOSE_WAIT']);
    expect(printed(ev)).toContain("Reply: b'got 5 bytes'");
  });

  it('close-wait: the server never closes; the kernel keeps its socket in CLOSE_WAIT (and /proc says so)', async () => {
    const { ev, current } = await moment('close-wait');
    const eof = ev.filter((e) => e.op === 'recv' && e.role === 'peer').at(-1)!;
    expect([eof.size, eof.kernel?.state]).toEqual([0, 'CLOSE_WAIT']);
    expect(rows().some((r) => r.local[1] === current.port && r.state === 'CLOSE_WAIT')).toBe(true);
  });

  it('address-in-use: a restart meets the TIME_WAIT with OSError [Errno 98]; with SO_REUSEADDR on both, it binds', async () => {
    const { ev, current } = await moment('address-in-use');
    const binds = ev.filter((e) => e.op === 'bind');
    expect(binds.map((e) => e.error?.message ?? 'ok')).toEqual(['ok', '[Errno 98] Address already in use', 'ok', 'ok']);
    expect(printed(ev)).toContain('OSError: [Errno 98] Address already in use');
    expect(rows().some((r) => r.local[1] === current.port && r.state === 'TIME_WAIT')).toBe(true);
  });

  it('timeout: settimeout(2.0), then a recv no one answers raises TimeoutError: timed out, no sooner than 2 s', async () => {
    const { ev } = await moment('timeout');
    const set = ev.find((e) => e.op === 'settimeout')!;
    const recv = ev.find((e) => e.op === 'recv' && e.role === 'client')!;
    expect(recv.error).toMatchObject({ name: 'TimeoutError', message: 'timed out' });
    expect(recv.t - set.t).toBeGreaterThanOrEqual(1990);
  });

  it('nagle: write, write, read, scripted: 10 round trips with Nagle on, then TCP_NODELAY set (getsockopt reads back 1) and 10 more', async () => {
    const { ev, current } = await moment('nagle');
    const rounds = current.nagle!.rounds;
    expect(rounds.map((r) => r.nodelay)).toEqual([...Array(10).fill(false), ...Array(10).fill(true)]);
    // The server's SO_REUSEADDR is a setsockopt too (before its bind, in a lane not yet a server's).
    const set = ev.filter((e) => e.op === 'setsockopt' && e.where?.code.includes('TCP_NODELAY'));
    expect(set.map((e) => e.where?.code)).toEqual(['sock.setsockopt(IPPROTO_TCP, TCP_NODELAY, 1 if wanted else 0)']);
    expect(printed(ev)).toContain('TCP_NODELAY is now 1');
    expect(current.nagle!.nodelay).toBe(true);
    // Each request is two sendalls (4 and 60 bytes) and the server's one reply of 7.
    expect(ev.filter((e) => e.op === 'sendall' && e.role === 'client').slice(0, 2).map((e) => e.size)).toEqual([4, 60]);
    expect(current.explanation).toMatch(/Nagle on.*median .* ms over 10 round trips.*TCP_NODELAY.*median .* ms over 10 round trips/);
  });

  it("nagle on a page: the toggle sets TCP_NODELAY on the client's socket, and off again, as getsockopt reads it back", async () => {
    const sink = new CollectingSink();
    const { ctx } = labContext(sink, undefined, 'lifecycle');
    let published = 0;
    const lab = new LifecycleLab({ ...ctx, publish: () => void published++ });
    labs.push(lab);
    const running = lab.run('nagle');
    const roundsSeen = (n: number) => new Promise<void>((resolve) => {
      const look = () => ((lab.state().current?.nagle?.rounds.length ?? 0) >= n ? resolve() : setTimeout(look, 20));
      look();
    });
    const nodelayIs = (on: boolean) => new Promise<void>((resolve) => {
      const look = () => (lab.state().current?.nagle?.nodelay === on && printed(sink.events).includes(`TCP_NODELAY is now ${on ? 1 : 0}`) ? resolve() : setTimeout(look, 20));
      look();
    });
    await roundsSeen(2);
    await lab.handle({ op: 'nodelay', on: true });
    await nodelayIs(true);
    await lab.handle({ op: 'nodelay', on: false });
    await nodelayIs(false);
    await roundsSeen(lab.state().current!.nagle!.rounds.length + 1);
    const rounds = lab.state().current!.nagle!.rounds;
    expect(rounds.some((r) => r.nodelay) && !rounds.at(-1)!.nodelay).toBe(true);
    expect(sink.events.filter((e) => e.op === 'setsockopt' && e.where?.code.includes('TCP_NODELAY'))).toHaveLength(2);
    await lab.handle({ op: 'stop' });
    await running;
    expect(lab.state().current!.status).toBe('failed');
    await expect(lab.handle({ op: 'nodelay', on: true })).rejects.toThrow('The Nagle moment is not running');
  });
});
