// `pnpm lab run` on real CPython: the seed's programs traced call by call, each event with the
// program's own line, what CPython returned or raised, and the kernel's view; output as events;
// the program's exit status; loopback only. Oldest and newest Python on this machine too.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { parseProcNet } from '../src/kernel/proc-net.ts';
import { freePort } from './bridge-child.ts';
import { course, labRun } from './lab-run-child.ts';
import { straceAgrees, straceArgv } from './strace.ts';

const bridgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The line of `file` that holds `code` (1-based), as the tracer must report it. */
function lineOf(file: string, code: string): number {
  return readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(code)) + 1;
}

const calls = (ev: SocketEvent[]) => ev.filter((e) => e.role !== 'program');
const printed = (ev: SocketEvent[]) => ev.filter((e) => e.op === 'output').map((e) => e.output!.text);

describe('lab run: seed 000 TCP server and client', () => {
  for (const python of ['3.11.7', '3.8.18', '3.13.0']) {
    it(`Python ${python}: every call with its own line, CPython's results, the kernel's states, prints in order`, async () => {
      const env = { SOCKET_LAB_PORT: String(await freePort()), PYENV_VERSION: python };
      const server = labRun(['python3', course('tcp_server.py')], env);
      try {
        await server.until((ev) => ev.some((e) => e.op === 'listen'), 'listen');
        const client = labRun(['python3', course('tcp_client.py'), 'Hello World'], env);
        expect(await client.exit).toBe(0);
        const ev = client.events();
        expect(ev.map((e) => e.op)).toEqual(['start', 'socket', 'connect', 'output', 'sendall', 'recv', 'output', 'close', 'exit']);
        const connect = ev.find((e) => e.op === 'connect')!;
        const clientFile = course('tcp_client.py');
        expect(connect.where).toEqual({ file: clientFile, line: lineOf(clientFile, 'sock.connect(('), code: 'sock.connect((HOST, PORT)) # Initiates 3-way handshake' });
        expect(connect.remote).toEqual(['127.0.0.1', Number(env.SOCKET_LAB_PORT)]);
        expect(connect.kernel?.state).toBe('ESTABLISHED');
        expect(printed(ev)).toEqual([`Client: ('127.0.0.1', ${connect.local![1]})`, "Reply: b'Hello World'"]);
        const recv = ev.find((e) => e.op === 'recv')!;
        expect([recv.arg, recv.size, recv.hex]).toEqual([1024, 11, Buffer.from('Hello World').toString('hex')]);
        expect(recv.where?.line).toBe(lineOf(clientFile, 'reply = sock.recv(BUF_SIZE)'));
        // The with block's close names the program's line and the library frame that made it.
        // (Python 3.8 reports a with block's exit on its last line, 3.10 and later on the with line.)
        const closeLine = python === '3.8.18' ? lineOf(clientFile, "print('Reply:'") : lineOf(clientFile, 'with socket(AF_INET');
        expect(ev.find((e) => e.op === 'close')!.where).toMatchObject({ line: closeLine, via: { function: '__exit__' } });
        expect(new Set(calls(ev).map((e) => e.pid))).toEqual(new Set([ev[0]!.pid]));
        expect(calls(ev).every((e) => e.thread === 'MainThread' && e.fd !== undefined)).toBe(true);

        const s = await server.until((e) => e.some((x) => x.op === 'close' && x.role === 'peer'), 'the echo');
        const peer = s.filter((e) => e.role === 'peer');
        expect(peer.map((e) => e.op)).toEqual(['accept', 'recv', 'sendall', 'close']);
        expect(peer[0]!.remote).toEqual(connect.local);
        expect(peer[0]!.where?.code).toBe('sc, _ = sock.accept() # Wait until a connection is established');
        expect(s.find((e) => e.op === 'listen')).toMatchObject({ role: 'server', arg: 1, kernel: { state: 'LISTEN' } });
        expect(printed(s)).toEqual([`Server: ('127.0.0.1', ${env.SOCKET_LAB_PORT})`, `Client: ('127.0.0.1', ${connect.local![1]})`, "b'Hello World'"]);
      } finally {
        server.kill();
        await server.exit;
      }
    }, 60_000);
  }
});

describe('lab run: what the program meets', () => {
  it('a refused connect is ConnectionRefusedError, as CPython raised it; the traceback is output; the exit status is the program\'s', async () => {
    const env = { SOCKET_LAB_PORT: String(await freePort()) };
    const client = labRun(['python3', course('tcp_client.py'), 'Hello'], env);
    expect(await client.exit).toBe(1);
    const ev = client.events();
    expect(ev.find((e) => e.op === 'connect')!.error).toEqual({ name: 'ConnectionRefusedError', message: '[Errno 111] Connection refused', errno: 111 });
    const stderr = ev.filter((e) => e.op === 'output' && e.output!.stream === 'stderr').map((e) => e.output!.text);
    expect(stderr.at(-1)).toBe('ConnectionRefusedError: [Errno 111] Connection refused');
    expect(stderr[0]).toBe('Traceback (most recent call last):');
  });

  it('a connect beyond loopback raises PermissionError saying why, and nothing reaches the network', async () => {
    const run = labRun(['python3', '-c', "import socket\ntry:\n    socket.create_connection(('10.1.2.3', 80), timeout=1)\nexcept PermissionError as e:\n    print(e)"]);
    expect(await run.exit).toBe(0);
    const ev = run.events();
    expect(printed(ev)[0]).toMatch(/^Socket Lab refused connect\(\) to '10\.1\.2\.3': traced programs use loopback only/);
    expect(ev.filter((e) => e.op === 'connect')).toEqual([]);
  });

  it('exits with the program\'s status, and traces a shell script that starts Python', async () => {
    const run = labRun(['sh', '-c', `echo from the shell; python3 -c "import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.sendto(b'hi', ('127.0.0.1', 9)); raise SystemExit(3)"`]);
    expect(await run.exit).toBe(3);
    const ev = run.events();
    expect(printed(ev)).toEqual(['from the shell']);
    expect(ev.find((e) => e.op === 'sendto')).toMatchObject({ remote: ['127.0.0.1', 9], hex: '6869', size: 2 });
    expect(ev.at(-1)).toMatchObject({ op: 'exit', process: { code: 3 } });
  });

  it('a reader that goes away (lab run | head): the program is stopped, and lab run exits 141 as a pipeline writer does, not with a crash', async () => {
    const program = 'import os, socket, time\nprint(os.getpid(), flush=True)\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\nwhile True:\n    s.sendto(b"tick", ("127.0.0.1", 9))\n    time.sleep(0.01)';
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'run', '--', 'python3', '-c', program], { cwd: bridgeDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The program's first print, then the reader closes its end, as head does after its lines.
    let out = '';
    const pid = await new Promise<number>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const printed = out.split('\n').slice(0, -1).map((l) => JSON.parse(l) as SocketEvent).find((e) => e.op === 'output');
        if (printed) resolve(Number(printed.output!.text.trim()));
      });
    });
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, stderr }).toEqual({ code: 141, stderr: '' });
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  it('a forked child reports its own pid; threads are named', async () => {
    const script = [
      'import os, socket, threading',
      's = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
      "def send(): s.sendto(b'thread', ('127.0.0.1', 9))",
      "t = threading.Thread(target=send, name='sender'); t.start(); t.join()",
      'pid = os.fork()',
      'if pid == 0:',
      "    s.sendto(b'child', ('127.0.0.1', 9))",
      '    os._exit(0)',
      'os.waitpid(pid, 0)',
    ].join('\n');
    const run = labRun(['python3', '-c', script]);
    expect(await run.exit).toBe(0);
    const sends = run.events().filter((e) => e.op === 'sendto');
    const parent = run.events()[0]!.pid;
    expect(sends.map((e) => [Buffer.from(e.hex, 'hex').toString(), e.thread, e.pid === parent])).toEqual([
      ['thread', 'sender', true],
      ['child', 'MainThread', false],
    ]);
    expect(run.events().some((e) => e.op === 'start' && e.pid === sends[1]!.pid)).toBe(true);
  });
});

describe('exec', () => {
  it('a program that execs another keeps the calls it made before: they are written first', async () => {
    const code = "import os, socket, sys\ns = socket.socket()\ns.close()\nos.execv(sys.executable, [sys.executable, '-c', 'print(2)'])\n";
    const run = labRun(['python3', '-c', code]);
    expect(await run.exit).toBe(0);
    const ev = run.events();
    expect(ev.map((e) => e.op)).toEqual(['start', 'socket', 'close', 'start', 'output', 'exit']);
    expect(new Set(ev.map((e) => e.pid)).size).toBe(1);
  });
});

describe('tracebacks', () => {
  for (const python of ['3.8.18', '3.13.0']) {
    it(`Python ${python}: an uncaught exception prints as it does untraced (no tracer frames), in a thread and in the main thread`, async () => {
      const program = path.join(bridgeDir, 'test/python/refused_twice.py');
      const env = { ...process.env, PYENV_VERSION: python };
      const untraced = spawnSync('python3', [program], { env, encoding: 'utf8' }).stderr;
      const run = labRun(['python3', program], { PYENV_VERSION: python });
      expect(await run.exit).toBe(1);
      const traced = run.events().filter((e) => e.output?.stream === 'stderr').map((e) => e.output!.text).join('\n') + '\n';
      // Thread names carry a counter and pids differ; the rest is CPython's text, line for line.
      const same = (t: string) => t.replace(/Thread-\d+/g, 'Thread-N');
      expect(same(traced)).toBe(same(untraced));
      expect(untraced).toContain('ConnectionRefusedError: [Errno 111] Connection refused');
    });
  }
});

describe('lab run against strace, the oracle', () => {
  it('a threaded TCP echo at recv(4) and a UDP round trip: every sendto/recvfrom the kernel saw is an event with the same bytes, and no other', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'socket-lab-strace-'));
    const log = path.join(dir, 'strace.txt');
    const program = path.join(bridgeDir, 'test/python/threaded_echo.py');
    const run = labRun(straceArgv(log, 'python3', program));
    expect(await run.exit).toBe(0);
    const events = run.events().filter((e) => e.role !== 'program');
    expect(printed(run.events())).toEqual(["b'Hello World' b'This is a test'"]);
    expect(straceAgrees(readFileSync(log, 'utf8'), events)).toBeGreaterThanOrEqual(14);
    // The server's recv(4) really was four bytes at a time, in the thread that called it.
    const serverReads = events.filter((e) => e.op === 'recv' && e.thread === 'handle');
    expect(serverReads.map((e) => e.size)).toEqual([4, 4, 3, 0]);
  }, 60_000);
});

describe('the kernel view, from the lab\'s events', () => {
  it('the bytes waiting to be read, after a peek, a read, a read the tracer cannot see (os.read), and the last read', async () => {
    const run = labRun(['python3', path.join(bridgeDir, 'test/python/queues.py')]);
    expect(await run.exit).toBe(0);
    expect(printed(run.events())).toEqual(["b'0123456789' b'0123' b'456' b'7' b'89'"]);
    const reads = run.events().filter((e) => e.op === 'recv').map((e) => `${Buffer.from(e.hex, 'hex').toString()} ${e.kernel!.recvQueue}`);
    expect(reads).toEqual(['0123456789 10', '0123 6', '7 2', '89 0']);
  });


  it('a busy socket: its first 64 reads carry the kernel view, then one a millisecond; every other one says it was not read, and the last read (b\'\') has it', async () => {
    const run = labRun(['python3', path.join(bridgeDir, 'test/python/busy_reader.py')]);
    expect(await run.exit).toBe(0);
    expect(printed(run.events())).toEqual(["300 b''"]);
    const reads = run.events().filter((e) => e.op === 'recv');
    expect(reads.map((e) => e.hex).join('')).toBe(Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.alloc(44)]).toString('hex'));
    // Each read either has the kernel's view or says why not, never both.
    expect(reads.every((e) => (e.kernel === undefined) === (e.kernelSkipped === true))).toBe(true);
    expect(reads.slice(0, 64).every((e) => e.kernel !== undefined)).toBe(true);
    // The kernel's count of bytes left unread, where it was read, is exact: 300 less those read so far.
    let taken = 0;
    for (const e of reads) {
      taken += e.size;
      if (e.kernel && e.size > 0) expect(e.kernel).toMatchObject({ state: 'ESTABLISHED', recvQueue: 300 - taken });
    }
    // 300 reads in far less than 300 ms: most went without (a loaded machine may make it more).
    expect(reads.filter((e) => e.kernelSkipped).length).toBeGreaterThan(0);
    expect(reads.at(-1)).toMatchObject({ size: 0, kernel: { state: 'CLOSE_WAIT' } });
  });

  it('a send, sendall, recv and recv_into carry the same event in the short form as in JSON (the form past the def budget)', async () => {
    const program = path.join(bridgeDir, 'test/python/moved_calls.py');
    const short = labRun(['python3', program]);
    const json = labRun(['python3', path.join(bridgeDir, 'test/python/json_form.py'), program]);
    expect([await short.exit, await json.exit]).toEqual([0, 0]);
    // What may differ between two runs: order numbers, times, pids, ports, fds (the threads race
    // for them), the kernel's view (the last send's may see the client gone already), and how the
    // two threads' calls interleave (each thread's calls on each socket are in order).
    const key = (e: SocketEvent) => `${e.thread} ${e.role}`;
    const same = (ev: SocketEvent[]) =>
      [...calls(ev)].sort((x, y) => key(x).localeCompare(key(y))).map(({ seq: _s, t: _t, pid: _p, socket: _id, fd: _fd, local, remote, kernel, ...rest }) => ({
        ...rest,
        local: local && local[0],
        remote: remote && remote[0],
        kernel: kernel !== undefined,
      }));
    const a = same(short.events());
    expect(a).toEqual(same(json.events()));
    expect(printed(short.events())).toEqual(["b'HELLO'", "b'\\x00\\x00\\x00\\x1eFOUR'", "b'BYTES\\n'"]);
    const moved = a.filter((e) => ['send', 'sendall', 'recv', 'recv_into'].includes(e.op));
    expect(moved.map((e) => e.op)).toEqual(expect.arrayContaining(['send', 'sendall', 'recv', 'recv_into']));
    expect(moved.find((e) => e.op === 'recv_into')).toMatchObject({ thread: 'handler', arg: 16, where: { code: 'n = conn.recv_into(buffer)' }, kernel: true });
    expect(moved.find((e) => e.op === 'sendall' && e.hex === '0000001e466f7572')).toMatchObject({ thread: 'MainThread', size: 8, where: { code: 'client.sendall(word)' } });
    expect(moved.filter((e) => e.op === 'recv_into').at(-1)).toMatchObject({ size: 0, hex: '', kernel: true });
    // The states that are not a race, read through the short form: the first read's, and the last's after the client closed.
    const reads = short.events().filter((e) => e.op === 'recv_into');
    expect([reads[0]!.kernel?.state, reads.at(-1)!.kernel?.state]).toEqual(['ESTABLISHED', 'CLOSE_WAIT']);
  });

  it('a call over the tracer\'s 64 KiB: its real size, its first 65,536 bytes kept and said so; an array\'s size in bytes, not items', async () => {
    const run = labRun(['python3', path.join(bridgeDir, 'test/python/big_sends.py')]);
    expect(await run.exit).toBe(0);
    expect(printed(run.events())).toEqual(['100012']);
    const [bulk, ints] = run.events().filter((e) => e.op === 'sendall');
    expect(bulk).toMatchObject({ size: 100000, truncated: true, kept: 65536 });
    expect(bulk!.hex).toBe('00'.repeat(65536));
    expect(ints).toMatchObject({ size: 12, hex: '010000000200000003000000' });
    expect(ints!.truncated).toBeUndefined();
    // However the kernel cut the reads, they add up to every byte sent.
    expect(run.events().filter((e) => e.op === 'recv_into').reduce((n, e) => n + e.size, 0)).toBe(100012);
  });

  it('LISTEN, ESTABLISHED, CLOSE_WAIT (the peer closed, the server not yet), FIN_WAIT2 and TIME_WAIT, each as the kernel reported it', async () => {
    const run = labRun(['python3', path.join(bridgeDir, 'test/python/states_server.py')]);
    const port = Number((await run.until((ev) => ev.some((e) => e.op === 'output'), 'the port')).find((e) => e.op === 'output')!.output!.text);
    // A plain client: close at once; then connect again and close once the server's FIN came.
    const first = net.connect(port, '127.0.0.1');
    await new Promise((r) => first.once('connect', r));
    await run.until((ev) => ev.some((e) => e.op === 'accept'), 'the first accept');
    first.end();
    await run.until((ev) => ev.filter((e) => e.op === 'recv').length === 1, 'the first recv');
    // Half-open allowed: Node would otherwise answer the server's FIN with its own at once.
    const second = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const secondPort = await new Promise<number>((r) => second.once('connect', () => r(second.localPort!)));
    second.resume();
    // The client closes only once the lab has the server's shutdown: its state is the kernel's before our FIN.
    await run.until((ev) => ev.some((e) => e.op === 'shutdown'), 'the shutdown');
    second.end();
    expect(await run.exit).toBe(0);
    const states = run
      .events()
      .filter((e) => e.kernel && (e.op === 'listen' || e.op === 'accept' || e.op === 'recv' || e.op === 'shutdown'))
      .map((e) => `${e.op} ${e.kernel!.state}`);
    expect(states[0]).toBe('listen LISTEN');
    expect(states.slice(1, 3)).toEqual(['accept ESTABLISHED', 'recv CLOSE_WAIT']);
    expect(states[3]).toBe('accept ESTABLISHED');
    expect(states[4]).toMatch(/^shutdown FIN_WAIT[12]$/);
    expect(states[5]).toBe('recv TIME_WAIT');
    // The oracle: the kernel's own table lists the second connection in TIME_WAIT now.
    const rows = parseProcNet(readFileSync('/proc/net/tcp', 'utf8'));
    expect(rows.some((r) => r.local[1] === port && r.remote[1] === secondPort && r.state === 'TIME_WAIT')).toBe(true);
    first.destroy();
    second.destroy();
  });
});
