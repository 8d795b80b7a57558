import { describe, expect, it } from 'vitest';
import { diagnoseReply } from './diagnose.ts';

const SEED = 'Four score and seven years ago';
const bytes = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('diagnoseReply', () => {
  it("passes the seed's reply [20][ and seven years ago]", () => {
    expect(diagnoseReply(SEED, { kind: 'frame', length: 20, payload: utf8(' and seven years ago') })).toEqual({ ok: true });
  });

  it('spots a little-endian header from the claimed length', () => {
    // 14 00 00 00 read big-endian is 335544320: over any max frame, so the decoder refused it.
    expect(diagnoseReply(SEED, { kind: 'too-large', claimed: 0x14000000, littleEndian: 20, max: 1048576 })).toEqual({
      ok: false,
      detail: 'length header looks little-endian: expected 00 00 00 14, got 14 00 00 00',
    });
  });

  it('spots bytes removed instead of characters', () => {
    const sent = 'héllo wörld ✓ again';
    const got = utf8(sent).subarray(10);
    const v = diagnoseReply(sent, { kind: 'frame', length: got.length, payload: got });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.detail).toMatch(/^reply removed the first 10 bytes, not the first 10 characters: expected \[\d+\] "d ✓ again", got/);
  });

  it('spots a header that counts characters', () => {
    // 'héllo wörld ✓'[10:] is 'd ✓': 3 characters, 5 bytes.
    const v = diagnoseReply('héllo wörld ✓', { kind: 'frame', length: 3, payload: bytes('64 20 e2') });
    expect(v).toEqual({ ok: false, detail: 'length header counts characters (3), not bytes (5)' });
  });

  it('spots an echo that removed nothing', () => {
    expect(diagnoseReply(SEED, { kind: 'frame', length: 30, payload: utf8(SEED) })).toEqual({
      ok: false,
      detail: 'reply is the whole message: the first 10 characters were not removed',
    });
  });

  it('names the first differing byte otherwise', () => {
    expect(diagnoseReply(SEED, { kind: 'frame', length: 20, payload: utf8(' AND seven years ago') })).toEqual({
      ok: false,
      detail: 'reply differs from byte 1: expected [20] " and seven years ago", got [20] " AND seven years ago"',
    });
  });

  it('reports invalid UTF-8 in the reply as Python would', () => {
    const v = diagnoseReply('0123456789AB', { kind: 'frame', length: 2, payload: bytes('41 ff') });
    expect(v).toEqual({ ok: false, detail: "reply payload is not valid UTF-8: 'utf-8' codec can't decode byte 0xff in position 1: invalid start byte" });
  });

  it('tells a server that closes after one message from one that never answers', () => {
    expect(diagnoseReply(SEED, { kind: 'closed', partial: null }, 1)).toEqual({ ok: false, detail: 'server closed the connection after 1 message' });
    expect(diagnoseReply(SEED, { kind: 'closed', partial: null }, 0)).toEqual({ ok: false, detail: "server closed the connection before replying (recv returned b'')" });
    expect(diagnoseReply(SEED, { kind: 'timeout', seconds: 2, partial: null })).toEqual({ ok: false, detail: 'no reply within 2 s' });
  });

  it('names a reset for what it is', () => {
    expect(diagnoseReply(SEED, { kind: 'error', name: 'ConnectionResetError', message: '[Errno 104] Connection reset by peer' }, 2)).toEqual({
      ok: false,
      detail: 'server reset the connection after 2 messages (ConnectionResetError: [Errno 104] Connection reset by peer)',
    });
  });

  it('explains a stall when the header still states the original length', () => {
    expect(diagnoseReply(SEED, { kind: 'timeout', seconds: 2, partial: { stage: 'payload', got: 20, of: 30 } })).toEqual({
      ok: false,
      detail: "no reply within 2 s: incomplete frame: got 20 of 30 bytes (the length header states the original message's 30 bytes, not the reply's 20)",
    });
  });
});
