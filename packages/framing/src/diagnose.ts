// Why a server's reply to one message is wrong, in words a student can act on.
import { describeIncomplete, type Incomplete } from './decoder.ts';
import { decodeUtf8, describeUtf8Error } from './utf8.ts';
import { charCount, dropFirstChars } from './truncate.ts';

/** How the grader's receive_message() ended. */
export type ReplyOutcome =
  | { kind: 'frame'; length: number; payload: Uint8Array }
  | { kind: 'too-large'; claimed: number; littleEndian: number; max: number }
  | { kind: 'closed'; partial: Incomplete | null }
  | { kind: 'timeout'; seconds: number; partial: Incomplete | null }
  | { kind: 'error'; name: string; message: string };

export type Verdict = { ok: true } | { ok: false; detail: string };

const utf8 = (s: string) => new TextEncoder().encode(s);
const spaced = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
const be32 = (n: number) => Uint8Array.from([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function show(b: Uint8Array): string {
  const r = decodeUtf8(b.subarray(0, 60));
  const body = r.ok ? JSON.stringify(r.text) : `bytes ${spaced(b.subarray(0, 24))}`;
  return `[${b.length}] ${body}${b.length > 60 ? '…' : ''}`;
}

/** `1 message`, `3 messages`: how many a connection answered, as every verdict says it. */
export const messages = (n: number) => `${n} message${n === 1 ? '' : 's'}`;

/**
 * Judges the reply to `sent` against seed 004's rule (`[len][payload[10:]]`, length in bytes,
 * big-endian). `before` is how many messages this connection already answered.
 * @example diagnoseReply('Four score and seven years ago', { kind: 'closed', partial: null }, 1)
 *   // { ok: false, detail: 'server closed the connection after 1 message' }
 */
export function diagnoseReply(sent: string, outcome: ReplyOutcome, before = 0): Verdict {
  const expectedText = dropFirstChars(sent);
  const expected = utf8(expectedText);
  const sentBytes = utf8(sent);
  switch (outcome.kind) {
    case 'frame': {
      const got = outcome.payload;
      if (equal(got, expected)) return { ok: true };
      const chars = charCount(expectedText);
      if (outcome.length === chars && chars !== expected.length) {
        return { ok: false, detail: `length header counts characters (${chars}), not bytes (${expected.length})` };
      }
      if (equal(got, sentBytes)) return { ok: false, detail: 'reply is the whole message: the first 10 characters were not removed' };
      if (equal(got, sentBytes.subarray(10))) {
        return { ok: false, detail: `reply removed the first 10 bytes, not the first 10 characters: expected ${show(expected)}, got ${show(got)}` };
      }
      const text = decodeUtf8(got);
      if (!text.ok) return { ok: false, detail: `reply payload is not valid UTF-8: ${describeUtf8Error(text)}` };
      let at = 0;
      while (at < got.length && at < expected.length && got[at] === expected[at]) at++;
      return { ok: false, detail: `reply differs from byte ${at}: expected ${show(expected)}, got ${show(got)}` };
    }
    case 'too-large':
      if (outcome.littleEndian === expected.length) {
        return {
          ok: false,
          detail: `length header looks little-endian: expected ${spaced(be32(expected.length))}, got ${spaced(be32(outcome.claimed))}`,
        };
      }
      return {
        ok: false,
        detail: `reply header claims ${outcome.claimed} bytes (${spaced(be32(outcome.claimed))}), over the ${outcome.max}-byte limit; expected ${expected.length} (${spaced(be32(expected.length))})`,
      };
    case 'closed':
      if (outcome.partial) return { ok: false, detail: `${describeIncomplete(outcome.partial)}, then the server closed the connection${wholeLengthHint(outcome.partial, sentBytes, expected)}` };
      return {
        ok: false,
        detail: before > 0 ? `server closed the connection after ${messages(before)}` : "server closed the connection before replying (recv returned b'')",
      };
    case 'timeout':
      return {
        ok: false,
        detail: `no reply within ${outcome.seconds} s${outcome.partial ? `: ${describeIncomplete(outcome.partial)}${wholeLengthHint(outcome.partial, sentBytes, expected)}` : ''}`,
      };
    case 'error':
      if (outcome.name === 'ConnectionResetError') {
        const when = before > 0 ? `after ${messages(before)}` : 'before replying';
        return { ok: false, detail: `server reset the connection ${when} (ConnectionResetError: ${outcome.message})` };
      }
      return { ok: false, detail: `${outcome.name}: ${outcome.message}` };
  }
}

/** A reply whose header still states the original length stalls: say so when that fits. */
function wholeLengthHint(partial: Incomplete, sent: Uint8Array, expected: Uint8Array): string {
  return partial.stage === 'payload' && partial.of === sent.length && partial.got === expected.length
    ? ` (the length header states the original message's ${sent.length} bytes, not the reply's ${expected.length})`
    : '';
}
