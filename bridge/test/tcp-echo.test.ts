// The TCP echo lab on real loopback sockets: lab client, raw net peers, and a Python client.
import { execFile } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LabError } from '../src/labs/lab.ts';
import { MAX_CONNECTIONS, overCap, TcpEchoLab } from '../src/labs/tcp-echo.ts';
import { CollectingSink, labContext, received } from './harness.ts';

const HELLO = Buffer.from('Hello World').toString('hex');
const FOUR_SCORE = 'Four score and seven years ago';

let labs: TcpEchoLab[] = [];
afterEach(() => {
  for (const l of labs) l.close();
  labs = [];
});

async function startLab(bufsize = 1024) {
  const sink = new CollectingSink();
  const lab = new TcpEchoLab(labContext(sink).ctx, { bufsize });
  labs.push(lab);
  await lab.handle({ op: 'start-server', host: '127.0.0.1', port: 0, backlog: 1 });
  const port = lab.address![1];
  return { sink, lab, port };
}

function rawClient(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
  });
}

describe('TCP echo lab', () => {
  it('records bind and listen with the real port, then echoes Hello World end to end', async () => {
    const { sink, lab, port } = await startLab();
    expect(port).toBeGreaterThan(0);
    expect(sink.events.slice(0, 2).map((e) => [e.op, e.local, e.arg])).toEqual([
      ['bind', ['127.0.0.1', port], undefined],
      ['listen', ['127.0.0.1', port], 1],
    ]);
    await lab.handle({ op: 'connect', host: '127.0.0.1', port });
    await lab.handle({ op: 'sendall', socket: 'client-1', hex: HELLO });
    await sink.until((ev) => received(ev, 'client-1') === 'Hello World', 'the echo');

    const connect = sink.of('client-1', 'connect')[0]!;
    const accept = sink.of('peer-1', 'accept')[0]!;
    expect(accept.remote).toEqual(connect.local); // accept() → addr is the client's own address
    expect(accept.local).toEqual(['127.0.0.1', port]);
    expect(sink.of('client-1', 'sendall')[0]).toMatchObject({ size: 11, hex: HELLO, role: 'client' });
    expect(sink.of('peer-1', 'recv')[0]).toMatchObject({ size: 11, hex: HELLO, arg: 1024, role: 'peer' });
    expect(sink.of('peer-1', 'sendall')[0]).toMatchObject({ size: 11, hex: HELLO });
    // seq is per session and strictly increasing; t is monotonic.
    expect(sink.events.map((e) => e.seq)).toEqual(sink.events.map((_, i) => i));
    for (let i = 1; i < sink.events.length; i++) expect(sink.events[i]!.t).toBeGreaterThanOrEqual(sink.events[i - 1]!.t);
  });

  for (const n of [1, 4, 1024]) {
    it(`reads at most BUF_SIZE=${n} bytes per recv on both sides, and loses nothing`, async () => {
      const { sink, lab, port } = await startLab(n);
      await lab.handle({ op: 'connect', host: '127.0.0.1', port });
      await lab.handle({ op: 'sendall', socket: 'client-1', hex: Buffer.from(FOUR_SCORE).toString('hex') });
      await sink.until((ev) => received(ev, 'client-1') === FOUR_SCORE, 'the whole echo');
      const recvs = sink.events.filter((e) => e.op === 'recv');
      for (const r of recvs) {
        expect(r.arg).toBe(n);
        expect(r.size).toBeGreaterThan(0);
        expect(r.size).toBeLessThanOrEqual(n);
      }
      expect(received(sink.events, 'peer-1')).toBe(FOUR_SCORE);
      if (n === 1) expect(sink.of('peer-1', 'recv')).toHaveLength(30);
      if (n === 4) expect(sink.of('peer-1', 'recv').length).toBeGreaterThanOrEqual(8);
    });
  }

  it('applies a new BUF_SIZE from the next recv', async () => {
    const { sink, lab, port } = await startLab(1024);
    await lab.handle({ op: 'connect', host: '127.0.0.1', port });
    await lab.handle({ op: 'set-bufsize', bufsize: 4 });
    expect(lab.state().bufsize).toBe(4);
    await lab.handle({ op: 'sendall', socket: 'client-1', hex: HELLO });
    await sink.until((ev) => received(ev, 'client-1') === 'Hello World');
    expect(sink.of('peer-1', 'recv').map((e) => e.size)).toEqual([4, 4, 3]);
  });

  it('serves an outside connection (a raw net client) as its own peer, and sees its FIN as recv → b""', async () => {
    const { sink, port } = await startLab(4);
    const raw = await rawClient(port);
    const echoed: Buffer[] = [];
    raw.on('data', (d: Buffer) => echoed.push(d));
    raw.write('ping from nc');
    await sink.until((ev) => received(ev, 'peer-1') === 'ping from nc');
    expect(sink.of('peer-1', 'accept')[0]!.remote).toEqual(['127.0.0.1', raw.localPort]);
    raw.end();
    const events = await sink.until((ev) => ev.some((e) => e.socket === 'peer-1' && e.op === 'close'), 'close');
    const last = events.filter((e) => e.socket === 'peer-1').slice(-2);
    expect(last.map((e) => [e.op, e.size])).toEqual([
      ['recv', 0],
      ['close', 0],
    ]);
    await new Promise((r) => raw.once('close', r));
    expect(Buffer.concat(echoed).toString()).toBe('ping from nc');
  });

  it('reports an RST from the peer as ConnectionResetError on recv', async () => {
    const { sink, port } = await startLab();
    const raw = await rawClient(port);
    raw.write('x');
    await sink.until((ev) => received(ev, 'peer-1') === 'x');
    raw.resetAndDestroy();
    const events = await sink.until((ev) => ev.some((e) => e.socket === 'peer-1' && e.op === 'close'));
    const failed = events.find((e) => e.socket === 'peer-1' && e.error);
    expect(failed).toMatchObject({ op: 'recv', error: { name: 'ConnectionResetError', errno: 104 } });
  });

  it('says Address already in use, as Python would, when the port is taken', async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', () => r()));
    const port = (holder.address() as net.AddressInfo).port;
    const sink = new CollectingSink();
    const lab = new TcpEchoLab(labContext(sink).ctx);
    labs.push(lab);
    const err = await lab.handle({ op: 'start-server', host: '127.0.0.1', port, backlog: 1 }).catch((e: unknown) => e);
    holder.close();
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).message).toMatch(/^OSError: \[Errno 98\] Address already in use — /);
    expect(sink.events[0]).toMatchObject({ op: 'bind', error: { name: 'OSError', errno: 98 } });
    expect(lab.state().server).toBeNull();
  });

  it('says Connection refused when nothing listens', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const sink = new CollectingSink();
    const lab = new TcpEchoLab(labContext(sink).ctx);
    labs.push(lab);
    await expect(lab.handle({ op: 'connect', host: '127.0.0.1', port })).rejects.toThrow('ConnectionRefusedError: [Errno 111] Connection refused');
    expect(sink.events[0]).toMatchObject({ op: 'connect', role: 'client', remote: ['127.0.0.1', port], error: { name: 'ConnectionRefusedError' } });
  });

  it('refuses targets that are not loopback, and opens no socket', async () => {
    const sink = new CollectingSink();
    const lab = new TcpEchoLab(labContext(sink).ctx);
    labs.push(lab);
    await expect(lab.handle({ op: 'connect', host: '93.184.216.34', port: 80 })).rejects.toMatchObject({ code: 'not-loopback' });
    await expect(lab.handle({ op: 'start-server', host: '0.0.0.0', port: 0, backlog: 1 })).rejects.toMatchObject({ code: 'not-loopback' });
    expect(sink.events).toEqual([]);
  });

  it('stop-server closes the listener and every accepted connection', async () => {
    const { sink, lab, port } = await startLab();
    await lab.handle({ op: 'connect', host: '127.0.0.1', port });
    await sink.until((ev) => ev.some((e) => e.op === 'accept'));
    await lab.handle({ op: 'stop-server' });
    expect(lab.state().server).toBeNull();
    expect(sink.of('peer-1', 'close')).toHaveLength(1);
    expect(sink.of('server-1', 'close')).toHaveLength(1);
    // The lab's client sees the server's FIN as recv → b'' and closes.
    await sink.until((ev) => ev.some((e) => e.socket === 'client-1' && e.op === 'close'));
    await expect(rawClient(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('echoes to a Python client written as in seed 000, and shows its calls on the server side', async () => {
    const { sink, port } = await startLab(4);
    const script = [
      'from socket import socket, AF_INET, SOCK_STREAM',
      'import sys',
      "with socket(AF_INET, SOCK_STREAM) as sock:",
      "    sock.connect(('127.0.0.1', int(sys.argv[1])))",
      "    print('Client:', sock.getsockname())",
      "    data = 'This is a test'.encode('utf-8')",
      '    sock.sendall(data)',
      "    reply = b''",
      '    while len(reply) < len(data):',
      '        reply += sock.recv(1024)',
      "    print('Reply:', reply)",
    ].join('\n');
    const out = await new Promise<string>((resolve, reject) =>
      execFile('python3', ['-c', script, String(port)], { timeout: 10_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    expect(out).toContain("Reply: b'This is a test'");
    const clientPort = Number(/Client: \('127\.0\.0\.1', (\d+)\)/.exec(out)![1]);
    await sink.until((ev) => ev.some((e) => e.socket === 'peer-1' && e.op === 'close'));
    expect(sink.of('peer-1', 'accept')[0]!.remote).toEqual(['127.0.0.1', clientPort]);
    expect(received(sink.events, 'peer-1')).toBe('This is a test');
    expect(sink.of('peer-1', 'recv').filter((e) => e.size > 0).every((e) => e.size <= 4)).toBe(true);
  });
});

describe('TCP echo lab past its connection cap', () => {
  it('shows the connection it closed (accept, and why), with the address that connected', async () => {
    const { sink, port } = await startLab();
    const socks: net.Socket[] = [];
    for (let i = 0; i < MAX_CONNECTIONS; i++) socks.push(await rawClient(port));
    await sink.until((ev) => ev.filter((e) => e.op === 'accept' && !e.error).length === MAX_CONNECTIONS, 'every accept');
    const extra = await rawClient(port);
    const refused = (await sink.until((ev) => ev.some((e) => e.op === 'accept' && e.error), 'the refused accept')).find((e) => e.op === 'accept' && e.error)!;
    expect(refused.remote).toEqual(['127.0.0.1', extra.localPort]);
    expect(refused.error).toEqual(overCap());
    expect(refused.error!.message).toContain(`at most ${MAX_CONNECTIONS} connections`);
    for (const s of [...socks, extra]) s.destroy();
  });
});
