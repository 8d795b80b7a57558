// strace, the oracle of what a traced program really asked the kernel: its sendto/recvfrom calls
// on TCP and UDP sockets, set against the lab's events.
import type { SocketEvent } from '@socket-lab/protocol';
import { expect } from 'vitest';

interface KernelCall {
  /** The process (a thread's calls are its process's). */
  pid: number;
  fd: number;
  call: 'sendto' | 'recvfrom';
  hex: string;
}

/** Each sendto/recvfrom strace saw on a TCP or UDP socket: process, fd, call, the bytes moved. */
function straceCalls(text: string): KernelCall[] {
  const open = new Map<string, string>();
  /** A thread's tid → its process's pid, from the clone()s that made threads (CLONE_THREAD). */
  const processOf = new Map<number, number>();
  const pidOf = (tid: number) => processOf.get(tid) ?? tid;
  const out: KernelCall[] = [];
  for (const raw of text.split('\n')) {
    const m = /^(\d+)\s+(.*)$/.exec(raw);
    if (!m) continue;
    const [, tid, rest] = m as unknown as [string, string, string];
    let line = rest;
    if (line.endsWith('<unfinished ...>')) {
      open.set(tid, `${line.slice(0, -'<unfinished ...>'.length).trimEnd()} `);
      continue;
    }
    const resumed = /^<\.\.\. \w+ resumed>(.*)$/.exec(line);
    if (resumed) line = (open.get(tid) ?? '') + resumed[1];
    const clone = /^clone3?\((.*)\) = (\d+)/.exec(line);
    if (clone) {
      if (/CLONE_THREAD/.test(clone[1]!)) processOf.set(Number(clone[2]), pidOf(Number(tid)));
      continue;
    }
    const call = /^(sendto|recvfrom)\((\d+)<(?:TCP|UDP|TCPv6|UDPv6):\[[^\]]*\]>, "((?:\\x[0-9a-f]{2})*)"/.exec(line);
    if (!call || /= -1 /.test(line)) continue;
    out.push({ pid: pidOf(Number(tid)), fd: Number(call[2]), call: call[1] as 'sendto' | 'recvfrom', hex: call[3]!.replace(/\\x/g, '') });
  }
  return out;
}

/** The command line that logs a program's network calls (and the clones that made its threads) to `log`, fds named, every byte in hex. */
export const straceArgv = (log: string, ...argv: string[]) => ['strace', '-f', '-yy', '-xx', '-s', '65536', '-e', 'trace=network,clone,clone3', '-o', log, ...argv];

/**
 * Every sendto/recvfrom strace saw on a program's sockets is an event of the same process and fd
 * with the same bytes, in order, and no event moved bytes the kernel did not see. Returns how many
 * calls strace saw. (fds are reused after close, and a forked child has its parent's: calls are
 * compared per process and fd, each in order.)
 */
export function straceAgrees(log: string, events: SocketEvent[]): number {
  const kernel = straceCalls(log);
  const key = (pid: number | undefined, fd: number | undefined) => `${pid} ${fd}`;
  const keys = new Set([...kernel.map((k) => key(k.pid, k.fd)), ...events.filter((e) => e.fd !== undefined && e.size > 0).map((e) => key(e.pid, e.fd))]);
  for (const k of keys) {
    const mine = events.filter((e) => key(e.pid, e.fd) === k);
    const theirs = kernel.filter((c) => key(c.pid, c.fd) === k);
    const reads = mine.filter((e) => e.op === 'recv' || e.op === 'recvfrom' || e.op === 'recv_into' || e.op === 'recvfrom_into').map((e) => e.hex);
    expect(reads, `reads on pid·fd ${k}`).toEqual(theirs.filter((c) => c.call === 'recvfrom').map((c) => c.hex));
    const sends = mine.filter((e) => e.op === 'send' || e.op === 'sendall' || e.op === 'sendto');
    const sent = theirs.filter((c) => c.call === 'sendto');
    expect(sends.map((e) => e.hex).join(''), `bytes sent on pid·fd ${k}`).toBe(sent.map((c) => c.hex).join(''));
    expect(sends.length).toBeLessThanOrEqual(sent.length);
  }
  return kernel.length;
}
