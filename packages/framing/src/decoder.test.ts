import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDecoder, describeIncomplete, type FrameStep } from './decoder.ts';
import { encodeFrame } from './encoder.ts';

const bytes = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const completes = (steps: FrameStep[]) => steps.flatMap((s) => (s.kind === 'complete' ? [text(s.payload)] : []));

const SEED = '0000001e 466f75722073636f726520616e6420736576656e2079656172732061676f';

describe('FrameDecoder', () => {
  it('decodes the seed frame in one read', () => {
    const steps = new FrameDecoder().push(bytes(SEED));
    expect(steps.map((s) => s.kind)).toEqual(['header', 'payload', 'complete']);
    expect(steps[0]).toEqual({ kind: 'header', length: 30, littleEndian: 503316480 });
    expect(steps[1]).toEqual({ kind: 'payload', got: 30, of: 30 });
    expect(completes(steps)).toEqual(['Four score and seven years ago']);
  });

  it('reports the payload filling chunk by chunk with recv(4)', () => {
    const d = new FrameDecoder();
    const all = bytes(SEED);
    const progress: string[] = [];
    for (let at = 0; at < all.length; at += 4) {
      for (const s of d.push(all.subarray(at, at + 4))) {
        if (s.kind === 'payload') progress.push(`${s.got}/${s.of}`);
        if (s.kind === 'complete') progress.push('complete');
      }
    }
    expect(progress).toEqual(['4/30', '8/30', '12/30', '16/30', '20/30', '24/30', '28/30', '30/30', 'complete']);
  });

  it('assembles a header split across reads', () => {
    const d = new FrameDecoder();
    expect(d.push(bytes('0000'))).toEqual([{ kind: 'header-partial', got: 2 }]);
    expect(d.push(bytes('00'))).toEqual([{ kind: 'header-partial', got: 3 }]);
    const steps = d.push(bytes('05 68656c6c6f'));
    expect(completes(steps)).toEqual(['hello']);
  });

  it('hands over the end of one frame and the start of the next from one read', () => {
    const d = new FrameDecoder();
    d.push(bytes('00000003 6162'));
    const steps = d.push(bytes('63 00000002 78'));
    expect(steps.map((s) => s.kind)).toEqual(['payload', 'complete', 'header', 'payload']);
    expect(completes(steps)).toEqual(['abc']);
    expect(steps[3]).toEqual({ kind: 'payload', got: 1, of: 2 });
    expect(d.buffered).toBe(5);
  });

  it('completes an empty payload at once, and an exactly-10-character one', () => {
    expect(completes(new FrameDecoder().push(bytes('00000000')))).toEqual(['']);
    expect(completes(new FrameDecoder().push(bytes('0000000a 30313233343536373839')))).toEqual(['0123456789']);
  });

  it('refuses ff ff ff ff as too large without allocating, then refuses everything', () => {
    const d = new FrameDecoder();
    const before = process.memoryUsage().heapUsed;
    const steps = d.push(bytes('ffffffff 41414141'));
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(1024 * 1024);
    expect(steps).toEqual([
      { kind: 'header', length: 4294967295, littleEndian: 4294967295 },
      { kind: 'too-large', claimed: 4294967295, max: 1024 * 1024 },
    ]);
    expect(d.push(bytes('00000001 41'))).toEqual([]);
    expect(d.end()).toBeNull();
  });

  it('honours a raised max frame', () => {
    const d = new FrameDecoder(2 * 1024 * 1024);
    expect(d.push(bytes('00180000')).map((s) => s.kind)).toEqual(['header']); // 1.5 MiB
  });

  it('says how much of a frame was cut off by EOF', () => {
    const d = new FrameDecoder();
    d.push(bytes('0000001e 466f7572'));
    expect(d.end()).toEqual({ stage: 'payload', got: 4, of: 30 });
    expect(describeIncomplete(d.end()!)).toBe('incomplete frame: got 4 of 30 bytes');
    const h = new FrameDecoder();
    h.push(bytes('0000'));
    expect(describeIncomplete(h.end()!)).toBe('incomplete frame: got 2 of 4 header bytes');
    expect(new FrameDecoder().end()).toBeNull();
  });

  it('decodes any payloads however the stream is split (1-byte reads included)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 50 }),
        fc.boolean(),
        (payloads, cuts, oneByte) => {
          const stream = Buffer.concat(payloads.map((p) => encodeFrame(p)));
          const d = new FrameDecoder();
          const out: string[] = [];
          let at = 0;
          let i = 0;
          while (at < stream.length) {
            const n = oneByte ? 1 : cuts[i++ % cuts.length]!;
            for (const s of d.push(stream.subarray(at, at + n))) if (s.kind === 'complete') out.push(Buffer.from(s.payload).toString('hex'));
            at += n;
          }
          expect(out).toEqual(payloads.map((p) => Buffer.from(p).toString('hex')));
          expect(d.end()).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
});
