// The length-prefix lab's server and client on real loopback sockets, with raw and Python peers.
import net from 'node:net';
import type { FrameDetail, SocketEvent } from '@socket-lab/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_WAITING, tooManyWaiting } from '../src/labs/length-prefix/framed-server.ts';
import { LengthPrefixLab } from '../src/labs/length-prefix/lab.ts';
import { CollectingSink, labContext } from './harness.ts';
import { pythonClient } from './python-peer.ts';

const SEED_FRAME = '0000001e' + Buffer.from('Four score and seven years ago').toString('hex');
const frame = (text: string) => {
  const b = Buffer.from(text, 'utf8');
  const h = Buffer.alloc(4);
  h.writeUInt32BE(b.length);
  return Buffer.concat([h, b]);
};

let labs: LengthPrefixLab[] = [];
const raws: net.Socket[] = [];
afterEach(() => {
  for (const l of labs) l.close();
  for (const r of raws) r.destroy();
  labs = [];
});

async function startLab(bufsize: number, maxFrame?: number) {
  const sink = new CollectingSink();
  const lab = new LengthPrefixLab(labContext(sink, undefined, 'length-prefix').ctx, { bufsize });
  labs.push(lab);
  await lab.handle({ op: 'start-server', host: '127.0.0.1', port: 0, ...(maxFrame ? { maxFrame } : {}) });
  return { sink, lab, port: lab.address![1] };
}

function raw(port: number): Promise<net.Socket> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', () => {});
    raws.push(s);
  });
}

const frames = (events: SocketEvent[], socket: string) =>
  events.filter((e) => e.socket === socket && e.op === 'frame').map((e) => e.frame as FrameDetail);
const steps = (e: SocketEvent) => (e.frame?.kind === 'steps' ? e.frame.steps : []);
const closed = (socket: string) => (ev: SocketEvent[]) => ev.some((e) => e.socket === socket && e.op === 'close');

describe('length-prefix server', () => {
  it("shows the seed's frame at BUF_SIZE 4: header 30 (LE 503316480), payload filling, reply [20]", async () => {
    const { sink, port } = await startLab(4);
    const c = await raw(port);
    c.write(Buffer.from(SEED_FRAME, 'hex'));
    const events = await sink.until((ev) => ev.some((e) => e.op === 'sendall'), 'the reply');
    const recvs = events.filter((e) => e.socket === 'peer-1' && e.op === 'recv');
    expect(recvs.every((r) => r.size <= 4 && r.arg === 4)).toBe(true);
    expect(recvs[0]!.hex).toBe('0000001e');
    expect(steps(recvs[0]!)).toEqual([{ kind: 'header', length: 30, littleEndian: 503316480 }]);
    const progress = recvs.flatMap(steps).flatMap((s) => (s.kind === 'payload' ? [`${s.got}/${s.of}`] : []));
    expect(progress).toEqual(['4/30', '8/30', '12/30', '16/30', '20/30', '24/30', '28/30', '30/30']);
    expect(frames(events, 'peer-1')[0]).toEqual({
      kind: 'message',
      payload: { text: 'Four score and seven years ago', bytes: 30, chars: 30 },
      reply: { text: ' and seven years ago', bytes: 20, chars: 20 },
    });
    const reply = events.find((e) => e.op === 'sendall')!;
    expect(reply.hex).toBe(frame(' and seven years ago').toString('hex'));
    expect(reply.hex.slice(0, 8)).toBe('00000014');
    expect(reply.frame).toEqual({ kind: 'header', bytes: 4, length: 20 });
  });

  it('shows one recv holding the end of one frame and the start of the next', async () => {
    const { sink, port } = await startLab(16);
    const c = await raw(port);
    c.write(Buffer.concat([frame('first message here'), frame('second message'), frame('third one, longer')]));
    const events = await sink.until((ev) => ev.filter((e) => e.op === 'sendall').length === 3, 'three replies');
    const mixed = events.find((e) => e.op === 'recv' && steps(e).some((s, i, all) => s.kind === 'complete' && all[i + 1]?.kind === 'header'));
    expect(mixed).toBeDefined();
    expect(frames(events, 'peer-1').map((f) => f.kind === 'message' && f.reply!.text)).toEqual(['age here', 'sage', ' longer']);
  });

  it('counts bytes in headers and characters in the cut for multibyte text', async () => {
    const { sink, port } = await startLab(1024);
    const c = await raw(port);
    c.write(frame('héllo wörld ✓'));
    const events = await sink.until((ev) => ev.some((e) => e.op === 'sendall'));
    expect(frames(events, 'peer-1')[0]).toEqual({
      kind: 'message',
      payload: { text: 'héllo wörld ✓', bytes: 17, chars: 13 },
      reply: { text: 'd ✓', bytes: 5, chars: 3 },
    });
    expect(events.find((e) => e.op === 'sendall')!.hex).toBe('00000005' + Buffer.from('d ✓').toString('hex'));
  });

  it('serves one client at a time: the second waits, unread, until the first leaves', async () => {
    const { sink, lab, port } = await startLab(1024);
    const first = await raw(port);
    await sink.until((ev) => ev.some((e) => e.op === 'accept'));
    const second = await raw(port);
    second.write(frame('I arrived second, waiting'));
    await new Promise<void>((resolve) => {
      const check = () => (lab.state().waiting.length === 1 ? resolve() : setImmediate(check));
      check();
    });
    expect(lab.state().serving?.socket).toBe('peer-1');
    expect(lab.state().waiting[0]!.remote).toEqual(['127.0.0.1', second.localPort]);
    first.write(frame('first client speaking'));
    await sink.until((ev) => ev.some((e) => e.op === 'sendall'));
    expect(sink.events.filter((e) => e.socket === 'peer-2')).toEqual([]); // not accepted, not read
    first.end();
    const events = await sink.until((ev) => ev.filter((e) => e.op === 'sendall').length === 2, 'the second reply');
    expect(events.find((e) => e.socket === 'peer-2' && e.op === 'accept')!.remote).toEqual(['127.0.0.1', second.localPort]);
    expect(frames(events, 'peer-2')[0]).toMatchObject({ reply: { text: 'second, waiting' } });
  });

  it('stops the way keep_running = False does: after the current recv returns', async () => {
    const { sink, lab, port } = await startLab(1024);
    const c = await raw(port);
    c.write(frame('before the stop!'));
    await sink.until((ev) => ev.some((e) => e.op === 'sendall'));
    await lab.handle({ op: 'stop-server' });
    expect(lab.state().server).toMatchObject({ stopping: true });
    expect(sink.of('server-1', 'close')).toHaveLength(1);
    c.write(frame('after the stop'));
    await sink.until(closed('peer-1'), 'the connection to close');
    expect(sink.events.filter((e) => e.op === 'sendall')).toHaveLength(1); // no reply after the stop
    expect(lab.state().server).toBeNull();
  });

  it('refuses ff ff ff ff as frame too large, allocates nothing, closes, and serves the next client', async () => {
    const { sink, port } = await startLab(1024);
    const before = process.memoryUsage().arrayBuffers;
    const c = await raw(port);
    c.write(Buffer.from('ffffffff41414141', 'hex'));
    await sink.until(closed('peer-1'));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1024 * 1024);
    const tooLarge = sink.of('peer-1', 'frame')[0]!;
    expect(tooLarge.frame).toEqual({ kind: 'too-large', claimed: 4294967295, littleEndian: 4294967295, max: 1048576 });
    expect(tooLarge.error!.message).toBe('frame too large: the header claims 4,294,967,295 bytes, more than the 1,048,576-byte limit');
    const next = await raw(port);
    next.write(frame('the next client is served'));
    await sink.until((ev) => ev.some((e) => e.socket === 'peer-2' && e.op === 'sendall'));
  });

  it('takes a raised --max-frame', async () => {
    const { sink, port } = await startLab(65536, 2 * 1024 * 1024);
    const c = await raw(port);
    const big = 'x'.repeat(1536 * 1024);
    c.write(frame(big));
    const events = await sink.until((ev) => ev.some((e) => e.op === 'sendall'), 'the reply to 1.5 MiB');
    expect(frames(events, 'peer-1')[0]).toMatchObject({ kind: 'message', payload: { bytes: 1536 * 1024 } });
  });

  it('reports EOF mid-frame as incomplete frame: got k of n bytes', async () => {
    const { sink, port } = await startLab(1024);
    const c = await raw(port);
    c.end(Buffer.from('0000001e466f7572', 'hex'));
    await sink.until(closed('peer-1'));
    expect(sink.of('peer-1', 'frame')[0]).toMatchObject({
      frame: { kind: 'incomplete', stage: 'payload', got: 4, of: 30 },
      error: { name: 'IncompleteFrame', message: 'incomplete frame: got 4 of 30 bytes' },
    });
  });

  it('names the byte offset of invalid UTF-8, as Python does, and serves the next client', async () => {
    const { sink, port } = await startLab(1024);
    const c = await raw(port);
    c.write(Buffer.from('00000005' + '4142c3ff43', 'hex'));
    await sink.until(closed('peer-1'));
    expect(sink.of('peer-1', 'frame')[0]).toMatchObject({
      frame: { kind: 'bad-utf8', offset: 2 },
      error: { name: 'UnicodeDecodeError', message: "'utf-8' codec can't decode byte 0xc3 in position 2: invalid continuation byte" },
    });
    const next = await raw(port);
    next.write(frame('still serving after that'));
    await sink.until((ev) => ev.some((e) => e.socket === 'peer-2' && e.op === 'sendall'));
  });

  it('answers a Python client written as a student would, messages sent at once included', async () => {
    const { port } = await startLab(8);
    const lines = await pythonClient(port, 8, ['Four score and seven years ago', 'héllo wörld ✓', 'exactly10!']);
    expect(lines).toEqual(["(' and seven years ago', True)", "('d ✓', True)", "('', True)"]);
  });
});

describe('length-prefix server past its waiting cap', () => {
  it('shows a connection it closed because 16 already wait for accept(), and why', async () => {
    const { sink, port } = await startLab(4);
    // One is served, MAX_WAITING wait; the next is closed at once.
    for (let i = 0; i <= MAX_WAITING; i++) await raw(port);
    const extra = await raw(port);
    const refused = (await sink.until((ev) => ev.some((e) => e.op === 'accept' && e.error), 'the refused connection')).find((e) => e.op === 'accept' && e.error)!;
    expect(refused.remote).toEqual(['127.0.0.1', extra.localPort]);
    expect(refused.error).toEqual(tooManyWaiting());
  });
});

describe('length-prefix buffered client', () => {
  it('send_message, receive_message → (payload, True), shutdown, each recorded', async () => {
    const { sink, lab, port } = await startLab(4);
    await lab.handle({ op: 'connect', host: '127.0.0.1', port });
    await lab.handle({ op: 'send-message', socket: 'client-1', text: 'Four score and seven years ago' });
    await lab.handle({ op: 'receive-message', socket: 'client-1' });
    const received = sink.of('client-1', 'receive_message')[0]!;
    expect(received.frame).toEqual({ kind: 'receive', ok: true, payload: { text: ' and seven years ago', bytes: 20, chars: 20 } });
    expect(sink.of('client-1', 'send_message')[0]!.frame).toMatchObject({ kind: 'send', payload: { bytes: 30 } });
    expect(sink.of('client-1', 'sendall')[0]!.hex).toBe(SEED_FRAME);
    expect(sink.of('client-1', 'recv').every((e) => e.size <= 4)).toBe(true);
    await lab.handle({ op: 'shutdown', socket: 'client-1' });
    expect(sink.of('client-1', 'close')).toHaveLength(1);
    expect(lab.state().clients).toEqual([]);
  });

  it('reads nothing between receive_message calls', async () => {
    const { sink, lab, port } = await startLab(1024);
    await lab.handle({ op: 'connect', host: '127.0.0.1', port });
    await lab.handle({ op: 'send-message', socket: 'client-1', text: 'reply waits in the kernel' });
    await sink.until((ev) => ev.some((e) => e.socket === 'peer-1' && e.op === 'sendall'));
    expect(sink.of('client-1', 'recv')).toEqual([]);
    await lab.handle({ op: 'receive-message', socket: 'client-1' });
    expect(sink.of('client-1', 'recv')).toHaveLength(1);
  });

  it('reports (\'\', False) when the server goes away', async () => {
    const { sink, lab, port } = await startLab(1024);
    await lab.handle({ op: 'connect', host: '127.0.0.1', port });
    await sink.until((ev) => ev.some((e) => e.op === 'accept'));
    await lab.handle({ op: 'stop-server' });
    await lab.handle({ op: 'send-message', socket: 'client-1', text: 'anyone there at all?' });
    await lab.handle({ op: 'receive-message', socket: 'client-1' });
    expect(sink.of('client-1', 'receive_message')[0]!.frame).toEqual({
      kind: 'receive',
      ok: false,
      payload: { text: '', bytes: 0, chars: 0 },
      reason: "the server closed the connection (recv returned b'')",
    });
  });
});
