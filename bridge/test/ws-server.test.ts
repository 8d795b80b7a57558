// The bridge's WebSocket door and sessions, over real HTTP and WebSocket connections on port 0.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../src/app.ts';
import { Session } from '../src/session.ts';
import { TestClient, upgradeStatus } from './ws-client.ts';

let bridge: Bridge;
beforeAll(async () => {
  bridge = await startBridge({ port: 0, webRoot: '/nonexistent' });
});
afterAll(() => bridge.close());

const wsUrl = (token: string | null) => `ws://127.0.0.1:${bridge.port}/ws${token === null ? '' : `?token=${token}`}`;
const ownHost = () => `127.0.0.1:${bridge.port}`;

describe('upgrade refusals (before any WebSocket exists)', () => {
  it('refuses a foreign Origin with 403', async () => {
    expect(await upgradeStatus(wsUrl(bridge.token), { Origin: 'http://evil.example' })).toBe(403);
  });
  it('refuses a foreign Host with 403 (DNS rebinding)', async () => {
    expect(await upgradeStatus(wsUrl(bridge.token), { Host: `evil.example:${bridge.port}` })).toBe(403);
  });
  it('refuses a missing token with 401', async () => {
    expect(await upgradeStatus(wsUrl(null), { Origin: `http://${ownHost()}` })).toBe(401);
  });
  it('refuses a wrong token with 401', async () => {
    expect(await upgradeStatus(wsUrl('not-the-token'), { Origin: `http://${ownHost()}` })).toBe(401);
  });
  it('serves no page to a foreign Host either, so the token cannot be read', async () => {
    const res = await new Promise<number>((resolve) => {
      const s = net.connect(bridge.port, '127.0.0.1', () => s.write('GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n'));
      s.once('data', (d) => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(d.toString())![1])));
    });
    expect(res).toBe(403);
  });
});

describe('a session', () => {
  it('sends events as binary batches to a page that asks, as JSON to one that does not: the same events', async () => {
    const run = async (events: 'binary' | 'json') => {
      const c = await TestClient.open(bridge, { events });
      await c.command({ op: 'start-server', host: '127.0.0.1', port: 0, backlog: 5 });
      const port = (await c.until(() => c.events.find((e) => e.op === 'listen'), 'listen')).local![1];
      const peer = net.connect(port, '127.0.0.1', () => peer.end('héllo'));
      peer.resume();
      await c.until(() => c.events.find((e) => e.op === 'recv' && e.size === 0), 'the EOF recv');
      c.ws.close();
      // Ports and times differ between the two sessions; all else is the same.
      return { frames: c.binaryFrames, events: c.events.map(({ t: _t, local: _l, remote: _r, ...rest }) => rest) };
    };
    const binary = await run('binary');
    const json = await run('json');
    expect(binary.frames).toBeGreaterThan(0);
    expect(json.frames).toBe(0);
    expect(binary.events.find((e) => e.op === 'recv' && e.size > 0)).toMatchObject({ hex: Buffer.from('héllo').toString('hex'), arg: 1024 });
    expect(binary.events).toEqual(json.events);
  });

  it('greets with the protocol version', async () => {
    const c = await TestClient.open(bridge);
    const welcome = await c.until(() => c.messages.find((m) => m.type === 'welcome'), 'welcome');
    expect(welcome).toMatchObject({ type: 'welcome', protocol: 1 });
    c.ws.close();
  });

  it('answers malformed JSON, unknown types and wrong shapes with errors, and stays open', async () => {
    const c = await TestClient.open(bridge);
    c.sendRaw('{not json');
    c.sendRaw('{"type":"reboot","id":5}');
    c.sendRaw('{"type":"command","id":6,"lab":"tcp-echo","command":{"op":"connect","host":"127.0.0.1","port":"eighty"}}');
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    const errors = await c.until(() => {
      const e = c.messages.filter((m) => m.type === 'error');
      return e.length >= 4 ? e : undefined;
    }, 'four errors');
    expect(errors.map((e) => e.type === 'error' && [e.code, e.id])).toEqual([
      ['bad-json', null],
      ['unknown-type', 5],
      ['bad-message', 6],
      ['bad-message', null],
    ]);
    expect(errors[2]!.type === 'error' && errors[2]!.message).toMatch(/^command\.port: /);
    // Still serving: a good command works.
    expect(await c.command({ op: 'set-bufsize', bufsize: 8 })).toMatchObject({ type: 'result' });
    c.ws.close();
  });

  it('refuses a non-loopback target with a clear message', async () => {
    const c = await TestClient.open(bridge);
    const reply = await c.command({ op: 'connect', host: '10.1.2.3', port: 22 });
    expect(reply).toMatchObject({ type: 'error', code: 'not-loopback' });
    expect(reply.type === 'error' && reply.message).toContain('"10.1.2.3" is not a loopback address');
    c.ws.close();
  });

  it('closes with 1009 when a page message is over 1 MiB, and other sessions carry on', async () => {
    const big = await TestClient.open(bridge);
    const other = await TestClient.open(bridge);
    big.sendRaw(JSON.stringify({ type: 'get-bytes', id: 1, seq: 0, pad: 'x'.repeat(1024 * 1024) }));
    await big.until(() => big.closeCode ?? undefined, 'close');
    expect(big.closeCode).toBe(1009);
    expect(await other.command({ op: 'set-bufsize', bufsize: 2 })).toMatchObject({ type: 'result' });
    other.ws.close();
  });

  it('streams events in batches, and closing the page closes its sockets', async () => {
    const c = await TestClient.open(bridge);
    await c.command({ op: 'start-server', host: '127.0.0.1', port: 0, backlog: 1 });
    const port = await c.until(() => c.events.find((e) => e.op === 'listen')?.local?.[1], 'listen');
    await c.command({ op: 'connect', host: '127.0.0.1', port });
    await c.command({ op: 'sendall', socket: 'client-1', hex: Buffer.from('Hello World').toString('hex') });
    await c.until(() => c.events.find((e) => e.socket === 'client-1' && e.op === 'recv'), 'echo');
    const batches = c.messages.filter((m) => m.type === 'events');
    expect(batches.length).toBeLessThan(c.events.length); // several events per message
    expect(c.events.map((e) => e.seq)).toEqual(c.events.map((_, i) => i));
    c.ws.close();
    // Once the session is gone its server must stop accepting: retry until the port refuses.
    const refused = await new Promise<string>((resolve) => {
      const retry = () => {
        const s = net.connect(port, '127.0.0.1');
        s.once('connect', () => (s.destroy(), setImmediate(retry)));
        s.once('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNREFUSED' ? resolve(err.code) : setImmediate(retry)));
      };
      retry();
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('hands the full bytes of an event whose preview was cut', async () => {
    const c = await TestClient.open(bridge);
    await c.command({ op: 'start-server', host: '127.0.0.1', port: 0, backlog: 1 });
    const port = await c.until(() => c.events.find((e) => e.op === 'listen')?.local?.[1], 'listen');
    await c.command({ op: 'connect', host: '127.0.0.1', port });
    const payload = Buffer.alloc(5000, 0x61);
    payload.write('END', 4997);
    await c.command({ op: 'sendall', socket: 'client-1', hex: payload.toString('hex') });
    const sent = await c.until(() => c.events.find((e) => e.socket === 'client-1' && e.op === 'sendall'), 'sendall');
    expect(sent.truncated).toBe(true);
    expect(sent.size).toBe(5000);
    expect(sent.hex).toHaveLength(2 * 256);
    c.sendRaw(JSON.stringify({ type: 'get-bytes', id: 99, seq: sent.seq }));
    const bytes = await c.until(() => c.messages.find((m) => m.type === 'bytes' && m.id === 99), 'bytes');
    expect(bytes.type === 'bytes' && bytes.hex).toBe(payload.toString('hex'));
    c.sendRaw(JSON.stringify({ type: 'get-bytes', id: 100, seq: 0 }));
    const missing = await c.until(() => c.messages.find((m) => m.type === 'error' && m.id === 100), 'error');
    expect(missing).toMatchObject({ code: 'not-found' });
    c.ws.close();
  });
});

describe('a page that leaves mid-command', () => {
  it('still gets every socket closed, even one that finished opening after the page left', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const session = new Session('t', { send: (_t, done) => done(), bufferedAmount: 0, open: true });
    // receive() runs until listen() is pending; the page leaves before it completes.
    const pending = session.receive(JSON.stringify({ type: 'command', id: 1, lab: 'tcp-echo', command: { op: 'start-server', host: '127.0.0.1', port, backlog: 1 } }));
    session.close();
    await pending;
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    expect(free).toBe(true);
  });
});
