// Commands in bursts, as a page (or a hostile script) may send them: every message gets a named
// reply and none is an internal error; racing starts open one server, not several; and once the
// page closes, nothing of its session is left: no listening port, no socket, no descriptor.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { ServerMessage } from '@socket-lab/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../src/app.ts';
import { parseProcNet } from '../src/kernel/proc-net.ts';
import { Gen, rng } from './command-fuzz.ts';
import { TestClient } from './ws-client.ts';

let bridge: Bridge;
beforeAll(async () => {
  bridge = await startBridge({ port: 0, webRoot: '/nonexistent' });
});
afterAll(() => bridge.close());

const fds = () => readdirSync('/proc/self/fd').length;
const replies = (c: TestClient) => c.messages.filter((m): m is Extract<ServerMessage, { type: 'result' | 'error' | 'bytes' }> => m.type === 'result' || m.type === 'error' || m.type === 'bytes');

/** Ports the session bound (servers, clients, relays): each must be free again once the page is gone. */
function boundPorts(c: TestClient): Array<{ port: number; udp: boolean; host: string }> {
  const seen = new Map<string, { port: number; udp: boolean; host: string }>();
  for (const e of c.events) {
    if (e.error || !e.local || e.local[1] === 0) continue;
    if (e.op !== 'bind' && e.op !== 'listen' && e.op !== 'connect' && e.op !== 'sendto') continue;
    // The datagram labs' sockets are UDP (their TCP-vs-UDP comparison closes its own sockets, and a
    // UDP bind beside a TCP port would pass anyway).
    const udp = e.lab === 'udp-echo' || e.lab === 'add-one';
    seen.set(`${e.local[0]}|${e.local[1]}|${udp}`, { host: e.local[0], port: e.local[1], udp });
  }
  return [...seen.values()];
}

/** The inodes of this process's sockets (`socket:[123]` links in /proc/self/fd). */
function ownSockets(): Set<number> {
  const inodes = new Set<number>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m) inodes.add(Number(m[1]));
    } catch {
      // The fd closed between the listing and the read: it is not held.
    }
  }
  return inodes;
}

/**
 * What the kernel still lists on a port the session bound: a listener (anyone's), or a socket this
 * process still holds. A connection the page closed may linger as the kernel's orphan (FIN_WAIT2,
 * TIME_WAIT, LAST_ACK: inode 0, no process holds it) for up to a minute when its peer, maybe a
 * program of another test the fuzz connected to, does not close: that is TCP's teardown, not a
 * leak, and binding the port to test it would fail for that minute.
 */
function leftOn(p: { port: number; udp: boolean; host: string }): string[] {
  const own = ownSockets();
  const files = p.udp ? ['/proc/net/udp', '/proc/net/udp6'] : ['/proc/net/tcp', '/proc/net/tcp6'];
  return files
    .flatMap((f) => parseProcNet(readFileSync(f, 'utf8')))
    .filter((r) => r.local[1] === p.port && ((!p.udp && r.state === 'LISTEN') || own.has(r.inode)))
    .map((r) => `${r.state} ${r.local.join(':')} <- ${r.remote.join(':')} inode ${r.inode}`);
}

async function closePage(c: TestClient): Promise<void> {
  c.ws.close();
  await c.until(() => c.closeCode ?? undefined, 'close');
  await expect.poll(() => bridge.sessions.size, { timeout: 10_000 }).toBe(0);
}

describe('commands in bursts', () => {
  it('racing start-server commands open one server per lab; after the page closes nothing listens on or holds a port it bound, and the fds are back', async () => {
    const before = fds();
    const c = await TestClient.open(bridge);
    const starts = await Promise.all([
      ...Array.from({ length: 5 }, () => c.command({ op: 'start-server', host: '127.0.0.1', port: 0, backlog: 5 })),
      ...Array.from({ length: 5 }, () => c.command({ op: 'start-server', host: '127.0.0.1', port: 0 }, 'udp-echo')),
      ...Array.from({ length: 5 }, () => c.command({ op: 'start-server', host: '127.0.0.1', port: 0 }, 'add-one')),
      ...Array.from({ length: 5 }, () => c.command({ op: 'start-server', host: '127.0.0.1', port: 0 }, 'length-prefix')),
    ]);
    // Exactly one start per lab succeeds; the others are refused with a reason.
    expect(starts.filter((r) => r.type === 'result')).toHaveLength(4);
    for (const r of starts) if (r.type === 'error') expect(r.message).toMatch(/already (running|listening|starting)/);
    const udpPort = c.events.find((e) => e.lab === 'udp-echo' && e.op === 'bind')!.local![1];
    expect(udpPort).toBeGreaterThan(0);
    // Racing first sendtos share one client socket; racing relay-starts keep one relay.
    await Promise.all([
      ...Array.from({ length: 10 }, () => c.command({ op: 'sendto', hex: '6869' }, 'udp-echo')),
      ...Array.from({ length: 5 }, () => c.command({ op: 'relay-start', impairment: { seed: 1, drop: 0, duplicate: 0, reorder: 0, delayMs: 0 } }, 'udp-echo')),
      ...Array.from({ length: 5 }, () => c.command({ op: 'send', value: 1 }, 'add-one')),
    ]);
    const clients = new Set(c.events.filter((e) => e.lab === 'udp-echo' && e.op === 'sendto' && e.role === 'client').map((e) => e.socket));
    expect(clients.size).toBe(1);
    const ports = boundPorts(c);
    expect(ports.length).toBeGreaterThanOrEqual(4);
    // The oracle sees the session's own sockets while the page is open.
    expect(ports.filter((p) => leftOn(p).length > 0).length).toBeGreaterThan(0);
    await closePage(c);
    // A socket's close() can end a moment after the session does on a busy machine: each port is waited for.
    for (const p of ports) await expect.poll(() => leftOn(p), { message: `${p.udp ? 'udp' : 'tcp'} ${p.host}:${p.port}`, timeout: 10_000 }).toEqual([]);
    await expect.poll(fds, { timeout: 10_000 }).toBeLessThanOrEqual(before);
  });

  it('10,000 generated messages, valid and mutated, in bursts of 1,000: a named reply for each, no internal error, nothing left after', async () => {
    const before = fds();
    const c = await TestClient.open(bridge);
    const seed = 20261201;
    const gen = new Gen(rng(seed), []);
    let sent = 0;
    for (let burst = 0; burst < 10; burst++) {
      for (let i = 0; i < 1000; i++) {
        sent++;
        c.sendRaw(gen.random() < 0.6 ? JSON.stringify(gen.message(sent)) : gen.mutated(sent));
      }
      await c.until(() => (replies(c).length >= sent || c.closeCode !== null ? true : undefined), `replies to burst ${burst} (seed ${seed})`);
      expect(c.closeCode).toBeNull();
      // Later bursts aim at what the session opened, so sends and connects find real sockets.
      gen.ports.splice(0, gen.ports.length, ...new Set(c.events.filter((e) => e.op === 'listen' || e.op === 'bind').map((e) => e.local?.[1] ?? 0)));
    }
    const all = replies(c);
    expect(all).toHaveLength(sent);
    const internal = all.filter((m) => m.type === 'error' && /internal error/.test(m.message));
    expect(internal.map((m) => m.type === 'error' && m.message)).toEqual([]);
    for (const m of all) if (m.type === 'error') expect(m.message.length).toBeGreaterThan(0);
    // The fuzz reached the labs: some commands ran and events were recorded.
    expect(all.filter((m) => m.type === 'result').length).toBeGreaterThan(500);
    expect(c.events.length).toBeGreaterThan(100);
    const ports = boundPorts(c);
    // The oracle sees the session's own sockets while the page is open.
    expect(ports.filter((p) => leftOn(p).length > 0).length).toBeGreaterThan(0);
    await closePage(c);
    // A socket's close() can end a moment after the session does on a busy machine: each port is waited for.
    for (const p of ports) await expect.poll(() => leftOn(p), { message: `${p.udp ? 'udp' : 'tcp'} ${p.host}:${p.port}`, timeout: 10_000 }).toEqual([]);
    await expect.poll(fds, { timeout: 10_000 }).toBeLessThanOrEqual(before);
  }, 240_000);
});
