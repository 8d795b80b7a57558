// The course's own programs, as the lab ships them, run in pairs under `lab run` on real CPython:
// seed 001's add-one and "Hi!" pairs, seed 002's sample pair, seed 003's server and client.
import type { SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { freePort } from './bridge-child.ts';
import { course, labRun } from './lab-run-child.ts';

const printed = (ev: SocketEvent[]) => ev.filter((e) => e.op === 'output').map((e) => e.output!.text);
const bytesOf = (ev: SocketEvent[], op: SocketEvent['op'], role: SocketEvent['role']) =>
  Buffer.concat(ev.filter((e) => e.op === op && e.role === role).map((e) => Buffer.from(e.hex, 'hex'))).toString();

/** Runs `server`, waits for its listen (or bind), runs `client` to the end; both sets of events. */
async function pair(server: string, client: string, ready: SocketEvent['op'], stopServer = false) {
  const env = { SOCKET_LAB_PORT: String(await freePort()) };
  const s = labRun(['python3', course(server)], env);
  try {
    await s.until((ev) => ev.some((e) => e.op === ready), `${server} ready`);
    const c = labRun(['python3', course(client)], env);
    expect(await c.exit).toBe(0);
    if (stopServer) s.kill();
    await s.exit;
    return { server: s.events(), client: c.events() };
  } finally {
    s.kill();
  }
}

describe('the course programs, in pairs', () => {
  it("seed 001 add-one: struct.pack('!h', 1) is 00 01 out, 00 02 back, and the client prints Received 2", async () => {
    const { server, client } = await pair('addone_server.py', 'addone_client.py', 'bind');
    expect(client.find((e) => e.op === 'sendto')).toMatchObject({ hex: '0001', where: { code: 's.sendto(val, (HOST, PORT))' } });
    expect(server.find((e) => e.op === 'recvfrom')).toMatchObject({ hex: '0001', arg: 1024 });
    expect(server.find((e) => e.op === 'sendto')?.hex).toBe('0002');
    expect(printed(client)).toEqual(['Received 2']);
  });

  it('seed 001 TCP: Hello! out, Hi! back, and the server ends when the client closes (recv returns b\'\')', async () => {
    const { server, client } = await pair('hi_server.py', 'hi_client.py', 'listen');
    expect(printed(client)).toEqual(["Received: b'Hi!'"]);
    const reads = server.filter((e) => e.op === 'recv');
    expect(reads.at(-1)).toMatchObject({ size: 0, where: { code: 'data = conn.recv(1024)' } });
    expect(bytesOf(server, 'recv', 'peer')).toBe('Hello!');
  });

  it("seed 002: 'Thank you for connecting', and the server's print of the client's address", async () => {
    const { server, client } = await pair('thanks_server.py', 'thanks_client.py', 'listen', true);
    expect(printed(client)).toEqual(["b'Thank you for connecting'"]);
    const local = client.find((e) => e.op === 'connect')!.local!;
    expect(printed(server)).toEqual([`Got connection from ('127.0.0.1', ${local[1]})`]);
    expect(server.find((e) => e.op === 'send')).toMatchObject({ role: 'peer', size: 24, where: { code: "c.send(b'Thank you for connecting')" } });
  });

  it("seed 003: the client's three sends reach the server whole, however TCP cut them into recvs", async () => {
    const { server, client } = await pair('server_non_concurrent.py', 'client.py', 'listen', true);
    expect(printed(client)).toEqual(['Received message: Welcome, You are connected to the server']);
    expect(bytesOf(client, 'send', 'client')).toBe('Hello WorldHeya! I got your message!/bye');
    // Every byte sent arrived, in order; where the recv boundaries fell is the kernel's business.
    expect(bytesOf(server, 'recv', 'peer').startsWith('Hello WorldHeya! I got your message!/bye')).toBe(true);
    expect(printed(server)[0]).toBe('listening on port 5960...');
    const from = `Message received from ('127.0.0.1', ${client.find((e) => e.op === 'connect')!.local![1]}) -> Hello World`;
    expect(printed(server).some((line) => line.startsWith(from))).toBe(true);
  });
});
