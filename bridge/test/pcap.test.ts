// pcapng traces read back by tshark: the payloads it sees are the bytes the sockets moved.
import { execFileSync, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { idCounter, type LabContext } from '../src/labs/lab.ts';
import { TcpEchoLab } from '../src/labs/tcp-echo.ts';
import { Recorder } from '../src/recorder.ts';
import { PCAP_COMMENT, PcapngWriter } from '../src/trace/pcapng-writer.ts';
import { CollectingSink, received } from './harness.ts';
import { fields, fileComment, payloads } from './tshark.ts';

const bridgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = () => path.join(mkdtempSync(path.join(tmpdir(), 'socket-lab-')), 'trace.pcapng');

function serve(lab: string, file: string, source: 'lab' | 'capture' = 'lab'): Promise<{ port: number; stop(): Promise<number | null> }> {
  const args = ['--import', 'tsx', 'src/cli.ts', 'serve', lab, '--port', '0', '--bufsize', '4', '--pcap', file, '--pcap-source', source];
  const child = spawn(process.execPath, args, { cwd: bridgeDir, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(err);
      if (m) resolve({ port: Number(m[1]), stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) });
    });
  });
}

/** TCP echo with its client connected, every call written to a pcapng file as it happens. */
async function capturedEcho(bufsize: number) {
  const file = tmp();
  const writer = new PcapngWriter(file);
  const sink = new CollectingSink();
  const recorder = new Recorder(sink, null, 65536);
  recorder.tap = (e, d) => writer.record(e, d);
  const ctx: LabContext = { record: (c) => recorder.record('tcp-echo', c).seq, flow: sink, publish: () => {}, nextId: idCounter() };
  const lab = new TcpEchoLab(ctx, { bufsize });
  await lab.handle({ op: 'start-server', host: '127.0.0.1', port: 0, backlog: 1 });
  await lab.handle({ op: 'connect', host: '127.0.0.1', port: lab.address![1] });
  return { file, writer, sink, lab };
}

describe('pcapng traces', () => {
  it('serve tcp-echo --pcap: tshark reads both directions of a Python client\'s exchange', async () => {
    const file = tmp();
    const s = await serve('tcp-echo', file);
    const out = execFileSync('python3', ['-c', `import socket\ns=socket.create_connection(('127.0.0.1', ${s.port}))\ns.sendall(b'Hello World')\nd=b''\nwhile len(d) < 11: d += s.recv(100)\nprint(s.getsockname()[1])\ns.close()`]).toString();
    const clientPort = Number(out.trim());
    expect(await s.stop()).toBe(0);
    const p = payloads(file, 'tcp');
    expect(p.get(clientPort)).toBe(Buffer.from('Hello World').toString('hex'));
    expect(p.get(s.port)).toBe(Buffer.from('Hello World').toString('hex'));
    const flags = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'tcp.flags.str'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    expect(flags.split('\n').filter((f) => f.includes('S')).length).toBe(2); // SYN, SYN-ACK
    expect(flags.split('\n').filter((f) => f.includes('F')).length).toBe(2); // a FIN each way
    expect(fileComment(file)).toContain(PCAP_COMMENT.slice(0, 60));
  });

  it('a session between two lab sockets carries each byte once', async () => {
    const { file, writer, sink, lab } = await capturedEcho(4);
    await lab.handle({ op: 'sendall', socket: 'client-1', hex: Buffer.from('Hello World').toString('hex') });
    await sink.until((ev) => received(ev, 'client-1') === 'Hello World');
    const clientPort = sink.of('client-1', 'connect')[0]!.local![1];
    lab.close();
    await writer.close();
    const p = payloads(file, 'tcp');
    expect(p.get(clientPort)).toBe(Buffer.from('Hello World').toString('hex'));
    expect(p.get(lab.address?.[1] ?? sink.of('server-1', 'bind')[0]!.local![1])).toBe(Buffer.from('Hello World').toString('hex'));
  });

  it('serve udp-echo --pcap: one UDP packet each way per datagram', async () => {
    const file = tmp();
    const s = await serve('udp-echo', file);
    const sock = dgram.createSocket('udp4');
    const echo = new Promise((r) => sock.once('message', r));
    sock.send('This is a test', s.port, '127.0.0.1');
    await echo;
    const myPort = sock.address().port;
    sock.close();
    expect(await s.stop()).toBe(0);
    const p = payloads(file, 'udp');
    // The wire carried all 14 bytes; recvfrom(4) kept 4, as Linux would, and the echo sends those 4 back.
    expect(p.get(myPort)).toBe(Buffer.from('This is a test').toString('hex'));
    expect(p.get(s.port)).toBe(Buffer.from('This').toString('hex'));
  });

  it('serve tcp-echo --pcap-source capture: the wire itself, where one 6,000-byte sendall is one segment though the server reads it 4 bytes at a time', async () => {
    const file = tmp();
    const s = await serve('tcp-echo', file, 'capture');
    const script = `import socket\ns=socket.create_connection(('127.0.0.1', ${s.port}))\ns.sendall(b'x'*6000)\nd=b''\nwhile len(d) < 6000: d += s.recv(65536)\nprint(s.getsockname()[1])\ns.close()`;
    const clientPort = Number(execFileSync('python3', ['-c', script]).toString().trim());
    expect(await s.stop()).toBe(0);
    const fromClient = fields(file, ['tcp.len', 'tcp.flags.syn'], `tcp.srcport == ${clientPort}`).map(([len, syn]) => [Number(len), syn]);
    // The kernel's own packets: a SYN, then the 6,000 bytes in one segment (not 1,500 recv-sized ones).
    expect(fromClient[0]).toEqual([0, '1']);
    expect(fromClient.filter(([len]) => Number(len) > 0)).toEqual([[6000, '0']]);
    const echoed = fields(file, ['tcp.len'], `tcp.srcport == ${s.port} && tcp.len > 0`).reduce((n, [len]) => n + Number(len), 0);
    expect(echoed).toBe(6000);
    expect(fileComment(file)).not.toContain('reconstructed');
  });

  it('segments follow the sender: a 200,000-byte sendall is four segments of at most the MSS of lo, whatever the reader\'s recv size', async () => {
    const { file, writer, sink, lab } = await capturedEcho(1000);
    const big = Buffer.alloc(200_000, 0x61);
    await lab.handle({ op: 'sendall', socket: 'client-1', hex: big.toString('hex') });
    await sink.until((ev) => received(ev, 'client-1').length === big.length, 'the echo');
    const clientPort = sink.of('client-1', 'connect')[0]!.local![1];
    const serverPort = lab.address![1];
    lab.close();
    await writer.close();
    const lens = fields(file, ['tcp.len'], `tcp.srcport == ${clientPort} && tcp.len > 0`).map(([n]) => Number(n));
    // 65,495 is the MSS Linux advertises on lo (the SYN's option, as dumpcap shows it).
    expect(lens).toEqual([65495, 65495, 65495, 200_000 - 3 * 65495]);
    // The server's recv(1000) calls are not segments; each is an ACK of the bytes read so far.
    const reads = sink.of('peer-1', 'recv').filter((e) => e.size > 0);
    const acks = fields(file, ['tcp.ack_raw'], `tcp.srcport == ${serverPort} && tcp.len == 0 && tcp.flags == 0x010`).map(([n]) => Number(n));
    expect(acks).toHaveLength(reads.length);
    expect(acks.at(-1)).toBe(1000 + 200_000); // the client's first sequence number, plus all it sent
  });
});
