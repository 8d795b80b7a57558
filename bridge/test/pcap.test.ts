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
import { fileComment, payloads } from './tshark.ts';

const bridgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = () => path.join(mkdtempSync(path.join(tmpdir(), 'socket-lab-')), 'trace.pcapng');

function serve(lab: string, file: string): Promise<{ port: number; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', lab, '--port', '0', '--bufsize', '4', '--pcap', file], { cwd: bridgeDir, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(err);
      if (m) resolve({ port: Number(m[1]), stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) });
    });
  });
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
    const file = tmp();
    const writer = new PcapngWriter(file);
    const sink = new CollectingSink();
    const recorder = new Recorder(sink, null, 65536);
    recorder.tap = (e, d) => writer.record(e, d);
    const ctx: LabContext = { record: (c) => recorder.record('tcp-echo', c), flow: sink, publish: () => {}, nextId: idCounter() };
    const lab = new TcpEchoLab(ctx, { bufsize: 4 });
    await lab.handle({ op: 'start-server', host: '127.0.0.1', port: 0, backlog: 1 });
    await lab.handle({ op: 'connect', host: '127.0.0.1', port: lab.address![1] });
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
});
