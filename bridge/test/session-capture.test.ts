// The page's "Save pcapng": a session's capture over real HTTP, read back by tshark, holds exactly
// the bytes the session's sockets moved, and only the page that owns the token may fetch it.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SocketEvent } from '@socket-lab/protocol';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startBridge, type Bridge } from '../src/app.ts';
import { TOKEN_HEADER } from '../src/http-app.ts';
import { PcapngCapture } from '../src/trace/pcapng-capture.ts';
import { fields, fileComment, payloads } from './tshark.ts';
import { TestClient } from './ws-client.ts';

let bridge: Bridge;
beforeAll(async () => {
  bridge = await startBridge({ port: 0, webRoot: '/nonexistent' });
});
afterAll(() => bridge.close());

const captureUrl = (session: string) => `http://127.0.0.1:${bridge.port}/api/session/${session}/capture.pcapng`;
const tmpFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'socket-lab-')), 'capture.pcapng');

async function saveFile(cap: PcapngCapture): Promise<string> {
  const { length, stream } = cap.open();
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  const bytes = Buffer.concat(parts);
  expect(bytes.length).toBe(length);
  const file = tmpFile();
  writeFileSync(file, bytes);
  return file;
}

async function saveCapture(session: string): Promise<string> {
  const res = await fetch(captureUrl(session), { headers: { [TOKEN_HEADER]: bridge.token } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/x-pcapng');
  const file = tmpFile();
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

/** What each local port sent, per the session's own events (`full` supplies bytes whose preview was cut). */
function sentByPort(events: SocketEvent[], ops: SocketEvent['op'][], full: Map<number, string>): Map<number, string> {
  const out = new Map<number, string>();
  for (const e of events) {
    if (!ops.includes(e.op) || e.error || !e.local || e.size === 0) continue;
    const hex = e.truncated ? full.get(e.seq)! : e.hex;
    expect(hex.length).toBe(2 * e.size);
    out.set(e.local[1], (out.get(e.local[1]) ?? '') + hex);
  }
  return out;
}

async function openClient(): Promise<TestClient> {
  const c = await TestClient.open(bridge);
  onTestFinished(() => c.ws.close());
  return c;
}

/** TCP echo's server on a free port of `host`, and its client connected. */
async function connectEcho(c: TestClient, host: string): Promise<void> {
  await c.command({ op: 'start-server', host, port: 0, backlog: 1 });
  const port = await c.until(() => c.events.find((e) => e.op === 'listen')?.local?.[1], 'listen');
  await c.command({ op: 'connect', host, port });
}

async function welcomeOf(c: TestClient): Promise<string> {
  const w = await c.until(() => c.messages.find((m) => m.type === 'welcome'), 'welcome');
  return w.type === 'welcome' ? w.session : '';
}

describe("a session's pcapng capture", () => {
  it('tshark reads TCP echo, length-prefix and UDP echo payloads equal to the bytes the session moved', async () => {
    const c = await openClient();
    const session = await welcomeOf(c);
    // TCP echo at recv(256), with one send larger than the event preview (256 bytes) and than one
    // IPv4 packet: the capture must keep it whole, in segments tshark joins back.
    await c.command({ op: 'set-bufsize', bufsize: 256 });
    await c.command({ op: 'start-server', host: '127.0.0.1', port: 0, backlog: 1 });
    const echoPort = await c.until(() => c.events.find((e) => e.lab === 'tcp-echo' && e.op === 'listen')?.local?.[1], 'listen');
    await c.command({ op: 'connect', host: '127.0.0.1', port: echoPort });
    const big = Buffer.alloc(100_000, 0x61);
    big.write('the end', big.length - 7);
    const text = Buffer.from('This is a 30-byte test message');
    await c.command({ op: 'sendall', socket: 'client-1', hex: big.toString('hex') });
    await c.command({ op: 'sendall', socket: 'client-1', hex: text.toString('hex') });
    const echoed = () => c.events.filter((e) => e.lab === 'tcp-echo' && e.socket === 'client-1' && e.op === 'recv').reduce((n, e) => n + e.size, 0);
    await c.until(() => (echoed() === big.length + text.length ? true : undefined), 'the whole echo');

    await c.command({ op: 'start-server', host: '127.0.0.1', port: 0 }, 'length-prefix');
    const lpPort = await c.until(() => c.events.find((e) => e.lab === 'length-prefix' && e.op === 'listen')?.local?.[1], 'length-prefix listen');
    await c.command({ op: 'connect', host: '127.0.0.1', port: lpPort }, 'length-prefix');
    const lpClient = await c.until(() => c.events.find((e) => e.lab === 'length-prefix' && e.op === 'connect' && !e.error)?.socket, 'length-prefix connect');
    await c.command({ op: 'send-message', socket: lpClient, text: 'Four score and seven years ago' }, 'length-prefix');
    await c.command({ op: 'receive-message', socket: lpClient }, 'length-prefix');

    await c.command({ op: 'start-server', host: '127.0.0.1', port: 0 }, 'udp-echo');
    await c.command({ op: 'sendto', hex: Buffer.from('This is a test').toString('hex') }, 'udp-echo');
    await c.until(() => c.events.find((e) => e.lab === 'udp-echo' && e.role === 'client' && e.op === 'recvfrom'), 'udp echo');

    const cut = c.events.filter((e) => e.truncated);
    expect(cut.map((e) => e.size)).toEqual([big.length]);
    const file = await saveCapture(session);

    const tcp = payloads(file, 'tcp');
    expect(tcp).toEqual(sentByPort(c.events, ['sendall'], new Map([[cut[0]!.seq, big.toString('hex')]])));
    const clientPort = c.events.find((e) => e.socket === 'client-1' && e.op === 'connect')!.local![1];
    expect(tcp.get(clientPort)).toBe(Buffer.concat([big, text]).toString('hex'));
    expect(tcp.get(echoPort)).toBe(Buffer.concat([big, text]).toString('hex'));
    // seed 004: a 4-byte big-endian length, then the text; the reply drops the first 10 characters.
    const lpLocal = c.events.find((e) => e.socket === lpClient && e.op === 'connect')!.local![1];
    const framed = (t: string) => {
      const head = Buffer.alloc(4);
      head.writeUInt32BE(Buffer.byteLength(t));
      return Buffer.concat([head, Buffer.from(t)]).toString('hex');
    };
    expect(tcp.get(lpLocal)).toBe(framed('Four score and seven years ago'));
    expect(tcp.get(lpPort)).toBe(framed('Four score and seven years ago'.slice(10)));
    expect(payloads(file, 'udp')).toEqual(sentByPort(c.events, ['sendto'], new Map()));
    expect(fileComment(file)).toContain('reconstructed by the lab, not captured');
  });

  it('writes IPv6 packets for a session on ::1, and tshark reads them as IPv6', async () => {
    const c = await openClient();
    const session = await welcomeOf(c);
    await connectEcho(c, '::1');
    await c.command({ op: 'sendall', socket: 'client-1', hex: Buffer.from('over six').toString('hex') });
    await c.until(() => c.events.find((e) => e.socket === 'client-1' && e.op === 'recv'), 'echo');
    const file = await saveCapture(session);
    const rows = fields(file, ['ipv6.src', 'ipv6.dst', 'data.data'], 'tcp.len > 0').map((r) => r.join('\t'));
    const hex = Buffer.from('over six').toString('hex');
    expect(rows).toEqual([`::1\t::1\t${hex}`, `::1\t::1\t${hex}`]);
  });

  it('lives in a temp file that goes when the page does', async () => {
    const c = await openClient();
    const session = await welcomeOf(c);
    await connectEcho(c, '127.0.0.1');
    const live = [...bridge.sessions].find((s) => s.id === session)!;
    expect(live.capture.size).toBeGreaterThan(0);
    await saveCapture(session); // the download flushes the staged packets to the file
    const file = live.capture.path!;
    expect(existsSync(file)).toBe(true);
    c.ws.close();
    await expect.poll(() => existsSync(file)).toBe(false);
    const gone = await fetch(captureUrl(session), { headers: { [TOKEN_HEADER]: bridge.token } });
    expect(gone.status).toBe(404);
  });

  it('is refused without the token, for an unknown session, and to a foreign Host', async () => {
    const c = await openClient();
    const session = await welcomeOf(c);
    const none = await fetch(captureUrl(session));
    expect([none.status, await none.text()]).toEqual([401, 'missing or wrong session token: reload the page\n']);
    expect((await fetch(captureUrl(session), { headers: { [TOKEN_HEADER]: 'guess' } })).status).toBe(401);
    const gone = await fetch(captureUrl('deadbeef'), { headers: { [TOKEN_HEADER]: bridge.token } });
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('a capture lasts only while its page is connected');
    const foreign = await new Promise<string>((resolve) => {
      const s = net.connect(bridge.port, '127.0.0.1', () =>
        s.write(`GET /api/session/${session}/capture.pcapng HTTP/1.1\r\nHost: evil.example\r\n${TOKEN_HEADER}: ${bridge.token}\r\nConnection: close\r\n\r\n`),
      );
      s.once('data', (d) => resolve(d.toString().split('\r\n')[0]!));
    });
    expect(foreign).toBe('HTTP/1.1 403 Forbidden');
  });
});

describe('PcapngCapture bounds', () => {
  it('stops keeping packets at its cap and says in the file how many calls and bytes are missing', async () => {
    const cap = new PcapngCapture(600);
    const base = { lab: 'tcp-echo', role: 'client', socket: 'client-1', local: ['127.0.0.1', 40000], remote: ['127.0.0.1', 50000], hex: '' } satisfies Partial<SocketEvent>;
    cap.record({ ...base, seq: 0, t: 0, op: 'connect', size: 0 }, undefined);
    const sends = Array.from({ length: 10 }, (_, i) => Buffer.alloc(100, 0x30 + i));
    sends.forEach((data, i) => cap.record({ ...base, seq: i + 1, t: i + 1, op: 'sendall', size: 100 }, data));
    expect(cap.size).toBeLessThanOrEqual(600);
    const file = await saveFile(cap);
    cap.close();
    const kept = payloads(file, 'tcp').get(40000) ?? '';
    const keptCalls = kept.length / 200;
    expect(keptCalls).toBeGreaterThan(0);
    expect(keptCalls).toBeLessThan(10);
    expect(kept).toBe(Buffer.concat(sends.slice(0, keptCalls)).toString('hex'));
    const missing = 10 - keptCalls;
    expect(fileComment(file)).toContain(`stopped at its 600-byte cap, and the bytes of ${missing} later calls (${missing * 100} bytes in all) are not in it`);
  });
});

describe('a download in flight when its session closes', () => {
  it('reads its own session\'s bytes to the end, never the next session\'s (whose capture reuses the descriptor number)', async () => {
    const base = { lab: 'tcp-echo', role: 'client', local: ['127.0.0.1', 40000], remote: ['127.0.0.1', 50000], hex: '' } satisfies Partial<SocketEvent>;
    const fill = (cap: PcapngCapture, byte: number) => {
      cap.record({ ...base, socket: 'client-1', seq: 0, t: 0, op: 'connect', size: 0 }, undefined);
      for (let i = 1; i <= 40; i++) cap.record({ ...base, socket: 'client-1', seq: i, t: i, op: 'sendall', size: 8192 }, Buffer.alloc(8192, byte));
    };
    const a = new PcapngCapture();
    fill(a, 0xaa);
    const download = a.open(); // not read yet: the page is still downloading
    a.close(); // ... when session A's page goes
    const b = new PcapngCapture();
    fill(b, 0xbb);
    b.open().stream.resume(); // session B's capture is on disk now
    onTestFinished(() => b.close());
    const chunks: Buffer[] = [];
    for await (const chunk of download.stream) chunks.push(chunk as Buffer);
    const got = Buffer.concat(chunks);
    expect(got.length).toBe(download.length);
    expect(got.includes(Buffer.alloc(64, 0xbb))).toBe(false);
    const dir = mkdtempSync(path.join(tmpdir(), 'socket-lab-test-'));
    const file = path.join(dir, 'a.pcapng');
    writeFileSync(file, got);
    expect(payloads(file, 'tcp').get(40000)).toBe(Buffer.alloc(8192 * 40, 0xaa).toString('hex'));
  });
});

describe('UDP in the capture is what crossed the wire', () => {
  it('holds empty datagrams, and a 2,048-byte datagram whole although recvfrom(1024) kept 1,024', async () => {
    const c = await openClient();
    const session = await welcomeOf(c);
    await c.command({ op: 'start-server', host: '127.0.0.1', port: 0 }, 'udp-echo');
    const port = await c.until(() => c.events.find((e) => e.lab === 'udp-echo' && e.op === 'bind')?.local?.[1], 'bind');
    await c.command({ op: 'sendto', hex: '' }, 'udp-echo');
    await c.until(() => c.events.find((e) => e.lab === 'udp-echo' && e.role === 'client' && e.op === 'recvfrom'), 'the empty echo');
    // A client outside the lab, as seed 000's client.py, sends 2,048 bytes to a server reading 1,024.
    // (Run asynchronously: the bridge under test is in this process and must answer meanwhile.)
    const script = 'import socket,sys\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.settimeout(5)\ns.sendto(b"x"*2048,("127.0.0.1",int(sys.argv[1])))\nprint(len(s.recvfrom(4096)[0]), s.getsockname()[1])';
    const out = await new Promise<string>((resolve, reject) => execFile('python3', ['-c', script, String(port)], (err, stdout) => (err ? reject(err) : resolve(stdout))));
    const got = out.trim().split(' ').map(Number);
    expect(got[0]).toBe(1024);
    const outside = got[1]!;
    const cut = await c.until(() => c.events.find((e) => e.op === 'recvfrom' && e.remote?.[1] === outside), 'the cut recvfrom');
    expect(cut.size).toBe(1024);
    const rows = fields(await saveCapture(session), ['udp.srcport', 'udp.dstport', 'udp.length']).map((r) => r.map(Number));
    const clientPort = c.events.find((e) => e.lab === 'udp-echo' && e.role === 'client' && e.op === 'sendto')!.local![1];
    expect(rows).toEqual([
      [clientPort, port, 8],
      [port, clientPort, 8],
      [outside, port, 8 + 2048],
      [port, outside, 8 + 1024],
    ]);
  });
});
