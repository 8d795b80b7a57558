// Grades a student's seed 004 files as the assignment's autograder does: buffered_server.py in a
// fresh traced process per test (BufferedTCPEchoServer(host, port, buffer_size), start() in a
// daemon thread, keep_running = False for the shutdown test), graded by the lab's grader; and
// buffered_client.py, driven call by call, against the lab's own reference server.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GradeTest, SocketEvent, SubmissionReport, SubmissionTest } from '@socket-lab/protocol';
import { tcpRows } from '../../../kernel/kernel-view.ts';
import { idCounter, type LabContext } from '../../lab.ts';
import { Recorder, type Call } from '../../../recorder.ts';
import type { RunningProgram } from '../../programs/runner.ts';
import { TracedPrograms } from '../../programs/traced-programs.ts';
import { freePort, until } from '../../programs/waits.ts';
import { grade, probeServer, TEST_NAMES } from '../grader.ts';
import { FrameFollower, lastCallBeforeTraceback, lastTraceback, readPastFrame, repliedThenClosed, studentTrace, type OverRead } from './explain.ts';
import { gradeClient } from './client-tests.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** How long a student's server may take to listen after start() began. */
const LISTEN_MS = 15_000;
const MAX_EVENTS = 2_000;
/** Bytes of each call kept in a failure's trace: enough to read a header and the start of a message. */
const TRACE_BYTES = 48;

export type { SubmissionReport, SubmissionTest };

export interface SubmissionOptions {
  bufsize: number;
  maxFrame: number;
  python?: string;
}

/** A student's program run traced (its calls kept from reaching anything but loopback). */
export class StudentProcess {
  private lines: string[] = [];
  /** The program's calls and output as events, as the tracer reported them (the first ones: enough to explain a failure). */
  readonly events: SocketEvent[] = [];
  /** The frames the program read, followed: where a recv first read past what its frame needed. */
  readonly frames = new FrameFollower();
  private readonly recorder = new Recorder({ push: (e) => this.events.length < MAX_EVENTS && this.events.push(e), congested: false, whenReady: (cb) => cb() }, null, TRACE_BYTES);
  private waiters: Array<() => void> = [];
  private exitText: string | null = null;

  private constructor(
    readonly proc: RunningProgram,
    private readonly traced: TracedPrograms,
  ) {}

  static async start(program: string, args: string[], python: string): Promise<StudentProcess> {
    let self: StudentProcess | null = null;
    const pending: Call[] = [];
    const seen = (call: Call) => {
      if (!self) return void pending.push(call);
      self.seen(call);
    };
    const ctx: LabContext = {
      record: (call) => (seen(call), null),
      flow: { congested: false, whenReady: (cb) => cb() },
      publish: () => {},
      nextId: idCounter(),
    };
    const traced = new TracedPrograms(ctx);
    const proc = await traced.start({ argv: [python, path.join(HERE, program), ...args], cwd: args[0]!, stdin: 'open', exit: () => {} });
    if (!proc) throw new Error('could not start Python');
    self = new StudentProcess(proc, traced);
    for (const c of pending) self.seen(c);
    return self;
  }

  private seen(call: Call): void {
    const e = this.recorder.record('length-prefix', call);
    if ((call.op === 'recv' || call.op === 'recv_into') && call.data && call.program?.where) this.frames.recv(call.socket, e.seq, call.data);
    if (call.op === 'output' && call.program?.output) this.lines.push(call.program.output.text);
    if (call.op === 'exit') this.exitText = `exited (${call.program?.process?.signal ?? `status ${call.program?.process?.code}`})`;
    for (const w of this.waiters.splice(0)) w();
  }

  /** The first line the program printed that matches `re` (waits), or null after `ms` or once it exited. */
  line(re: RegExp, ms: number): Promise<string | null> {
    return this.until(() => this.lines.find((l) => re.test(l)), ms);
  }

  /** The `index`th line the program printed that is a JSON object (a driven call's answer). */
  jsonLine(index: number, ms: number): Promise<string | null> {
    return this.until(() => this.lines.filter((l) => l.startsWith('{'))[index], ms);
  }

  /** Waits for a new event or the exit until `pick` finds something (null after `ms`, or once it exited). */
  async until<T>(pick: () => T | undefined, ms: number): Promise<T | null> {
    const end = Date.now() + ms;
    for (;;) {
      const hit = pick();
      if (hit !== undefined) return hit;
      if (this.exitText !== null || Date.now() > end) return null;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200).unref();
      });
    }
  }

  /** What the program printed last on stderr-like lines: its traceback's last line, if any. */
  get why(): string {
    const tb = [...this.lines].reverse().find((l) => /^\w+(Error|Exception)\b|^[\w.]+: /.test(l));
    return tb ?? this.exitText ?? 'no output';
  }

  /** Every line the program printed so far (stdout and stderr, in order). */
  get output(): string[] {
    return [...this.lines];
  }

  get exited(): boolean {
    return this.exitText !== null;
  }

  write(text: string): void {
    this.proc.write(text);
  }

  stop(): void {
    this.proc.stop();
    this.traced.close();
  }
}

/** Starts the student's server on a free port and waits until it listens; the process, or why it could not. */
async function startServer(dir: string, o: SubmissionOptions): Promise<{ p: StudentProcess; port: number } | { p: StudentProcess; why: string }> {
  const port = await freePort();
  const p = await StudentProcess.start('serve_submission.py', [dir, String(port), String(o.bufsize)], o.python ?? 'python3');
  const started = await p.line(/^started$/, LISTEN_MS);
  if (started === null) return { p, why: `buffered_server.py could not be started: ${p.why}` };
  const listening = await until(() => p.exited || tcpRows().some((r) => r.local[1] === port && r.state === 'LISTEN'), LISTEN_MS, 'late').then(
    () => !p.exited,
    () => false,
  );
  if (!listening) return { p, why: `start() did not listen on port ${port} within ${LISTEN_MS / 1000} s: ${p.why}` };
  return { p, port };
}

/** How long a server that closed a connection before replying may take to print why (its traceback). */
const TRACEBACK_MS = 5_000;
/** Raised by a server when the grader closed its client after the verdict: the grader's doing, not a finding. */
const AFTER_CLOSE = /^(ConnectionResetError|BrokenPipeError)\b/;

/** Per submission: the probe's finding, found once (on a fresh server) at the first failure that needs it. */
type Probed = { finding?: Promise<string | null> };

/** One server test against a fresh server process from the student's folder. */
async function serverTest(dir: string, name: string, o: SubmissionOptions, probed: Probed): Promise<SubmissionTest> {
  const s = await startServer(dir, o);
  try {
    if ('why' in s) return { name, part: 'server', ok: false, detail: s.why, trace: studentTrace(s.p.events, SERVER_FILE, null) };
    let atVerdict: SocketEvent[] = [];
    let overRead: OverRead | null = null;
    const report = await grade({
      host: '127.0.0.1',
      port: s.port,
      bufsize: o.bufsize,
      maxFrame: o.maxFrame,
      only: [name],
      probe: false,
      verdict: () => {
        atVerdict = [...s.p.events];
        overRead = s.p.frames.first;
      },
      // serve_submission.py says so once keep_running is False: on a busy machine its main thread
      // can take longer to read "stop" than the grader takes to send five more messages.
      stopServer: async () => {
        s.p.write('stop\n');
        await s.p.line(/^keep_running = False$/, LISTEN_MS);
      },
    });
    const t: GradeTest = report.tests[0]!;
    if (t.ok !== false) return { name, part: 'server', ok: t.ok, detail: t.detail };
    const why = await explain(t.detail, s.p, atVerdict, overRead, dir, o, probed);
    return { name, part: 'server', ok: false, detail: why.detail, trace: studentTrace(s.p.events, SERVER_FILE, why.focus) };
  } finally {
    s.p.stop();
  }
}

const SERVER_FILE = 'buffered_server.py';

/**
 * A failure's detail, with where in the student's code it went wrong or what a probe found, and
 * the seq of the student's call to show first: the last call before their traceback, the recv
 * that read past its frame, or their last call.
 */
async function explain(detail: string, p: StudentProcess, atVerdict: SocketEvent[], overRead: OverRead | null, dir: string, o: SubmissionOptions, probed: Probed): Promise<{ detail: string; focus: number | null }> {
  const last = lastCallBeforeTraceback(atVerdict, SERVER_FILE);
  if (/closed the connection|reset the connection|(BrokenPipe|ConnectionReset)Error/.test(detail)) {
    // The server gave up on the connection: if start() raised, its traceback says where.
    await p.line(/^start\(\) ended$/, TRACEBACK_MS);
    const tb = lastTraceback(p.output, SERVER_FILE);
    if (tb && !AFTER_CLOSE.test(tb)) return { detail: `${detail}. Your server raised ${tb}`, focus: lastCallBeforeTraceback(p.events, SERVER_FILE) };
  }
  if (/the server stopped after|closed the connection after/.test(detail)) return { detail, focus: last };
  // The grader's sends met a reset (its reply, if any, lost with the reset): the server's own calls
  // say what it did, a reply or more and then close(), so it is said as when the recv met it.
  // The server's close() may be reported a moment after the reset reached the grader: wait for it.
  const hungUp = /^sending the (pieces|three messages): (ConnectionResetError|BrokenPipeError)\b/.test(detail) && (await p.until(() => repliedThenClosed(p.events, SERVER_FILE) ?? undefined, TRACEBACK_MS));
  if (hungUp) return { detail: `server closed the connection after ${hungUp.replies} message${hungUp.replies === 1 ? '' : 's'}: its own calls were ${hungUp.replies} sendall then close(), with the rest unread (the grader's next send met its reset: ${detail.replace(/^sending the \w+( \w+)?: /, '')})`, focus: hungUp.seq };
  probed.finding ??= (async () => {
    const fresh = await startServer(dir, o);
    try {
      return 'why' in fresh ? null : await probeServer({ host: '127.0.0.1', port: fresh.port, bufsize: o.bufsize, maxFrame: o.maxFrame });
    } finally {
      fresh.p.stop();
    }
  })();
  const finding = await probed.finding;
  if (finding) return { detail: `${detail}. ${finding}`, focus: last };
  // Frames are followed as the assignment's ('!I', big-endian): only once the probes found no other
  // header can a recv past that frame's end be called reading past what it needed.
  if (overRead && /no reply within/.test(detail)) return { detail: `${detail}: ${readPastFrame(overRead, atVerdict, SERVER_FILE)}`, focus: overRead.seq };
  return { detail, focus: last };
}

export async function gradeSubmission(dir: string, o: SubmissionOptions): Promise<SubmissionReport> {
  const abs = path.resolve(dir);
  const tests: SubmissionTest[] = [];
  for (const [file, part] of [['buffered_server.py', 'server'], ['buffered_client.py', 'client']] as const) {
    if (!existsSync(path.join(abs, file))) tests.push({ name: `${file} is there`, part, ok: false, detail: `no ${file} in ${abs}` });
  }
  const probed: Probed = {};
  if (existsSync(path.join(abs, 'buffered_server.py'))) for (const name of TEST_NAMES) tests.push(await serverTest(abs, name, o, probed));
  if (existsSync(path.join(abs, 'buffered_client.py'))) tests.push(...(await gradeClient(abs, o)));
  return { dir: abs, passed: tests.filter((t) => t.ok === true).length, failed: tests.filter((t) => t.ok === false).length, tests };
}
