// Grades a student's seed 004 files as the assignment's autograder does: buffered_server.py in a
// fresh traced process per test (BufferedTCPEchoServer(host, port, buffer_size), start() in a
// daemon thread, keep_running = False for the shutdown test), graded by the lab's grader; and
// buffered_client.py, driven call by call, against the lab's own reference server.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GradeTest } from '@socket-lab/protocol';
import { tcpRows } from '../../../kernel/kernel-view.ts';
import { idCounter, type LabContext } from '../../lab.ts';
import type { Call } from '../../../recorder.ts';
import type { RunningProgram } from '../../programs/runner.ts';
import { TracedPrograms } from '../../programs/traced-programs.ts';
import { freePort, until } from '../../programs/waits.ts';
import { grade, TEST_NAMES } from '../grader.ts';
import { gradeClient } from './client-tests.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** How long a student's server may take to listen after start() began. */
const LISTEN_MS = 15_000;

export interface SubmissionTest {
  name: string;
  part: 'server' | 'client';
  ok: boolean | null;
  detail: string;
}

export interface SubmissionReport {
  dir: string;
  passed: number;
  failed: number;
  tests: SubmissionTest[];
}

export interface SubmissionOptions {
  bufsize: number;
  maxFrame: number;
  python?: string;
}

/** A student's program run traced (its calls kept from reaching anything but loopback). */
export class StudentProcess {
  private lines: string[] = [];
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

  /** Waits for a new line or the exit until `pick` finds something. */
  private async until(pick: () => string | undefined, ms: number): Promise<string | null> {
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

/** One server test against a fresh server process from the student's folder. */
async function serverTest(dir: string, name: string, o: SubmissionOptions): Promise<SubmissionTest> {
  const port = await freePort();
  const p = await StudentProcess.start('serve_submission.py', [dir, String(port), String(o.bufsize)], o.python ?? 'python3');
  try {
    const started = await p.line(/^started$/, LISTEN_MS);
    if (started === null) return { name, part: 'server', ok: false, detail: `buffered_server.py could not be started: ${p.why}` };
    const listening = await until(() => p.exited || tcpRows().some((r) => r.local[1] === port && r.state === 'LISTEN'), LISTEN_MS, 'late').then(
      () => !p.exited,
      () => false,
    );
    if (!listening) return { name, part: 'server', ok: false, detail: `start() did not listen on port ${port} within ${LISTEN_MS / 1000} s: ${p.why}` };
    const report = await grade({ host: '127.0.0.1', port, bufsize: o.bufsize, maxFrame: o.maxFrame, only: [name], stopServer: () => p.write('stop\n') });
    const t: GradeTest = report.tests[0]!;
    return { name, part: 'server', ok: t.ok, detail: t.detail };
  } finally {
    p.stop();
  }
}

export async function gradeSubmission(dir: string, o: SubmissionOptions): Promise<SubmissionReport> {
  const abs = path.resolve(dir);
  const tests: SubmissionTest[] = [];
  for (const [file, part] of [['buffered_server.py', 'server'], ['buffered_client.py', 'client']] as const) {
    if (!existsSync(path.join(abs, file))) tests.push({ name: `${file} is there`, part, ok: false, detail: `no ${file} in ${abs}` });
  }
  if (existsSync(path.join(abs, 'buffered_server.py'))) for (const name of TEST_NAMES) tests.push(await serverTest(abs, name, o));
  if (existsSync(path.join(abs, 'buffered_client.py'))) tests.push(...(await gradeClient(abs, o)));
  return { dir: abs, passed: tests.filter((t) => t.ok === true).length, failed: tests.filter((t) => t.ok === false).length, tests };
}
