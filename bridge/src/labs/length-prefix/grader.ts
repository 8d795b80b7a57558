// Seed 004 §3's test cases, run against any loopback server; each failure says why, byte by byte.
import net from 'node:net';
import type { GradeReport, GradeTest, PyError } from '@socket-lab/protocol';
import { diagnoseReply, encodeFrame, messages, type Verdict } from '@socket-lab/framing';
import { formatPyError } from '../../python-errors.ts';
import type { Call } from '../../recorder.ts';
import { BufferedClient } from './buffered-client.ts';
import { peerHasRead } from './peer-read.ts';

export interface GradeOptions {
  host: string;
  port: number;
  bufsize: number;
  maxFrame: number;
  /** Seconds to wait for each reply before calling it missing. */
  replyTimeoutMs?: number;
  /**
   * Sets keep_running = False on the server (only a server the grader started offers it); resolves
   * once it is set, so the messages that follow are sent after it, never racing it.
   */
  stopServer?: () => void | Promise<void>;
  record?: (call: Call) => void;
  nextId?: () => string;
  /** Only these tests (by name), e.g. one test per fresh server process. */
  only?: string[];
  /**
   * Probe the server at the first failure (default). A caller that runs each test on a fresh
   * server probes a fresh one itself (probeServer): a failed test can leave a server dead.
   */
  probe?: boolean;
  /** Told when a test's verdict is known, before its clients close (a close can change what a server does next). */
  verdict?: (name: string, ok: boolean | null) => void;
  /** Told as each test starts (`report` holds the tests done so far), for a page to show progress. */
  progress?: (current: string, index: number, total: number, report: GradeReport) => void;
}

const REPLY_TIMEOUT_MS = 2000;
/**
 * More time for the first reply byte per recv(BUF_SIZE) the server needs to read the message: a
 * traced Python server on a busy machine reads 663,584 characters (649 reads at 1024) in seconds.
 * Capped, as the wait restarts with each byte of the reply (receiveMessage): only a server that
 * stops sending waits it out.
 */
const MS_PER_READ = 20;
const MAX_READ_ALLOWANCE_MS = 30_000;
/** The assignment's autograder's sizes: a long message of 650,000 characters, and 1,500 three times. */
// 663,584 is 0x000a2020: read as a 2-byte header ('!H') it is 10, and the bytes a '!H' server
// then reads are ASCII, so such a server keeps running (to be probed) instead of dying on a decode.
export const LONG_CHARS = 0x000a2020;
export const SERIES_CHARS = 1_500;

/** Deterministic text of `n` characters, tagged so replies of different tests never match. */
/** The extra case: characters of two and three bytes, so bytes and characters differ (47 bytes, 33 characters). */
export const MULTIBYTE = 'héllo wörld ✓ — ünïcödé ✓ déjà vu';

export function messageOf(tag: string, n: number): string {
  const words = 'the quick brown fox jumps over the lazy dog while packets queue in the kernel buffer ';
  let s = `${tag}: `;
  while (s.length < n) s += words;
  return s.slice(0, n);
}

type Test = { name: string; run(t: Session): Promise<Verdict> };

/** One test's clients, and what they sent and got. */
class Session {
  readonly clients: BufferedClient[] = [];
  constructor(private readonly o: GradeOptions) {}

  async client(): Promise<BufferedClient> {
    const c = await BufferedClient.connect(this.o.host, this.o.port, {
      record: this.o.record ?? (() => {}),
      bufsize: () => this.o.bufsize,
      maxFrame: this.o.maxFrame,
      id: this.o.nextId?.() ?? 'grader',
    });
    this.clients.push(c);
    return c;
  }

  /** send_message then receive_message, judged. */
  async exchange(c: BufferedClient, text: string, before: number): Promise<Verdict> {
    const sendError = await c.sendMessage(text);
    if (sendError) return failSend(sendError, before);
    return this.receive(c, text, before);
  }

  async receive(c: BufferedClient, text: string, before: number): Promise<Verdict> {
    const reads = Math.ceil(Buffer.byteLength(text) / this.o.bufsize);
    const r = await c.receiveMessage((this.o.replyTimeoutMs ?? REPLY_TIMEOUT_MS) + Math.min(reads * MS_PER_READ, MAX_READ_ALLOWANCE_MS));
    return diagnoseReply(text, r.outcome, before);
  }

  get stopServer(): (() => void | Promise<void>) | undefined {
    return this.o.stopServer;
  }
}

function failSend(e: PyError, before: number): Verdict {
  const answered = messages(before);
  // A server that hung up after replying is said the same whether the next send or the next recv met it.
  if (before > 0 && (e.name === 'ConnectionResetError' || e.name === 'BrokenPipeError')) {
    return { ok: false, detail: `server ${e.name === 'BrokenPipeError' ? 'closed' : 'reset'} the connection after ${answered} (send_message raised ${formatPyError(e)})` };
  }
  return { ok: false, detail: `send_message failed after ${answered}: ${formatPyError(e)}` };
}

const ORDINALS = ['first', 'second', 'third'];

/** Runs `steps` in order and stops at the first failure, naming which message failed. */
async function all(steps: Array<() => Promise<Verdict>>, label: (i: number) => string): Promise<Verdict> {
  for (let i = 0; i < steps.length; i++) {
    const v = await steps[i]!();
    if (!v.ok) return { ok: false, detail: `${label(i)}: ${v.detail}` };
  }
  return { ok: true };
}

/** The frames of `texts` back to back, as one stream of bytes. */
const frames = (texts: string[]) => Buffer.concat(texts.map((m) => encodeFrame(Buffer.from(m, 'utf8'))));

/**
 * Sends `bytes` in pieces cut at `cuts` (stream offsets), each its own sendall: a frame's header
 * arriving in parts is what a buffered server must handle.
 */
async function sendInPieces(c: BufferedClient, bytes: Uint8Array, cuts: number[]): Promise<PyError | null> {
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    const e = await c.sendRaw(bytes.subarray(at, cut));
    if (e) return e;
    at = cut;
    // Each piece alone in the server's queue: its recv returns what one piece brought, every run.
    if (at < bytes.length) await peerHasRead(c.local, c.remote);
  }
  return null;
}

const STOPPED = 'the server stopped after an earlier test (a server must go back to accept() after each client, until keep_running is False)';
const NEW_CLIENT = 'client disconnects, new client connects';
const STOPPED_AFTER_FIRST = 'the server stopped after its first client (a server must go back to accept() after each client, until keep_running is False)';

/** After a send failed: the replies' own reason if they name one (a server that stopped after a message), else the send's. */
function sentSome(v: Verdict, sendFailed: string): Verdict {
  return !v.ok && / after \d+ messages?\b/.test(v.detail) ? v : { ok: false, detail: sendFailed };
}

function tests(bufsize: number): Test[] {
  const short = messageOf('short', Math.max(11, Math.min(32, bufsize - 1)));
  // 1,245 at the assignment's 1,024: slightly more than one buffer.
  const medium = messageOf('medium', bufsize + Math.max(10, Math.round(bufsize * 0.216)));
  // More than 65,535 bytes: a 2-byte ('!H') header cannot state it.
  const long = messageOf('long', LONG_CHARS);
  const three = [1, 2, 3].map((i) => messageOf(`message ${i}`, SERIES_CHARS));
  const ordinal = (i: number) => `${ORDINALS[i]} message`;
  const replies = (t: Session, c: BufferedClient) => all(three.map((m, i) => () => t.receive(c, m, i)), (i) => `reply to the ${ordinal(i)}`);
  return [
    { name: 'short message', run: async (t) => t.exchange(await t.client(), short, 0) },
    { name: 'medium message', run: async (t) => t.exchange(await t.client(), medium, 0) },
    { name: 'long message', run: async (t) => t.exchange(await t.client(), long, 0) },
    {
      name: 'three messages in series',
      run: async (t) => {
        const c = await t.client();
        return all(three.map((m, i) => () => t.exchange(c, m, i)), ordinal);
      },
    },
    {
      // All three frames in one sendall, so the server's recv always finds the next frame's bytes
      // behind the first: reading past a frame's end fails every run, not by luck of timing.
      name: 'three messages in parallel',
      run: async (t) => {
        const c = await t.client();
        const e = await c.sendRaw(frames(three));
        if (e) return sentSome(await replies(t, c), `sending the three messages: ${formatPyError(e)}`);
        const v = await replies(t, c);
        // A server that hangs up after one message already has its diagnosis; the hint is for the rest.
        const hint = !v.ok && /^reply to the (second|third)/.test(v.detail) && !/ after 1 message/.test(v.detail);
        return !hint ? v : { ok: false, detail: `${v.detail} (the three frames came in one sendall: a server whose recv reads past the first frame's end loses the next frame's header)` };
      },
    },
    {
      // The same three, cut inside each header: the first header one byte per send.
      name: 'three messages split inside their headers',
      run: async (t) => {
        const c = await t.client();
        const bytes = frames(three);
        const one = 4 + Buffer.byteLength(three[0]!);
        const two = one + 4 + Buffer.byteLength(three[1]!);
        const e = await sendInPieces(c, bytes, [1, 2, 3, 4, one + 2, one + 900, two + 3]);
        // A server that hung up after its first reply may reset the rest of the pieces: what it
        // replied before says why, the same whether the reset met a send or a recv.
        if (e) return sentSome(await replies(t, c), `sending the pieces: ${formatPyError(e)}`);
        return replies(t, c);
      },
    },
    {
      name: 'multibyte UTF-8 message (extra: bytes vs characters)',
      run: async (t) => t.exchange(await t.client(), MULTIBYTE, 0),
    },
    {
      name: NEW_CLIENT,
      run: async (t) => {
        const first = await t.client();
        const v = await t.exchange(first, short, 0);
        if (!v.ok) return { ok: false, detail: `first client: ${v.detail}` };
        first.shutdown();
        const second = await t.client().catch((e: PyError) => e);
        if (!(second instanceof BufferedClient)) {
          // Whether the server stopped is asked after the test, as for every test (see grade()).
          return { ok: false, detail: `the new client cannot connect (${formatPyError(second)})` };
        }
        const w = await t.exchange(second, messageOf('second client', 30), 0);
        if (w.ok) return w;
        const silent = /^no reply within/.test(w.detail) && second.received.length === 0;
        return { ok: false, detail: `new client: ${w.detail}${silent ? ' (the kernel accepted it, but the server never answered: is it still in the first client\u2019s loop, or does it never return to accept()?)' : ''}` };
      },
    },
    // Last, because it stops the server.
    {
      name: 'server shuts down',
      run: async (t) => {
        const stop = t.stopServer;
        if (!stop) throw new NotRun('the grader cannot set keep_running = False on a server it did not start; run this test against the lab\u2019s own server');
        const c = await t.client();
        const first = await t.exchange(c, short, 0);
        if (!first.ok) return { ok: false, detail: `before the shutdown: ${first.detail}` };
        await stop();
        // A server checks keep_running between messages: the one it was already waiting for may
        // still be answered. After that its loops end and the connection closes.
        for (let i = 1; i <= 5; i++) {
          if (await c.sendMessage(messageOf(`after stop ${i}`, 20))) return { ok: true };
          if (!(await c.receiveMessage(REPLY_TIMEOUT_MS)).ok) return { ok: true };
        }
        return { ok: false, detail: 'the server answered five messages after keep_running was set to False: its loops must check keep_running' };
      },
    },
  ];
}

class NotRun extends Error {}

/** Every test's name, in the order they run (the shutdown test last). */
export const TEST_NAMES: readonly string[] = tests(1024).map((t) => t.name);

/** Runs every test in order, each on fresh connections; never throws for a misbehaving server. */
export async function grade(o: GradeOptions): Promise<GradeReport> {
  const results: GradeTest[] = [];
  // Probed once, at the first failure, while the server still runs (before the shutdown test).
  let probed: Promise<string | null> | null = null;
  let connected = false;
  const chosen = tests(o.bufsize).filter((t) => !o.only || o.only.includes(t.name));
  for (const [index, test] of chosen.entries()) {
    o.progress?.(test.name, index, chosen.length, reportOf(o, results));
    const session = new Session(o);
    let ok: boolean | null;
    let detail: string;
    try {
      const v = await test.run(session);
      ok = v.ok;
      detail = v.ok ? 'passed' : v.detail;
    } catch (err) {
      ok = err instanceof NotRun ? null : false;
      detail = err instanceof NotRun ? `not run: ${err.message}` : describeThrown(err, o, connected);
    } finally {
      o.verdict?.(test.name, ok!);
      for (const c of session.clients) c.shutdown();
    }
    connected ||= session.clients.length > 0;
    if (ok === false && test.name !== 'server shuts down') {
      // A server that served earlier tests and now refuses connections has stopped: said the
      // same whether this test's client met its closing listener (a reset) or none (refused).
      if (connected && !(await accepts(o))) detail = `${detail.replace(/: the server stopped after .*$/, '')}: ${test.name === NEW_CLIENT ? STOPPED_AFTER_FIRST : STOPPED}`;
      else if (o.probe !== false) {
        probed ??= probeServer(o);
        const why = await probed;
        if (why) detail += `. ${why}`;
      }
    }
    results.push({
      name: test.name,
      ok,
      detail,
      sent: session.clients.flatMap((c) => c.sent.map(hex)),
      received: session.clients.flatMap((c) => c.received.map(hex)),
    });
  }
  return reportOf(o, results);
}

function reportOf(o: GradeOptions, results: GradeTest[]): GradeReport {
  return {
    target: `${o.host}:${o.port}`,
    bufsize: o.bufsize,
    passed: results.filter((r) => r.ok === true).length,
    failed: results.filter((r) => r.ok === false).length,
    skipped: results.filter((r) => r.ok === null).length,
    tests: [...results],
  };
}


/** Whether the server still accepts a connection (a connect, closed at once). */
function accepts(o: GradeOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: o.host, port: o.port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => (s.destroy(), resolve(false)));
  });
}

/** How long a probe waits for any byte back. */
const PROBE_MS = 1500;

/**
 * Frames a correct server never answers (it waits for megabytes that never come) but a server
 * with one typical mistake answers at once: each reply names that mistake.
 */
const PROBES: Array<{ bytes: Buffer; finding: string }> = [
  {
    bytes: Buffer.concat([Buffer.from([0x0c, 0, 0, 0]), Buffer.from('probe: hello')]),
    finding:
      "Probe: a frame whose header is 0c 00 00 00 (12 read little-endian, 201,326,592 big-endian) got a reply, so your server reads the length header little-endian (struct '<I' or '=I'); the assignment's header is big-endian, '!I'",
  },
  {
    bytes: Buffer.concat([Buffer.from([0, 0x0c]), Buffer.from('probe: hello')]),
    finding: "Probe: a frame with a 2-byte header 00 0c got a reply, so your server's length header is 2 bytes ('!H'); the assignment's is 4 bytes, '!I'",
  },
];

/** What the probes find out about a server that failed (a sentence naming its mistake), or null. */
export async function probeServer(o: Pick<GradeOptions, 'host' | 'port' | 'bufsize' | 'maxFrame' | 'record' | 'nextId'>): Promise<string | null> {
  for (const p of PROBES) {
    let c: BufferedClient | null = null;
    try {
      c = await BufferedClient.connect(o.host, o.port, { record: o.record ?? (() => {}), bufsize: () => o.bufsize, maxFrame: o.maxFrame, id: o.nextId?.() ?? 'probe' });
      if (await c.sendRaw(p.bytes)) continue;
      await c.receiveMessage(PROBE_MS);
      if (c.received.some((b) => b.length > 0)) return p.finding;
    } catch {
      return null; // the server no longer accepts: nothing to probe
    } finally {
      c?.shutdown();
    }
  }
  return null;
}

function describeThrown(err: unknown, o: GradeOptions, connectedBefore: boolean): string {
  const e = err as Partial<PyError>;
  if (typeof e.name === 'string' && typeof e.message === 'string' && !(err instanceof Error)) {
    // It accepted earlier tests' clients: it is gone now, not never started.
    if (connectedBefore && e.name === 'ConnectionRefusedError') return `cannot connect to ${o.host}:${o.port}: ${formatPyError(e as PyError)}: ${STOPPED}`;
    return `cannot connect to ${o.host}:${o.port}: ${formatPyError(e as PyError)}${e.hint ? ` — ${e.hint}` : ''}`;
  }
  return `grader error: ${(err as Error).message}`;
}

/** Bytes of each chunk a report keeps: the page shows a chunk's start, and a 663,584-byte frame would be 1.3 MB of hex. */
const REPORT_CHUNK_BYTES = 128;
const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, REPORT_CHUNK_BYTES)).toString('hex');
