// A failed test explained from the student's own process: the exception it raised (with its own
// line of buffered_server.py), or the recv that read past its frame, from the tracer's events.
// What the grader saw on the wire says what went wrong; this says where in their code, and
// `studentTrace` hands the page their calls around that place.
import { HEADER_BYTES, readHeader } from '@socket-lab/framing';
import type { SocketEvent, StudentTrace } from '@socket-lab/protocol';

/** The last traceback in `lines` as "ExcName: message at file.py:37 `code`", or null if none. */
export function lastTraceback(lines: string[], file: string): string | null {
  const start = lines.map((l) => l.startsWith('Traceback (most recent call last):')).lastIndexOf(true);
  if (start < 0) return null;
  const tb = lines.slice(start);
  const last = [...tb].reverse().find((l) => /^[\w.]+(: |$)/.test(l) && !l.startsWith('Traceback'));
  if (!last) return null;
  // The innermost frame in the student's file: where their code was when it raised.
  let where = '';
  for (const [i, l] of tb.entries()) {
    const m = /^ {2}File "(.*)", line (\d+), in /.exec(l);
    if (m && m[1]!.endsWith(`/${file}`)) where = ` at ${file}:${m[2]} \`${(tb[i + 1] ?? '').trim()}\``;
  }
  return `${last}${where}`;
}

const DATA_CALLS = new Set(['recv', 'recv_into', 'send', 'sendall']);
/** Events of a traced process that are not the program's socket calls. */
const NOT_CALLS = new Set(['output', 'start', 'exit', 'thread', 'fork']);

const inFile = (e: SocketEvent, file: string) => e.where?.file.endsWith(file) === true;

/** Where a server's recv read past what the frame needed: its event, how much it read and needed, and in which part. */
export interface OverRead {
  seq: number;
  read: number;
  needed: number;
  part: 'header' | 'payload';
}

/**
 * Follows the frames a server reads on each connection (4-byte big-endian header, then that many
 * bytes) and keeps the first recv that read past the end of the part it was in: bytes a recv
 * returns beyond what it needed must be kept for the next read, so this recv is where a server
 * that drops them goes wrong. Which recv does it depends on how the bytes arrived, never whether one does.
 */
export class FrameFollower {
  private readonly streams = new Map<string, { part: 'header' | 'payload'; need: number; header: number[] }>();
  // framing's FrameDecoder is not used: it reports frames, and this needs where each recv began and ended in them.
  first: OverRead | null = null;

  recv(socket: string, seq: number, data: Uint8Array): void {
    let s = this.streams.get(socket);
    if (!s) this.streams.set(socket, (s = { part: 'header', need: HEADER_BYTES, header: [] }));
    if (!this.first && data.length > s.need) this.first = { seq, read: data.length, needed: s.need, part: s.part };
    for (let i = 0; i < data.length; ) {
      const take = Math.min(s.need, data.length - i);
      if (s.part === 'header') s.header.push(...data.subarray(i, i + take));
      i += take;
      s.need -= take;
      if (s.need > 0) continue;
      if (s.part === 'header') {
        const n = readHeader(Uint8Array.from(s.header)).length;
        s.header = [];
        if (n > 0) Object.assign(s, { part: 'payload', need: n });
        else s.need = HEADER_BYTES;
      } else Object.assign(s, { part: 'header', need: HEADER_BYTES });
    }
  }
}

/** The over-read, said with the student's own line. */
export function readPastFrame(o: OverRead, events: SocketEvent[], file: string): string {
  const e = events.find((x) => x.seq === o.seq);
  const where = e?.where ? ` (${file}:${e.where.line} \`${e.where.code.trim()}\`)` : '';
  const needed = o.part === 'header' ? `${o.needed} more of the 4-byte header` : `${o.needed.toLocaleString('en')} more of the message`;
  return `your server's recv read ${o.read.toLocaleString('en')} bytes where the frame needed ${needed}${where}: a recv that reads past what it needs must keep the rest for the next read`;
}

/**
 * The student's last recv or send before the first traceback line (in everything, if none), else
 * their last call: where their code was when it went wrong. A close in their `finally:` runs after
 * the fault, so data calls come first.
 */
export function lastCallBeforeTraceback(events: SocketEvent[], file: string): number | null {
  const tb = events.findIndex((e) => e.op === 'output' && e.output?.text.startsWith('Traceback (most recent call last):'));
  const before = (tb < 0 ? events : events.slice(0, tb)).filter((e) => !NOT_CALLS.has(e.op) && inFile(e, file));
  return (before.findLast((e) => DATA_CALLS.has(e.op)) ?? before.at(-1))?.seq ?? null;
}

/** The student's first send or sendall: where a client's header was made. */
export function firstSend(events: SocketEvent[], file: string): number | null {
  return events.find((e) => (e.op === 'send' || e.op === 'sendall') && inFile(e, file))?.seq ?? null;
}

/** Events shown before and after the focus: enough to see how the program got there. */
const BEFORE = 30;
const AFTER = 10;
/** Lines the lab's harness prints to drive the student's code: not the student's output. */
const HARNESS_LINE = /^(started|start\(\) ended)$|^\{/;
/** The lab's harness that imports the student's module (serve_submission.py, client_submission.py): its own calls are not theirs. */
const HARNESS_FILE = /(^|\/)(serve|client)_submission\.py$/;

/** The student's calls and output around `focus` (a seq), or their last ones when there is none. */
export function studentTrace(all: SocketEvent[], file: string, focus: number | null): StudentTrace {
  const events = all.filter((e) => !(e.op === 'output' && HARNESS_LINE.test(e.output?.text ?? '')) && !HARNESS_FILE.test(e.where?.file ?? ''));
  const at = focus === null ? -1 : events.findIndex((e) => e.seq === focus);
  const window = at < 0 ? events.slice(-(BEFORE + AFTER)) : events.slice(Math.max(0, at - BEFORE), at + AFTER + 1);
  return { file, events: window, focus: at < 0 ? null : focus, total: events.length };
}

/** How many whole frames the server sent on its first connection before it closed it, and the close's seq. */
export function repliedThenClosed(events: SocketEvent[], file: string): { replies: number; seq: number } | null {
  const isSend = (e: SocketEvent) => e.op === 'sendall' || e.op === 'send';
  const mine = events.filter((e) => inFile(e, file) && (isSend(e) || e.op === 'close'));
  const conn = mine.find(isSend)?.socket;
  if (!conn) return null;
  const onConn = mine.filter((e) => e.socket === conn);
  const close = onConn.findIndex((e) => e.op === 'close');
  if (close < 0) return null;
  const sends = onConn.slice(0, close).filter(isSend);
  // Counted as messages only when each send was one whole frame (its header states the rest).
  const whole = (e: SocketEvent) => e.hex.length >= 2 * HEADER_BYTES && readHeader(Buffer.from(e.hex.slice(0, 2 * HEADER_BYTES), 'hex')).length + HEADER_BYTES === e.size;
  return sends.length > 0 && sends.every(whole) ? { replies: sends.length, seq: onConn[close]!.seq } : null;
}
