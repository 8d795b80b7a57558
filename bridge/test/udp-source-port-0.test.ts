// A datagram from source port 0 (only a raw socket can send one) is shown and not answered,
// as Python's server would meet it: recvfrom returns ('127.0.0.1', 0), and sendto there raises
// OSError: [Errno 22] Invalid argument. The lab server serves the next datagram as usual.
import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { AddOneLab } from '../src/labs/udp/add-one-lab.ts';
import { UdpEchoLab } from '../src/labs/udp/udp-echo-lab.ts';
import { CollectingSink, labContext } from './harness.ts';

const closers: Array<{ close(): void }> = [];
afterEach(() => {
  for (const c of closers.splice(0)) c.close();
});

/** Sends one UDP datagram with source port 0 through a raw socket (needs root, as CI runs). */
const RAW_SEND = `
import socket, struct, sys
port, payload = int(sys.argv[1]), bytes.fromhex(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_UDP)
s.sendto(struct.pack('!HHHH', 0, port, 8 + len(payload), 0) + payload, ('127.0.0.1', 0))
`;

function rawSend(port: number, payload: Buffer): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile('python3', ['-c', RAW_SEND, String(port), payload.toString('hex')], { timeout: 10_000 }, (err) => (err ? reject(err) : resolve())),
  );
}

/** One datagram to 127.0.0.1:port from an ordinary socket, and the reply. */
async function ask(port: number, bytes: Buffer): Promise<Buffer> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const got = new Promise<Buffer>((r) => s.once('message', (m) => r(m)));
  s.send(bytes, port, '127.0.0.1');
  const reply = await got;
  s.close();
  return reply;
}

describe('a datagram from source port 0', () => {
  it('UDP echo: recvfrom shows port 0, the reply sendto raises EINVAL with why, and the server keeps serving', async () => {
    const sink = new CollectingSink();
    const lab = new UdpEchoLab(labContext(sink, undefined, 'udp-echo').ctx);
    closers.push(lab);
    await lab.handle({ op: 'start-server', host: '127.0.0.1', port: 0 });
    const port = lab.address![1];
    await rawSend(port, Buffer.from('from port 0'));
    const events = await sink.until((ev) => ev.some((e) => e.op === 'sendto' && e.role === 'server'), 'the reply attempt');
    const got = events.find((e) => e.op === 'recvfrom' && e.role === 'server')!;
    expect(got.remote).toEqual(['127.0.0.1', 0]);
    expect(Buffer.from(got.hex, 'hex').toString()).toBe('from port 0');
    const reply = events.find((e) => e.op === 'sendto' && e.role === 'server')!;
    expect(reply.error).toMatchObject({ name: 'OSError', errno: 22, message: '[Errno 22] Invalid argument' });
    expect(reply.error!.hint).toContain('port 0');
    expect((await ask(port, Buffer.from('still here'))).toString()).toBe('still here');
  });

  it('add-one: the same, and the next client is answered', async () => {
    const sink = new CollectingSink();
    const lab = new AddOneLab(labContext(sink, undefined, 'add-one').ctx);
    closers.push(lab);
    await lab.handle({ op: 'start-server', host: '127.0.0.1', port: 0 });
    const port = lab.address![1];
    await rawSend(port, Buffer.from([0, 1]));
    const events = await sink.until((ev) => ev.some((e) => e.op === 'sendto' && e.role === 'server'), 'the reply attempt');
    expect(events.find((e) => e.op === 'sendto' && e.role === 'server')!.error).toMatchObject({ errno: 22 });
    expect((await ask(port, Buffer.from([0, 41]))).toString('hex')).toBe('002a');
  });
});
