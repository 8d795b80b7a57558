// The between-events kernel view on literal /proc/net/tcp lines: which rows are a session's
// sockets, what is sent (only changes), and how a socket the kernel let go ends.
import type { LiveKernel, SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { KernelWatch, MAX_WATCHED } from './kernel-watch.ts';
import { parseProcNet } from './proc-net.ts';

const HEAD = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
// 127.0.0.1:65520 listening; its connection from 127.0.0.1:54321 with 7 bytes unread; the client's end.
const LISTEN = '   0: 0100007F:FFF0 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0';
const SERVER_CONN = (st: string, rx: string) => `   1: 0100007F:FFF0 0100007F:D431 ${st} 00000000:${rx} 00:00000000 00000000     0        0 2 1 0 20 4 30 10 -1`;
const CLIENT_END = '   2: 0100007F:D431 0100007F:FFF0 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0 20 4 30 10 -1';

const ev = (e: Partial<SocketEvent>): SocketEvent => ({ seq: 0, t: 0, lab: 'tcp-echo', socket: 's', role: 'server', op: 'bind', local: null, remote: null, size: 0, hex: '', ...e });

function watch(lines: () => string[], inodes: Record<string, number> = {}) {
  const sent: LiveKernel[][] = [];
  let now = 0;
  const w = new KernelWatch((s) => sent.push(s), () => parseProcNet([HEAD, ...lines()].join('\n')), () => now, true, (pid, fd) => inodes[`${pid}:${fd}`] ?? null);
  w.watch(false);
  return { w, sent, at: (ms: number) => (now = ms) };
}

describe('KernelWatch', () => {
  it('shows each TCP socket of the session as the kernel lists it, and sends only what changed', () => {
    let rows = [LISTEN, SERVER_CONN('01', '00000007'), CLIENT_END];
    const { w, sent } = watch(() => rows);
    w.observe(ev({ socket: 'server-1', op: 'listen', local: ['127.0.0.1', 65520] }));
    w.observe(ev({ socket: 'conn-1', role: 'peer', op: 'accept', local: ['127.0.0.1', 65520], remote: ['127.0.0.1', 54321] }));
    w.observe(ev({ socket: 'client-1', role: 'client', op: 'connect', local: ['127.0.0.1', 54321], remote: ['127.0.0.1', 65520] }));
    // Not TCP, or not yet an address: not watched.
    w.observe(ev({ lab: 'udp-echo', socket: 'udp-1', op: 'bind', local: ['127.0.0.1', 65520] }));
    w.observe(ev({ lab: 'programs', socket: 'pid 9 fd 3', op: 'bind', local: ['127.0.0.1', 54321] }));
    w.refresh();
    expect(sent).toEqual([
      [
        { lab: 'tcp-echo', socket: 'server-1', state: 'LISTEN', recvQueue: 0, sendQueue: 0, seconds: 0 },
        { lab: 'tcp-echo', socket: 'conn-1', state: 'ESTABLISHED', recvQueue: 7, sendQueue: 0, seconds: 0 },
        { lab: 'tcp-echo', socket: 'client-1', state: 'ESTABLISHED', recvQueue: 0, sendQueue: 0, seconds: 0 },
      ],
    ]);
    w.refresh();
    expect(sent).toHaveLength(1);
    // The client closed; the server has not read its FIN: CLOSE_WAIT, 7 bytes still unread.
    rows = [LISTEN, SERVER_CONN('08', '00000007')];
    w.refresh();
    expect(sent.at(-1)!.map((k) => `${k.socket} ${k.state} ${k.recvQueue}`)).toEqual(['server-1 LISTEN 0', 'conn-1 CLOSE_WAIT 7', 'client-1 CLOSED 0']);
  });

  it('a socket let go is watched again when it makes another call, even one like its last', () => {
    const rows = [CLIENT_END];
    const { w, sent } = watch(() => rows);
    const local: [string, number] = ['127.0.0.1', 54321];
    const remote: [string, number] = ['127.0.0.1', 65520];
    // One socket's calls, the same address arrays each time, as a lab's are.
    w.observe(ev({ socket: 'client-1', role: 'client', op: 'connect', local, remote }));
    w.observe(ev({ socket: 'client-1', role: 'client', op: 'sendall', local, remote }));
    // Past MAX_WATCHED others, the oldest (client-1) is let go.
    for (let i = 0; i < MAX_WATCHED; i++) w.observe(ev({ socket: `other-${i}`, op: 'listen', local: ['127.0.0.1', 1000 + i] }));
    w.refresh();
    expect(sent.at(-1)!.some((k) => k.socket === 'client-1')).toBe(false);
    w.observe(ev({ socket: 'client-1', role: 'client', op: 'sendall', local, remote }));
    w.refresh();
    expect(sent.at(-1)!.find((k) => k.socket === 'client-1')).toMatchObject({ state: 'ESTABLISHED' });
  });

  it('a socket the kernel lists no more shows CLOSED for a while, then is let go', () => {
    let rows = [CLIENT_END];
    const { w, sent, at } = watch(() => rows);
    w.observe(ev({ socket: 'client-1', role: 'client', op: 'connect', local: ['127.0.0.1', 54321], remote: ['127.0.0.1', 65520] }));
    w.observe(ev({ socket: 'client-1', role: 'client', op: 'close' }));
    w.refresh();
    rows = [];
    at(1000);
    w.refresh();
    expect(sent.at(-1)).toEqual([{ lab: 'tcp-echo', socket: 'client-1', state: 'CLOSED', recvQueue: 0, sendQueue: 0, seconds: 0 }]);
    at(5000);
    w.refresh();
    expect(sent.at(-1)).toEqual([]);
  });

  it('counts how long a socket has stayed in its state (a CLOSE_WAIT a server forgot)', () => {
    const { w, sent, at } = watch(() => [SERVER_CONN('08', '00000000')]);
    w.observe(ev({ socket: 'conn-1', role: 'peer', op: 'accept', local: ['127.0.0.1', 65520], remote: ['127.0.0.1', 54321] }));
    w.refresh();
    at(12_400);
    w.refresh();
    expect(sent.map((s) => `${s[0]!.state} ${s[0]!.seconds}`)).toEqual(['CLOSE_WAIT 0', 'CLOSE_WAIT 12']);
  });

  it('a traced program\'s TCP socket (its events carry the tracer\'s kernel view) is watched too', () => {
    const { w, sent } = watch(() => [CLIENT_END]);
    w.observe(ev({ lab: 'programs', socket: 'pid 9 fd 3', role: 'client', op: 'connect', local: ['127.0.0.1', 54321], remote: ['127.0.0.1', 65520], kernel: { state: 'ESTABLISHED', recvQueue: 0, sendQueue: 0 } }));
    w.refresh();
    expect(sent).toEqual([[{ lab: 'programs', socket: 'pid 9 fd 3', state: 'ESTABLISHED', recvQueue: 0, sendQueue: 0, seconds: 0 }]]);
  });

  it("a traced program's socket is found by its inode from socket() on: a connect still in SYN_SENT shows before it returns", () => {
    // pid 9's fd 3 is inode 4, connecting from :54322 to :65521 (nothing answers); fd 4 is a UDP socket (inode 5).
    const SYN_SENT = '   3: 0100007F:D432 0100007F:FFF1 02 00000001:00000000 01:00000064 00000001     0        0 4 1 0 20 4 30 10 -1';
    let rows = [SYN_SENT];
    const { w, sent } = watch(() => rows, { '9:3': 4, '9:4': 5 });
    w.observe(ev({ lab: 'lifecycle', socket: 'pid 9 fd 3', role: 'client', op: 'socket', pid: 9, fd: 3 }));
    w.observe(ev({ lab: 'lifecycle', socket: 'pid 9 fd 4', role: 'client', op: 'socket', pid: 9, fd: 4 }));
    w.refresh();
    expect(sent).toEqual([[{ lab: 'lifecycle', socket: 'pid 9 fd 3', state: 'SYN_SENT', recvQueue: 0, sendQueue: 1, seconds: 0 }]]);
    // The handshake completes (connect returns), then the socket closes into TIME_WAIT, which has no inode.
    rows = ['   3: 0100007F:D432 0100007F:FFF1 01 00000000:00000000 00:00000000 00000000     0        0 4 1 0 20 4 30 10 -1'];
    w.observe(ev({ lab: 'lifecycle', socket: 'pid 9 fd 3', role: 'client', op: 'connect', pid: 9, fd: 3, local: ['127.0.0.1', 54322], remote: ['127.0.0.1', 65521], kernel: { state: 'ESTABLISHED', recvQueue: 0, sendQueue: 0 } }));
    w.refresh();
    rows = ['   3: 0100007F:D432 0100007F:FFF1 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000'];
    w.observe(ev({ lab: 'lifecycle', socket: 'pid 9 fd 3', role: 'client', op: 'close', pid: 9, fd: 3 }));
    w.refresh();
    expect(sent.map((s) => s.map((k) => `${k.socket} ${k.state}`))).toEqual([['pid 9 fd 3 SYN_SENT'], ['pid 9 fd 3 ESTABLISHED'], ['pid 9 fd 3 TIME_WAIT']]);
    // The TIME_WAIT row's timer: 0x1770 ticks, 60 s left.
    expect(sent.at(-1)![0]!.left).toBe(60);
  });
});
