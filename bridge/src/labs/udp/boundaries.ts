// The same messages sent over TCP and over UDP, read back: a stream has no message boundaries,
// datagrams do. Real sockets on both sides, every call recorded.
import net from 'node:net';
import type { Address, Boundaries } from '@socket-lab/protocol';
import type { Call } from '../../recorder.ts';
import { AcceptedRecvLoop } from '../../sockets/recv-loop.ts';
import { sendAll } from '../../sockets/send-all.ts';
import { toPyError } from '../../python-errors.ts';
import { listenTcp } from '../../sockets/listen.ts';
import { LabError, pyLabError, type LabContext } from '../lab.ts';
import { RecordedUdp } from './recorded-udp.ts';

const BUF_SIZE = 1024;
const WAIT_MS = 2000;

interface Hooks {
  record(call: Call): void;
  nextId: LabContext['nextId'];
}

export async function compareBoundaries(messages: string[], h: Hooks): Promise<Boundaries> {
  const payloads = messages.map((m) => Buffer.from(m, 'utf8'));
  return { messages, tcp: await overTcp(payloads, h), udp: await overUdp(payloads, h) };
}

/** Client sendall()s each message, waiting for each; only then does the server start to recv. */
async function overTcp(payloads: Buffer[], h: Hooks): Promise<string[]> {
  const total = payloads.reduce((n, p) => n + p.length, 0);
  const server = net.createServer({ pauseOnConnect: true });
  let client: net.Socket | null = null;
  /** Every connection the comparison's server accepted: its own peer first. */
  const accepted: net.Socket[] = [];
  try {
    // Any failure here (EMFILE when descriptors run out) is this command's, not the bridge's.
    await listenTcp(server, { port: 0, host: '127.0.0.1' }, () => {});
    const a = server.address() as net.AddressInfo;
    const listenAt: Address = [a.address, a.port];
    const serverId = h.nextId('server');
    h.record({ socket: serverId, role: 'server', op: 'bind', local: listenAt, remote: null });
    h.record({ socket: serverId, role: 'server', op: 'listen', local: listenAt, remote: null, arg: 1 });
    // The comparison's own client is the first to connect; anyone else who finds the port is
    // closed at once (left alone, a paused connection would outlive the comparison).
    const first = new Promise<net.Socket>((r) =>
      server.on('connection', (s) => {
        if (accepted.push(s) > 1) s.destroy();
        else r(s);
      }),
    );
    const c = net.connect(a.port, '127.0.0.1');
    client = c;
    c.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      c.once('connect', () => resolve());
      c.once('error', reject);
    });
    const clientId = h.nextId('client');
    const cLocal: Address = [c.localAddress!, c.localPort!];
    h.record({ socket: clientId, role: 'client', op: 'connect', local: cLocal, remote: listenAt });
    const p = await first;
    p.on('error', () => {});
    const peerId = h.nextId('peer');
    h.record({ socket: peerId, role: 'peer', op: 'accept', local: listenAt, remote: cLocal });
    for (const payload of payloads) {
      const error = await sendAll(c, payload);
      h.record({ socket: clientId, role: 'client', op: 'sendall', local: cLocal, remote: listenAt, data: payload, ...(error ? { error } : {}) });
    }
    const chunks: string[] = [];
    await new Promise<void>((resolve) => {
      let got = 0;
      const timer = setTimeout(resolve, WAIT_MS);
      new AcceptedRecvLoop(p, () => BUF_SIZE, { congested: false, whenReady: (cb) => cb() }, {
        onChunk: (chunk, n) => {
          h.record({ socket: peerId, role: 'peer', op: 'recv', local: listenAt, remote: cLocal, data: chunk, arg: n });
          chunks.push(chunk.toString('hex'));
          got += chunk.length;
          if (got >= total) {
            clearTimeout(timer);
            resolve();
          }
        },
        onEof: () => resolve(),
        onError: () => resolve(),
      });
      p.resume();
    });
    for (const [s, id, role, local, remote] of [
      [c, clientId, 'client', cLocal, listenAt],
      [p, peerId, 'peer', listenAt, cLocal],
    ] as const) {
      s.destroy();
      h.record({ socket: id, role, op: 'close', local, remote });
    }
    h.record({ socket: serverId, role: 'server', op: 'close', local: listenAt, remote: null });
    return chunks;
  } catch (err) {
    throw err instanceof LabError ? err : pyLabError(toPyError(err));
  } finally {
    client?.destroy();
    for (const s of accepted) s.destroy();
    server.close();
  }
}

/** Client sendto()s each message; the server's recvfrom returns one datagram each time. */
async function overUdp(payloads: Buffer[], h: Hooks): Promise<string[]> {
  const got: string[] = [];
  let done: () => void = () => {};
  const all = new Promise<void>((r) => (done = r));
  let server: RecordedUdp | null = null;
  let client: RecordedUdp | null = null;
  try {
    server = await RecordedUdp.bind(
      '127.0.0.1',
      0,
      {
        record: h.record,
        id: h.nextId('server'),
        role: 'server',
        bufsize: () => BUF_SIZE,
        onDatagram: (kept) => {
          got.push(Buffer.from(kept).toString('hex'));
          if (got.length === payloads.length) done();
        },
      },
      true,
    );
    client = await RecordedUdp.bind('127.0.0.1', 0, { record: h.record, id: h.nextId('client'), role: 'client', bufsize: () => BUF_SIZE }, false);
    for (const p of payloads) await client.sendto(p, server.local);
    const timer = setTimeout(done, WAIT_MS);
    await all;
    clearTimeout(timer);
    return got;
  } catch (err) {
    throw err instanceof LabError ? err : pyLabError(toPyError(err));
  } finally {
    client?.close();
    server?.close();
  }
}
