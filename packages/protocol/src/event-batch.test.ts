import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEventBatch, EventBatchEncoder } from './event-batch.ts';
import { LAB_IDS, opSchema, roleSchema, socketEventSchema, type SocketEvent } from './events.ts';
import { parseServerMessage } from './messages.ts';

const hex = (s: string) => Uint8Array.from(s.replace(/\s+/g, '').match(/../g)!.map((b) => parseInt(b, 16)));
const recv: SocketEvent = { seq: 9, t: 15.625, lab: 'tcp-echo', socket: 'peer-1', role: 'peer', op: 'recv', local: ['127.0.0.1', 65432], remote: ['127.0.0.1', 57937], size: 4, hex: '48656c6c', arg: 4 };
// A forked server child's sendall, with its line and the kernel's view (the fields a traced program adds).
const traced: SocketEvent = { ...recv, lab: 'programs', socket: 'pid 4243 fd 5', op: 'sendall', arg: undefined, pid: 4243, thread: 'MainThread', fd: 5 };
traced.where = { file: '/tmp/forking_server.py', line: 18, code: 'conn.sendall(data)' };
traced.kernel = { state: 'CLOSE_WAIT', recvQueue: 0, sendQueue: 4 };

/** What the JSON form of the same batch gives the page. */
const viaJson = (events: SocketEvent[], dropped: number) => {
  const parsed = parseServerMessage(JSON.stringify({ type: 'events', events, dropped }));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};

describe('binary event batches', () => {
  it('decodes literal bytes: one recv of "Hell" with bufsize 4', () => {
    const tail = '{"s":["peer-1"],"a":[["127.0.0.1",65432],["127.0.0.1",57937]],"x":[]}';
    const bytes = hex(`
      53 4c 45 32  01 00 00 00  00 00 00 00 00 00 00 00  08 00 00 00  ${tail.length.toString(16)} 00 00 00  00 00 00 00 00 00 00 00
      00 00 00 00 00 00 22 40  00 00 00 00 00 40 2f 40  00 00 00 00 00 00 10 40  00 00 00 00 00 00 00 00  00 00 00 00 00 00 10 40
      00 02 06 02  00 00 00 00  00 00 00 00  01 00 00 00  08 00 00 00  ff ff ff ff
      34 38 36 35 36 63 36 63
      ${Buffer.from(tail).toString('hex')}`);
    const decoded = decodeEventBatch(bytes);
    expect(decoded).toEqual({ ok: true, value: { type: 'events', events: [recv], dropped: 0 } });
    // The encoder writes exactly these bytes.
    expect(Buffer.from(new EventBatchEncoder().encode([recv], 0)).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
  });

  it('gives the page the same events as the JSON form: fixed fields, a traced call, errors, prints, a cut payload', () => {
    const events: SocketEvent[] = [
      recv,
      traced,
      { ...recv, seq: 10, op: 'connect', role: 'client', size: 0, hex: '', arg: undefined, error: { name: 'ConnectionRefusedError', message: '[Errno 111] Connection refused', errno: 111 } },
      { ...recv, seq: 11, lab: 'programs', socket: 'pid 4242', role: 'program', op: 'output', local: null, remote: null, size: 0, hex: '', pid: 4242, output: { stream: 'stdout', text: 'héllo 😀' } },
      { ...recv, seq: 12, size: 70000, hex: 'ff'.repeat(256), truncated: true, kept: 65536 },
      { ...recv, seq: 13, frame: { kind: 'header', bytes: 4, length: 30 } },
      { ...recv, seq: 14, hex: 'ABCD' },
    ];
    const round = decodeEventBatch(new EventBatchEncoder().encode(events, 3));
    expect(round).toEqual({ ok: true, value: viaJson(events, 3) });
  });

  it('round-trips any valid events, batch after batch with one encoder', () => {
    const address = fc.option(fc.tuple(fc.constantFrom('127.0.0.1', '::1', 'localhost'), fc.integer({ min: 0, max: 65535 })), { nil: null });
    const event = fc.record(
      {
        seq: fc.nat(),
        t: fc.double({ min: 0, max: 1e9, noNaN: true }),
        lab: fc.constantFrom(...LAB_IDS),
        socket: fc.string(),
        role: fc.constantFrom(...roleSchema.options),
        op: fc.constantFrom(...opSchema.options),
        local: address,
        remote: address,
        size: fc.nat(),
        hex: fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('hex')),
        truncated: fc.boolean(),
        kept: fc.nat(),
        arg: fc.integer(),
        pid: fc.nat(),
        thread: fc.string(),
        kernelSkipped: fc.constant(true as const),
      },
      { requiredKeys: ['seq', 't', 'lab', 'socket', 'role', 'op', 'local', 'remote', 'size', 'hex'] },
    );
    const encoder = new EventBatchEncoder();
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), fc.nat(), (events, dropped) => {
        const valid = events.filter((e) => socketEventSchema.safeParse(e).success) as SocketEvent[];
        expect(decodeEventBatch(encoder.encode(valid, dropped))).toEqual({ ok: true, value: viaJson(valid, dropped) });
      }),
    );
  });

  it('grows its buffer for a batch larger than it has held, records and text alike', () => {
    const encoder = new EventBatchEncoder();
    for (const [count, bytes] of [[10, 10], [3000, 1], [3000, 256], [5, 65536]] as const) {
      const events = Array.from({ length: count }, (_, i) => ({ ...traced, seq: i, size: bytes, hex: 'a5'.repeat(bytes) }));
      expect(decodeEventBatch(encoder.encode(events, count))).toEqual({ ok: true, value: viaJson(events, count) });
    }
  });

  it('refuses what is not a batch, naming what is wrong', () => {
    const good = new EventBatchEncoder().encode([recv, traced], 0);
    const bad = (bytes: Uint8Array) => {
      const r = decodeEventBatch(bytes);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.message;
    };
    expect(bad(good.slice(0, 10))).toMatch(/shorter than its header/);
    expect(bad(Uint8Array.from([...good.slice(0, 3), 0x31, ...good.slice(4)]))).toMatch(/does not start with "SLE2"/);
    // Every cut of a good batch is refused, never read past its end.
    for (let n = 32; n < good.length; n++) expect(bad(good.slice(0, n))).toMatch(/cut off or padded/);
    const wrongLab = good.slice();
    wrongLab[32 + 40] = 200;
    expect(bad(wrongLab)).toMatch(/event 0 names lab #200/);
    // Other fields that are not JSON (a byte of the traced call's JSON changed).
    const withExtra = new EventBatchEncoder().encode([traced], 0);
    const brace = Buffer.from(withExtra).indexOf('"x":[{') + 5;
    const broken = withExtra.slice();
    broken[brace] = 0x5b;
    expect(bad(broken)).toMatch(/not a valid binary event batch: .*JSON/);
    // A string ref past the strings; hex that belongs to no event.
    const pastStrings = good.slice();
    pastStrings[32 + 44] = 9;
    expect(bad(pastStrings)).toMatch(/event 0 names string 9 of 2/);
    const shortHex = good.slice();
    shortHex[32 + 56] = shortHex[32 + 56]! - 1;
    expect(bad(shortHex)).toMatch(/belong to no event/);
    // An extra field the schema refuses (a negative fd) is refused as in JSON.
    const negative = new EventBatchEncoder().encode([{ ...traced, fd: -1.5 }], 0);
    expect(bad(negative)).toMatch(/event 0: fd/);
  });
});
