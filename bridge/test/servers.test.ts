// The server styles on real CPython: three clients at once against each of seed 001's servers,
// judged by the order of the calls (who accepted, forked, answered whom first) and by /proc,
// never by how fast a loaded machine happens to be. Each reply follows a second of work.
import type { ServerStyle, SocketEvent } from '@socket-lab/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ServersLab } from '../src/labs/servers/servers-lab.ts';
import { CollectingSink, labContext } from './harness.ts';

const labs: ServersLab[] = [];
afterEach(() => {
  for (const l of labs.splice(0)) l.close();
});

async function styled(style: ServerStyle, sigIgn = false) {
  const sink = new CollectingSink();
  const { ctx } = labContext(sink, undefined, 'servers');
  const lab = new ServersLab(ctx);
  labs.push(lab);
  await lab.run(style, sigIgn);
  const current = lab.state().current!;
  expect(current.status, current.error ?? '').toBe('done');
  return { ev: sink.events, current, lab };
}

const serverPid = (ev: SocketEvent[]) => ev.find((e) => e.op === 'listen')!.pid!;
const printed = (ev: SocketEvent[]) => ev.filter((e) => e.op === 'output').map((e) => e.output!.text);
/** Each reply a server process sent (a sendall by a process that never connected: a forked child's socket was accepted by its parent), in order. */
const replies = (ev: SocketEvent[]) => {
  const clients = new Set(ev.filter((e) => e.op === 'connect').map((e) => e.pid));
  return ev.filter((e) => e.op === 'sendall' && !clients.has(e.pid));
};

describe('Server styles', () => {
  it("iterative: all three connect at once (the kernel queues them), but the second accept comes only after the first client's reply", async () => {
    const { ev, current } = await styled('iterative');
    const accepts = ev.filter((e) => e.op === 'accept');
    expect(accepts).toHaveLength(3);
    // Every client's connect returned before the server accepted the second one.
    const connects = ev.filter((e) => e.op === 'connect' && e.role === 'client');
    expect(connects.every((c) => ev.indexOf(c) < ev.indexOf(accepts[1]!))).toBe(true);
    const r = replies(ev);
    expect(ev.indexOf(r[0]!)).toBeLessThan(ev.indexOf(accepts[1]!));
    expect(ev.indexOf(r[1]!)).toBeLessThan(ev.indexOf(accepts[2]!));
    // One process, one thread served them all; each client waited at least its own second of work.
    expect(new Set(ev.filter((e) => e.role === 'peer').map((e) => `${e.pid} ${e.thread}`)).size).toBe(1);
    expect(current.clients.map((c) => [c.name, c.replyMs >= 950, c.reply.startsWith("b'HELLO FROM")])).toEqual([['A', true, true], ['B', true, true], ['C', true, true]]);
  });

  it('forking: a child per client (its own pid serves it); the parent never waits, so /proc lists each exited child as a zombie (Z)', async () => {
    const { ev, lab } = await styled('forking');
    const parent = serverPid(ev);
    const forks = ev.filter((e) => e.op === 'fork' && e.pid === parent);
    expect(forks).toHaveLength(3);
    const children = forks.map((f) => f.spawned!.pid!);
    expect(new Set(replies(ev).map((e) => e.pid))).toEqual(new Set(children));
    // All three were forked before the first reply: the parent went straight back to accept.
    expect(ev.indexOf(forks[2]!)).toBeLessThan(ev.indexOf(replies(ev)[0]!));
    // Each child exits once its client has left: then, never reaped, it stays in /proc as Z.
    const states = () => lab.state().current!.children.filter((c) => children.includes(c.pid)).map((c) => c.state);
    await new Promise<void>((resolve) => {
      const look = () => (states().join('') === 'ZZZ' ? resolve() : setTimeout(look, 50));
      look();
    });
    expect(states()).toEqual(['Z', 'Z', 'Z']);
    expect(lab.state().current!.clients.every((c) => c.replyMs >= 950)).toBe(true);
  });

  it('forking with signal(SIGCHLD, SIG_IGN): the kernel reaps the children, no zombie in /proc', async () => {
    const { ev, lab } = await styled('forking', true);
    const children = ev.filter((e) => e.op === 'fork').map((f) => f.spawned!.pid!);
    expect(children).toHaveLength(3);
    // The children exit after their client has left; with SIG_IGN they then vanish from /proc.
    await new Promise<void>((resolve) => {
      const look = () => (lab.state().current!.children.some((c) => children.includes(c.pid)) ? setTimeout(look, 50) : resolve());
      look();
    });
    expect(lab.state().current!.children.filter((c) => c.state === 'Z')).toEqual([]);
  });

  it('threaded: one process, a thread per connection, threading.active_count() rising to 4', async () => {
    const { ev } = await styled('threaded');
    const parent = serverPid(ev);
    const threads = ev.filter((e) => e.op === 'thread' && e.pid === parent);
    expect(threads).toHaveLength(3);
    const servedBy = new Set(replies(ev).map((e) => e.thread));
    expect([servedBy.size, [...servedBy].every((t) => t !== 'MainThread'), new Set(replies(ev).map((e) => e.pid)).size]).toEqual([3, true, 1]);
    // A thread's print may land on the same line as another's (each message is one write, its newline another), as in a terminal.
    const counts = [...printed(ev).join('\n').matchAll(/Serving \('127\.0\.0\.1', \d+\) - active threads: (\d+)/g)].map((m) => Number(m[1]));
    expect(counts).toEqual([2, 3, 4]);
  });

  it('select: one process and one thread; each select() returns the sockets that were ready', async () => {
    const { ev } = await styled('select');
    const server = ev.filter((e) => e.pid === serverPid(ev) && e.op !== 'output');
    expect(new Set(server.map((e) => e.thread))).toEqual(new Set(['MainThread']));
    const selects = server.filter((e) => e.op === 'select');
    // Each ready set is drawn from what was watched, and some select() returned a connection (not the listener) ready.
    expect(selects.every((s) => (s.wait!.ready?.read ?? []).every((fd) => s.wait!.watched.read.includes(fd)))).toBe(true);
    const listener = ev.find((e) => e.op === 'listen')!.fd!;
    expect(selects.some((s) => (s.wait!.ready?.read ?? []).some((fd) => fd !== listener))).toBe(true);
    expect(replies(ev)).toHaveLength(3);
  });
});
