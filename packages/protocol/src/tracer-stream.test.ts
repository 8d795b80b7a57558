import { describe, expect, it } from 'vitest';
import { MAX_TRACER_LINE } from './tracer.ts';
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
