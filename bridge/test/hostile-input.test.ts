// No input may end the bridge: a real bridge process takes a stream of malformed HTTP and
// WebSocket input, answers each plainly, and still serves a page and a session afterwards.
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRaw, startBridgeChild, type Child } from './bridge-child.ts';
import { TestClient } from './ws-client.ts';

let bridge: Child & { port: number; token: string };
beforeAll(async () => {
  bridge = await startBridgeChild();
});
afterAll(async () => {
  bridge.proc.kill('SIGTERM');
  await bridge.exited;
});

const status = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);

describe('malformed HTTP', () => {
  it('an upgrade whose target is not a valid URL gets 400, and the bridge lives on', async () => {
    const res = await httpRaw(bridge.port, 'GET //x:99999/ws HTTP/1.1\r\nHost: evil\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    expect(status(res)).toBe(400);
    expect(res).toContain('is not a valid URL path');
    expect(bridge.proc.exitCode).toBeNull();
  });

  it('a bad percent-escape gets a plain 400: no stack trace, no file paths', async () => {
    const res = await httpRaw(bridge.port, `GET /api/session/%ZZ/capture.pcapng HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nConnection: close\r\n\r\n`);
    expect(status(res)).toBe(400);
    const body = res.slice(res.indexOf('\r\n\r\n') + 4);
    expect(body).not.toMatch(/\bat \S+ \(|\/work\/|node_modules|Error:/);
    expect(body.trim().length).toBeGreaterThan(0);
  });

  it('survives a stream of malformed requests and upgrades, then still serves the page and a session', async () => {
    const host = `127.0.0.1:${bridge.port}`;
    const key = randomBytes(16).toString('base64');
    const upgrade = (target: string, extra = '') =>
      `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${key}\r\n${extra}\r\n`;
    const inputs: Array<string | Buffer> = [
      randomBytes(2048),
      'GARBAGE\r\n\r\n',
      'GET / HTTP/9.9\r\n\r\n',
      'GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n',
      `GET / HTTP/1.1\r\nHost: ${host}\r\nX: ${'a'.repeat(20_000)}\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: ${host}\r\nContent-Length: -5\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`,
      `POST /api/session/x/capture.pcapng HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 3\r\n\r\nabc`,
      `GET /api/session/%ZZ/capture.pcapng HTTP/1.1\r\nHost: ${host}\r\nX-Socket-Lab-Token: ${bridge.token}\r\n\r\n`,
      'GET //x:99999/ws HTTP/1.1\r\nHost: evil\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
      'GET http://[::1/ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
      'GET * HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
      upgrade(`/ws?token=${bridge.token}`).replace(/Sec-WebSocket-Key: .*\r\n/, 'Sec-WebSocket-Key: nope\r\n'),
      upgrade(`/ws?token=${bridge.token}`).replace('Sec-WebSocket-Version: 13', 'Sec-WebSocket-Version: 99'),
      upgrade(`/ws?token=%zz`),
      upgrade(`/nowhere?token=${bridge.token}`),
      // A good upgrade, then WebSocket frames no client may send.
      ...badFrames().map((frame) => Buffer.concat([Buffer.from(upgrade(`/ws?token=${bridge.token}`)), frame])),
    ];
    for (const input of inputs) {
      const res = await httpRaw(bridge.port, input);
      // Each gets an HTTP answer or a WebSocket close, never a dead bridge.
      expect(res === '' || /^HTTP\/1\.1 \d{3}/.test(res), JSON.stringify(res.slice(0, 80))).toBe(true);
      expect(bridge.proc.exitCode).toBeNull();
    }
    // Some at once, cut off half way.
    await Promise.all(inputs.map((input) => cutOff(bridge.port, input)));
    expect(bridge.proc.exitCode).toBeNull();

    const page = await httpRaw(bridge.port, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(status(page)).toBe(200);
    expect(page).toContain(`content="${bridge.token}"`);
    const session = await TestClient.open(bridge);
    await session.until(() => session.messages.find((m) => m.type === 'welcome'), 'welcome');
    expect(await session.command({ op: 'set-bufsize', bufsize: 4 })).toMatchObject({ type: 'result' });
    session.ws.close();
  });
});

/** Client frames that break RFC 6455: unmasked, reserved bits, bad opcode, invalid UTF-8, huge length, fragmented control. */
function badFrames(): Buffer[] {
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = (first: number, payload: Buffer, lenByte?: number[]) => {
    const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    const len = lenByte ?? [0x80 | payload.length];
    return Buffer.concat([Buffer.from([first, ...len]), mask, body]);
  };
  return [
    Buffer.from([0x81, 0x05, ...Buffer.from('hello')]), // not masked
    masked(0xf1, Buffer.from('hi')), // RSV bits set
    masked(0x83, Buffer.from('hi')), // reserved opcode 3
    masked(0x81, Buffer.from([0xff, 0xfe, 0xfd])), // invalid UTF-8 text
    masked(0x09 /* ping without FIN */, Buffer.from('x')),
    Buffer.concat([Buffer.from([0x81, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), mask]), // 2^63 bytes claimed
    masked(0x88, Buffer.from([0x03, 0xe8, 0xc3])), // close with invalid UTF-8 reason
    masked(0x81, Buffer.from('{"type":"command","id":1,"lab":"tcp-echo","command":{"op":"start-server","host":"127.0.0.1","port":0,"backlog":1}}')),
  ];
}

/** Sends the first half of `input` and resets the connection. */
function cutOff(port: number, input: string | Buffer): Promise<void> {
  return new Promise((resolve) => {
    const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input, 'latin1');
    const s = net.connect(port, '127.0.0.1', () => {
      s.write(bytes.subarray(0, Math.ceil(bytes.length / 2)), () => {
        s.resetAndDestroy();
        resolve();
      });
    });
    s.on('error', () => resolve());
  });
}

// Keep the helper honest: the handshake the good upgrades use is the standard one.
it('upgrade helper: a good upgrade is accepted (101), so the frames after it reach the WebSocket parser', async () => {
  const key = randomBytes(16).toString('base64');
  const host = `127.0.0.1:${bridge.port}`;
  const res = await new Promise<string>((resolve) => {
    const s = net.connect(bridge.port, '127.0.0.1', () =>
      s.write(
        `GET /ws?token=${bridge.token} HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${key}\r\n\r\n`,
      ),
    );
    s.once('data', (d: Buffer) => (resolve(d.toString('latin1')), s.destroy()));
  });
  expect(status(res)).toBe(101);
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  expect(res).toContain(`Sec-WebSocket-Accept: ${accept}`);
});
