// The JSON Lines sink writes exactly JSON.stringify's lines, with a long hex spliced in as bytes.
import { PassThrough } from 'node:stream';
import type { SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { JsonLinesSink } from './event-sink.ts';

function event(seq: number, hex: string, code: string): SocketEvent {
  return {
    seq,
    t: 1.5,
    lab: 'programs',
    socket: 'pid 7 fd 3 "hex":""',
    role: 'client',
    op: 'recv',
    local: ['127.0.0.1', 5000],
    remote: ['127.0.0.1', 6000],
    size: hex.length / 2,
    hex,
    pid: 7,
    thread: 'MainThread',
    fd: 3,
    where: { file: '/home/ana/é.py', line: 4, code },
  };
}

describe('JsonLinesSink', () => {
  it('writes one JSON line per event, long hex and non-ASCII text exactly as JSON.stringify would', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (d: Buffer) => chunks.push(d));
    const sink = new JsonLinesSink(out);
    const events = [
      event(0, 'ff'.repeat(1024), 'data = conn.recv(1024)  # «bonjour» 💡'),
      event(1, '00010203', 'x = s.recv(4)'),
      event(2, '', 'print("hex":"")'),
      event(3, 'ab'.repeat(64), 'y = "\\u0000" "\t"'),
    ];
    for (const e of events) sink.push(e);
    sink.flush();
    sink.push(event(4, '41'.repeat(300), 'after the first batch'));
    sink.flush();
    await new Promise((r) => setImmediate(r));
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).toBe([...events, event(4, '41'.repeat(300), 'after the first batch')].map((e) => JSON.stringify(e) + '\n').join(''));
    // The events are the caller's again, untouched.
    expect(events[0]!.hex).toBe('ff'.repeat(1024));
  });

  it('a stream that hands its chunks on (a PassThrough read later) gets bytes no later batch overwrites', async () => {
    const out = new PassThrough();
    const sink = new JsonLinesSink(out);
    const events = Array.from({ length: 40 }, (_, i) => event(i, String(i % 10).repeat(2).repeat(5000), `line ${i}`));
    for (const e of events) {
      sink.push(e);
      // A batch a turn, each written before the reader reads anything.
      sink.flush();
      await new Promise((r) => setImmediate(r));
    }
    const chunks: Buffer[] = [];
    for (let c = out.read() as Buffer | null; c !== null; c = out.read() as Buffer | null) chunks.push(c);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(events.map((e) => JSON.stringify(e) + '\n').join(''));
  });
});
