import { describe, expect, it } from 'vitest';
import { MAX_TRACER_DEF_BYTES, MAX_TRACER_LINE } from './tracer.ts';
import { TracerStreamDecoder, type TracerItem } from './tracer-stream.ts';

const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((b) => parseInt(b, 16)));
const text = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
};

const common = '"pid":7,"thread":"MainThread","ns":1';
const recvHead = `{"k":"call","op":"recv","fd":4,"stream":true,"where":null,"local":null,"remote":null,"size":8,"arg":1024,${common},"bytes":8}\n`;
const closeLine = `{"k":"call","op":"close","fd":4,"stream":true,"where":null,"local":null,"remote":null,${common}}\n`;
// recv returned 00 00 00 1e 46 6f 75 72 ("\0\0\0\x1eFour"): the payload holds a newline-free
// header, and a second payload holds 0a (a newline) to show payloads are not lines.
const wire = cat(text(recvHead), hex('0000001e466f7572'), text(closeLine), text(recvHead.replace('"size":8', '"size":3').replace('"bytes":8', '"bytes":3')), hex('0a7b0a'));

function decodeAll(chunks: Uint8Array[]): TracerItem[] {
  const d = new TracerStreamDecoder();
  return chunks.flatMap((c) => d.push(c));
}

function summary(items: TracerItem[]) {
  return items.map((i) => (i.ok ? `${i.record.k === 'call' ? i.record.op : i.record.k}:${i.payload ? Buffer.from(i.payload).toString('hex') : '-'}` : `!${i.message}`));
}

describe('TracerStreamDecoder', () => {
  it('reads records and the raw bytes after them, split anywhere, even one byte at a time', () => {
    const expected = ['recv:0000001e466f7572', 'close:-', 'recv:0a7b0a'];
    expect(summary(decodeAll([wire]))).toEqual(expected);
    for (let cut = 1; cut < wire.length; cut++) {
      expect(summary(decodeAll([wire.subarray(0, cut), wire.subarray(cut)])), `cut at ${cut}`).toEqual(expected);
    }
    expect(summary(decodeAll([...wire].map((b) => Uint8Array.of(b))))).toEqual(expected);
  });

  it('skips a record it cannot use, with its payload, and carries on', () => {
    const bad = text(recvHead.replace('"op":"recv"', '"op":"teleport"'));
    const items = decodeAll([cat(bad, hex('0a0a0a0a0a0a0a0a'), text(closeLine))]);
    expect(summary(items)).toEqual([expect.stringMatching(/^!tracer record op: /), 'close:-']);
    expect(items[0]).toMatchObject({ ok: false, fatal: false });
  });

  it('stops a stream it cannot follow: a line that is not JSON, a hostile length, a line without end', () => {
    for (const hostile of [text('{"k":\n'), text(recvHead.replace('"bytes":8', '"bytes":99999999')), text(recvHead.replace('"bytes":8', '"bytes":-1'))]) {
      const items = decodeAll([hostile, text(closeLine)]);
      expect(items).toEqual([{ ok: false, fatal: true, message: expect.stringMatching(/its trace stops here$/) }]);
    }
    const endless = decodeAll([new Uint8Array(MAX_TRACER_LINE).fill(0x20), new Uint8Array(16).fill(0x20), text(closeLine)]);
    expect(endless).toEqual([{ ok: false, fatal: true, message: `a traced process sent a record over ${MAX_TRACER_LINE} bytes; its trace stops here` }]);
  });

  it('a call that moved no bytes (recv at EOF) has an empty payload', () => {
    const eof = text(recvHead.replace('"size":8', '"size":0').replace('"bytes":8', '"bytes":0'));
    const [item] = decodeAll([eof]);
    expect(item).toMatchObject({ ok: true, payload: new Uint8Array(0) });
  });
});

describe('TracerStreamDecoder: the short form', () => {
  const defs = text(
    '{"k":"def","id":0,"where":{"file":"/tmp/buffered_server.py","line":41,"code":"data = conn.recv(BUF_SIZE)"}}\n' +
      '{"k":"def","id":1,"thread":"MainThread"}\n' +
      '{"k":"def","id":2,"local":["127.0.0.1",65433],"remote":["127.0.0.1",50000]}\n',
  );
  // recv (op 2), stream + arg (flags 3), ESTABLISHED (1); fd 4, pid 7; where 0, thread 1,
  // addresses 2; ns 1, size 8, arg 1024; 0 bytes queued either way; 8 bytes of payload.
  const head = hex(
    '00020301' + '04000000' + '07000000' + '00000000' + '01000000' + '02000000' + '0100000000000000' + '0800000000000000' + '0004000000000000' + '00000000' + '00000000' + '08000000',
  );
  const payload = hex('0000001e466f7572');
  const recv = {
    k: 'call',
    op: 'recv',
    fd: 4,
    stream: true,
    where: { file: '/tmp/buffered_server.py', line: 41, code: 'data = conn.recv(BUF_SIZE)' },
    local: ['127.0.0.1', 65433],
    remote: ['127.0.0.1', 50000],
    size: 8,
    bytes: 8,
    arg: 1024,
    kernel: { state: 'ESTABLISHED', recvQueue: 0, sendQueue: 0 },
    pid: 7,
    thread: 'MainThread',
    ns: 1,
  };
  const stream = cat(defs, head, payload, text(closeLine));

  it('reads a binary head and its payload after def lines, as the JSON record would read, split anywhere', () => {
    const expected = [{ ok: true, record: recv, payload }, { ok: true, record: expect.objectContaining({ op: 'close' }) }];
    expect(decodeAll([stream])).toEqual(expected);
    for (let cut = 1; cut < stream.length; cut++) {
      expect(decodeAll([stream.subarray(0, cut), stream.subarray(cut)]), `cut at ${cut}`).toEqual(expected);
    }
    expect(decodeAll([...stream].map((b) => Uint8Array.of(b)))).toEqual(expected);
    // head.length is the protocol's: a change to the layout must change this test.
    expect(head.length).toBe(60);
  });

  it('a send with no arg and the kernel not read; a 64-bit ns and size', () => {
    const send = hex('00000400' + '05000000' + '07000000' + '00000000' + '01000000' + '02000000' + '00e40b5402000000' + '0000000001000000' + '0000000000000000' + '00000000' + '00000000' + '00000000');
    const [item] = decodeAll([defs, send]);
    expect(item).toEqual({
      ok: true,
      record: expect.objectContaining({ op: 'send', fd: 5, stream: false, ns: 10_000_000_000, size: 2 ** 32, bytes: 0, kernelSkipped: true }),
      payload: new Uint8Array(0),
    });
    expect(item!.ok && item!.record.k === 'call' && 'arg' in item!.record).toBe(false);
  });

  it('skips a head it cannot use, with its payload, and says why; carries on', () => {
    const bad = (at: number, byte: number) => {
      const h = head.slice();
      h[at] = byte;
      return h;
    };
    for (const [h, why] of [
      [bad(1, 9), /op 9 is not a short-form op/],
      [bad(3, 13), /TCP state 13/],
      [bad(12, 7), /never defined/],
      [bad(16, 0), /never defined/], // id 0 is a where, not a thread
    ] as const) {
      const items = decodeAll([defs, h, payload, text(closeLine)]);
      expect(summary(items)).toEqual([expect.stringMatching(why), 'close:-']);
      expect(items[0]).toMatchObject({ ok: false, fatal: false });
    }
    // A payload longer than a record may carry: nothing after it can be found.
    const hostile = head.slice();
    hostile.set(hex('ffffff7f'), 56);
    expect(decodeAll([defs, hostile, payload, text(closeLine)])).toEqual([{ ok: false, fatal: true, message: expect.stringMatching(/its trace stops here$/) }]);
  });

  it('a def that is not one is refused; defs past the budget are refused, and the calls that name them skipped', () => {
    expect(summary(decodeAll([text('{"k":"def","id":3,"where":7}\n'), text(closeLine)]))).toEqual([expect.stringMatching(/^!tracer def /), 'close:-']);
    const d = new TracerStreamDecoder();
    // Two-digit ids: each line is 60,030 bytes; 17 fit in the budget, the 18th (id 27) does not.
    const big = (id: number) => text(`{"k":"def","id":${id},"thread":"${'t'.repeat(60_000)}"}\n`);
    const said: TracerItem[] = [];
    for (let id = 10; id <= 27; id++) said.push(...d.push(big(id)));
    expect(Math.floor(MAX_TRACER_DEF_BYTES / 60_030)).toBe(17);
    expect(summary(said)).toEqual([`!a traced process defined over ${MAX_TRACER_DEF_BYTES} bytes of lines and addresses; its later calls that use them are skipped`]);
    const naming = (thread: number) => {
      const h = head.slice();
      new DataView(h.buffer).setUint32(16, thread, true);
      return h;
    };
    d.push(defs);
    expect(summary(d.push(cat(naming(26), payload, naming(27), payload)))).toEqual([`recv:0000001e466f7572`, expect.stringMatching(/never defined/)]);
  });
});
