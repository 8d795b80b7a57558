// The server styles of seed 001 as students write them (select, selectors, fork), and a client
// that reads its socket as a file, under `lab run`: the waits and forks as events, each child's
// calls in its own process, and strace agreeing with every byte.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { labRun } from './lab-run-child.ts';
import { straceAgrees, straceArgv } from './strace.ts';

const bridgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const program = (name: string) => path.join(bridgeDir, 'test/python', name);
const printed = (ev: SocketEvent[], stream = 'stdout') => ev.filter((e) => e.op === 'output' && e.output!.stream === stream).map((e) => e.output!.text);
const portOf = async (run: ReturnType<typeof labRun>) => Number(printed(await run.until((ev) => printed(ev).length > 0, 'the port'))[0]);

/** n clients at once, each sending its own line and reading all of it back before it ends. */
function clients(port: number, n: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) => {
      const line = `client ${i} says hello\n`;
      return new Promise<string>((resolve, reject) => {
        const c = net.connect(port, '127.0.0.1', () => c.write(line));
        let got = '';
        c.on('data', (d) => {
          got += d.toString();
          if (got.length >= line.length) c.end();
        });
        c.on('close', () => resolve(got));
        c.on('error', reject);
      });
    }),
  );
}

const sentLines = (n: number) => Array.from({ length: n }, (_, i) => `client ${i} says hello\n`);

describe('lab run: servers that wait on many sockets', () => {
  it('select.select: each wait is an event naming the sockets it watched and those ready; strace agrees with every byte', async () => {
    const log = path.join(mkdtempSync(path.join(tmpdir(), 'socket-lab-strace-')), 'strace.txt');
    const run = labRun(straceArgv(log, 'python3', program('select_echo.py'), '3'));
    expect(await clients(await portOf(run), 3)).toEqual(sentLines(3));
    expect(await run.exit).toBe(0);
    const ev = run.events();
    const listener = ev.find((e) => e.op === 'listen')!;
    const waits = ev.filter((e) => e.op === 'select');
    expect(waits.length).toBeGreaterThanOrEqual(4);
    for (const w of waits) {
      expect(w.where?.code).toBe('readable, _, _ = select.select(inputs, [], [])');
      expect(w.wait!.watched.read).toContain(listener.fd);
      expect(w.wait!.ready!.read.every((fd) => w.wait!.watched.read.includes(fd))).toBe(true);
      expect(w.wait!.ready!.read.length).toBeGreaterThan(0);
    }
    // Each accept and each recv follows a select that said its socket was ready.
    for (const [i, e] of ev.entries()) {
      if (e.op !== 'accept' && e.op !== 'recv') continue;
      const before = ev.slice(0, i).filter((x) => x.op === 'select').at(-1)!;
      expect(before.wait!.ready!.read).toContain(e.op === 'accept' ? listener.fd : e.fd);
    }
    expect(new Set(ev.filter((e) => e.role !== 'program' || e.op === 'select').map((e) => `${e.pid} ${e.thread}`)).size).toBe(1);
    expect(straceAgrees(readFileSync(log, 'utf8'), ev.filter((e) => e.role !== 'program'))).toBeGreaterThanOrEqual(6);
  }, 60_000);

  it('selectors.DefaultSelector: the selector\'s select() is the event, with the ready sockets', async () => {
    const run = labRun(['python3', program('selectors_echo.py'), '2']);
    expect(await clients(await portOf(run), 2)).toEqual(sentLines(2));
    expect(await run.exit).toBe(0);
    const ev = run.events();
    const waits = ev.filter((e) => e.op === 'selector');
    expect(waits.length).toBeGreaterThanOrEqual(3);
    expect(waits.every((w) => w.where?.code === 'events = sel.select()' && w.wait!.ready!.read.length > 0)).toBe(true);
    // The selector's own epoll is not a second event, and select.select was not called.
    expect(ev.filter((e) => e.op === 'select' || e.op === 'poll')).toEqual([]);
    const peers = ev.filter((e) => e.role === 'peer');
    expect(peers.filter((e) => e.op === 'send').map((e) => Buffer.from(e.hex, 'hex').toString())).toEqual(expect.arrayContaining(sentLines(2)));
    expect(peers.filter((e) => e.op === 'setblocking')).toHaveLength(2);
  }, 60_000);
});

describe('lab run: select.poll', () => {
  it('each poll() is an event with the fds registered and those that were ready, and its timeout in seconds', async () => {
    const run = labRun(['python3', program('poll_echo.py'), '2']);
    expect(await clients(await portOf(run), 2)).toEqual(sentLines(2));
    expect(await run.exit).toBe(0);
    const ev = run.events();
    const listener = ev.find((e) => e.op === 'listen')!.fd!;
    const polls = ev.filter((e) => e.op === 'poll');
    expect(polls.length).toBeGreaterThanOrEqual(3);
    expect(polls.every((p) => p.where?.code === 'for fd, event in poller.poll(5000):' && p.wait!.timeout === 5 && p.wait!.watched.read.includes(listener))).toBe(true);
    // The first poll finds the listening socket ready (a client is waiting to be accepted).
    expect(polls[0]!.wait!.ready!.read).toEqual([listener]);
    const recvFds = new Set(ev.filter((e) => e.op === 'recv').map((e) => e.fd));
    expect([...recvFds].every((fd) => polls.some((p) => p.wait!.ready!.read.includes(fd!)))).toBe(true);
  }, 60_000);
});

describe('lab run: a forking server', () => {
  it('each fork names its child, each child\'s calls are its own process\'s, strace agrees; Python 3.13 prints no fork warning the tracer caused', async () => {
    const log = path.join(mkdtempSync(path.join(tmpdir(), 'socket-lab-strace-')), 'strace.txt');
    const run = labRun(straceArgv(log, 'python3', program('forking_echo.py'), '2'), { PYENV_VERSION: '3.13.0' });
    expect(await clients(await portOf(run), 2)).toEqual(sentLines(2));
    expect(await run.exit).toBe(0);
    const ev = run.events();
    const parent = ev.find((e) => e.op === 'listen')!.pid!;
    const forks = ev.filter((e) => e.op === 'fork');
    expect(forks).toHaveLength(2);
    expect(forks.every((f) => f.pid === parent && f.where?.code === 'pid = os.fork()')).toBe(true);
    for (const f of forks) {
      const child = f.spawned!.pid!;
      expect(ev.filter((e) => e.op === 'start').map((e) => e.pid)).toContain(child);
      const calls = ev.filter((e) => e.pid === child && e.role !== 'program');
      expect(calls.map((e) => e.op)).toEqual(expect.arrayContaining(['recv', 'sendall', 'close']));
      expect(calls.find((e) => e.op === 'sendall')!.where?.code).toBe('conn.sendall(data)');
    }
    expect(printed(ev)).toContain('all children done');
    expect(printed(ev, 'stderr')).toEqual([]);
    // Each child: recv of the line, its sendall, recv of b'' (EOF).
    expect(straceAgrees(readFileSync(log, 'utf8'), ev.filter((e) => e.role !== 'program'))).toBe(6);
  }, 60_000);

  it('a program that forks with a thread of its own gets CPython\'s warning, from its own line, as it would untraced', async () => {
    const script = path.join(mkdtempSync(path.join(tmpdir(), 'socket-lab-fork-')), 'fork_with_thread.py');
    const code = ['import os, threading, time', 'done = threading.Event()', 't = threading.Thread(target=done.wait)', 't.start()', 'pid = os.fork()', 'if pid == 0:', '    os._exit(0)', 'os.waitpid(pid, 0)', 'done.set()', ''];
    writeFileSync(script, code.join('\n'));
    const env = { ...process.env, PYENV_VERSION: '3.13.0' };
    const untraced = spawnSync('python3', [script], { env, encoding: 'utf8' }).stderr.replace(/pid=\d+/, 'pid=N');
    expect(untraced).toMatch(/fork_with_thread\.py:5: DeprecationWarning: This process \(pid=N\) is multi-threaded/);
    const run = labRun(['python3', script], { PYENV_VERSION: '3.13.0' });
    expect(await run.exit).toBe(0);
    expect(printed(run.events(), 'stderr').map((l) => l.replace(/pid=\d+/, 'pid=N')).join('\n') + '\n').toBe(untraced);
  }, 60_000);
});

describe('lab run: a socket read as a file', () => {
  it('makefile(): the write is the send that flush() made, readline() the recv_into under it, each with the program\'s line', async () => {
    const server = net.createServer((c) => c.pipe(c));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const run = labRun(['python3', program('makefile_client.py'), String((server.address() as net.AddressInfo).port)]);
      expect(await run.exit).toBe(0);
      const ev = run.events().filter((e) => e.role !== 'program');
      const send = ev.find((e) => e.op === 'send')!;
      expect([Buffer.from(send.hex, 'hex').toString(), send.where?.code, send.where?.via?.function]).toEqual(['hello\n', 'f.flush()', 'write']);
      const reads = ev.filter((e) => e.op === 'recv_into');
      expect(Buffer.concat(reads.map((e) => Buffer.from(e.hex, 'hex'))).toString()).toBe('hello\n');
      expect(reads[0]!.where).toMatchObject({ code: 'line = f.readline()', via: { function: 'readinto' } });
      expect(printed(run.events())).toEqual(["b'hello\\n'"]);
    } finally {
      server.close();
    }
  }, 60_000);
});
