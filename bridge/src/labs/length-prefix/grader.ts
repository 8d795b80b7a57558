// Seed 004 §3's test cases, run against any loopback server; each failure says why, byte by byte.
import type { GradeReport, GradeTest, PyError } from '@socket-lab/protocol';
import { diagnoseReply, type Verdict } from '@socket-lab/framing';
import { formatPyError } from '../../python-errors.ts';
import type { Call } from '../../recorder.ts';
import { BufferedClient } from './buffered-client.ts';

export interface GradeOptions {
  host: string;
  port: number;
  bufsize: number;
  maxFrame: number;
  /** Seconds to wait for each reply before calling it missing. */
  replyTimeoutMs?: number;
  /** Sets keep_running = False on the server; only the lab's own server offers it. */
  stopServer?: () => void;
  record?: (call: Call) => void;
  nextId?: () => string;
}

const REPLY_TIMEOUT_MS = 2000;

/** Deterministic text of `n` characters, tagged so replies of different tests never match. */
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
    const r = await c.receiveMessage(this.o.replyTimeoutMs ?? REPLY_TIMEOUT_MS);
    return diagnoseReply(text, r.outcome, before);
  }

  get stopServer(): (() => void) | undefined {
    return this.o.stopServer;
  }
}

function failSend(e: PyError, before: number): Verdict {
  return { ok: false, detail: `send_message failed after ${before} message${before === 1 ? '' : 's'}: ${formatPyError(e)}` };
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

function tests(bufsize: number): Test[] {
  const short = messageOf('short', Math.max(11, Math.min(40, bufsize - 1)));
  const medium = messageOf('medium', bufsize + 10);
  const long = messageOf('long', bufsize * 4 + 7);
  const three = [1, 2, 3].map((i) => messageOf(`message ${i}`, 24 + 7 * i));
  const ordinal = (i: number) => `${ORDINALS[i]} message`;
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
      name: 'three messages in parallel',
      run: async (t) => {
        const c = await t.client();
        for (const [i, m] of three.entries()) {
          const e = await c.sendMessage(m);
          if (e) return { ok: false, detail: `sending the ${ordinal(i)}: ${formatPyError(e)}` };
        }
        return all(three.map((m, i) => () => t.receive(c, m, i)), (i) => `reply to the ${ordinal(i)}`);
      },
    },
    {
      name: 'multibyte UTF-8 message (extra: bytes vs characters)',
      run: async (t) => t.exchange(await t.client(), 'héllo wörld ✓ — ünïcödé ✓ déjà vu', 0),
    },
    {
      name: 'client disconnects, new client connects',
      run: async (t) => {
        const first = await t.client();
        const v = await t.exchange(first, short, 0);
        if (!v.ok) return { ok: false, detail: `first client: ${v.detail}` };
        first.shutdown();
        const second = await t.client();
        const w = await t.exchange(second, messageOf('second client', 30), 0);
        return w.ok ? w : { ok: false, detail: `new client: ${w.detail}` };
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
        stop();
        for (let i = 1; i <= 5; i++) await c.sendMessage(messageOf(`after stop ${i}`, 20));
        const r = await c.receiveMessage(REPLY_TIMEOUT_MS);
        return r.ok
          ? { ok: false, detail: 'receive_message() returned ok = True after the server was told to stop' }
          : { ok: true };
      },
    },
  ];
}

class NotRun extends Error {}

/** Runs every test in order, each on fresh connections; never throws for a misbehaving server. */
export async function grade(o: GradeOptions): Promise<GradeReport> {
  const results: GradeTest[] = [];
  for (const test of tests(o.bufsize)) {
    const session = new Session(o);
    let ok: boolean | null;
    let detail: string;
    try {
      const v = await test.run(session);
      ok = v.ok;
      detail = v.ok ? 'passed' : v.detail;
    } catch (err) {
      ok = err instanceof NotRun ? null : false;
      detail = err instanceof NotRun ? `not run: ${err.message}` : describeThrown(err, o);
    } finally {
      for (const c of session.clients) c.shutdown();
    }
    results.push({
      name: test.name,
      ok,
      detail,
      sent: session.clients.flatMap((c) => c.sent.map(hex)),
      received: session.clients.flatMap((c) => c.received.map(hex)),
    });
  }
  return {
    target: `${o.host}:${o.port}`,
    bufsize: o.bufsize,
    passed: results.filter((r) => r.ok === true).length,
    failed: results.filter((r) => r.ok === false).length,
    skipped: results.filter((r) => r.ok === null).length,
    tests: results,
  };
}

function describeThrown(err: unknown, o: GradeOptions): string {
  const e = err as Partial<PyError>;
  if (typeof e.name === 'string' && typeof e.message === 'string' && !(err instanceof Error)) {
    return `cannot connect to ${o.host}:${o.port}: ${formatPyError(e as PyError)}${e.hint ? ` — ${e.hint}` : ''}`;
  }
  return `grader error: ${(err as Error).message}`;
}

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');
