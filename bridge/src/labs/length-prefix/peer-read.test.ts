import net from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { Address } from '@socket-lab/protocol';
import { peerHasRead } from './peer-read.ts';

const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

/** A loopback pair: the accepted side starts paused, so bytes wait in its kernel queue until resumed. */
async function pair(): Promise<{ client: net.Socket; accepted: net.Socket; local: Address; remote: Address }> {
  const server = net.createServer({ pauseOnConnect: true });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  const client = net.connect(port, '127.0.0.1');
  const [[accepted]] = await Promise.all([once(server, 'connection') as Promise<[net.Socket]>, once(client, 'connect')]);
  closers.push(() => (client.destroy(), accepted.destroy(), server.close()));
  return { client, accepted, local: ['127.0.0.1', client.localPort!], remote: ['127.0.0.1', port] };
}

describe('peerHasRead', () => {
  it('waits until the peer has read the bytes, and not for a peer that never reads', async () => {
    const p = await pair();
    p.client.write('four');
    expect(await peerHasRead(p.local, p.remote, 300)).toBe(false);
    const read = once(p.accepted, 'data');
    p.accepted.resume();
    expect(await peerHasRead(p.local, p.remote)).toBe(true);
    expect(String((await read)[0])).toBe('four');
  });

  it('gives up at once when the connection has gone', async () => {
    const p = await pair();
    p.accepted.destroy();
    await once(p.client, 'close').catch(() => {});
    p.client.on('error', () => {});
    expect(await peerHasRead(p.local, p.remote, 60_000)).toBe(false);
  });
});
