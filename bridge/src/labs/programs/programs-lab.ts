// The Programs lab: the page runs the course's Python programs, or a student's from the folder
// named at launch, traced call by call. The page names a program by its id from the list,
// never by a path, so nothing outside the shipped folder and the launch folder can run.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ProgramInfo, ProgramRun, ProgramsCommand, ProgramsState, TracerHold } from '@socket-lab/protocol';
import { assertNever } from '@socket-lab/protocol';
import { kernelViewAvailable } from '../../kernel/kernel-view.ts';
import { turn } from '../../sockets/send-all.ts';
import { LabError, type Lab, type LabContext } from '../lab.ts';
import { TraceChannel, type TracerConnection } from './channel.ts';
import { COURSE, COURSE_DIR } from './course.ts';
import { ProgramEvents } from './program-events.ts';
import { runProgram, type RunningProgram } from './runner.ts';

/** Programs one page may run at once (a server and a few clients). */
export const MAX_RUNS = 8;
/** Finished runs kept in the state, newest last. */
const KEEP_FINISHED = 16;

interface Run {
  info: ProgramRun;
  proc: RunningProgram;
}

export class ProgramsLab implements Lab<'programs'> {
  private channel: Promise<TraceChannel> | null = null;
  private readonly events: ProgramEvents;
  private readonly runs = new Map<string, Run>();
  private next = 0;
  private closed = false;
  private unwatch: (() => void) | null = null;

  constructor(
    private readonly ctx: LabContext,
    /** The folder named at launch (`--programs`), whose .py files the page may run too. */
    private readonly folder: string | null = null,
    private readonly python = 'python3',
  ) {
    this.events = new ProgramEvents((call) => ctx.record(call));
  }

  state(): ProgramsState {
    return {
      programs: this.programs(),
      folder: this.folder,
      runs: [...this.runs.values()].map((r) => ({ ...r.info, dropped: r.proc.dropped })),
      kernel: kernelViewAvailable() ? 'linux' : 'unavailable',
    };
  }

  async handle(command: ProgramsCommand): Promise<void> {
    switch (command.op) {
      case 'list':
        this.ctx.publish();
        return;
      case 'run':
        return this.run(command.program, command.args, command.stdin);
      case 'stop': {
        const r = this.runs.get(command.run);
        if (!r || !r.info.running) throw new LabError('not-found', `no running program ${JSON.stringify(command.run)}`);
        r.proc.stop();
        return;
      }
      default:
        return assertNever(command);
    }
  }

  close(): void {
    this.closed = true;
    this.unwatch?.();
    for (const r of this.runs.values()) r.proc.stop();
    void this.channel?.then((c) => c.close(), () => {});
  }

  private programs(): ProgramInfo[] {
    return [...COURSE, ...folderPrograms(this.folder)];
  }

  /** Where a listed program lives: the page's id is looked up, never joined into a path. */
  private file(id: string): { file: string; info: ProgramInfo } {
    const info = this.programs().find((p) => p.id === id);
    if (!info) throw new LabError('not-found', `no program ${JSON.stringify(id)}: the lab runs only its own programs and .py files in the folder named at launch`);
    const dir = info.source === 'course' ? COURSE_DIR : this.folder!;
    return { file: path.join(dir, info.name), info };
  }

  private async run(id: string, args: string[], stdin: string): Promise<void> {
    const { file } = this.file(id);
    const running = [...this.runs.values()].filter((r) => r.info.running).length;
    if (running >= MAX_RUNS) throw new LabError('lab-error', `at most ${MAX_RUNS} programs at once: stop one first`);
    this.channel ??= this.openChannel();
    const channel = await this.channel;
    if (this.closed) return;
    const runId = `run-${++this.next}`;
    const argv = [this.python, file, ...args];
    const proc = runProgram({
      argv,
      cwd: path.dirname(file),
      channel: channel.path,
      stdin,
      output: (stream, text) => this.events.output(proc.pid, stream, text),
      exit: (code, signal) => {
        run.info = { ...run.info, running: false, exit: { code, signal } };
        this.prune();
        this.ctx.publish();
        void this.events.exit(proc.pid, code, signal);
      },
    });
    const run: Run = { info: { run: runId, program: id, pid: proc.pid, argv: [path.basename(file), ...args], running: true, exit: null, dropped: 0 }, proc };
    this.runs.set(runId, run);
    this.ctx.publish();
  }

  private async openChannel(): Promise<TraceChannel> {
    const flow = this.ctx.flow;
    const channel = await TraceChannel.open({
      record: (r, _hello, conn) => (r.k === 'hold' ? this.hold(r, conn) : this.events.handle(r)),
      // A process that starts while step mode is on holds from its first call.
      stepping: () => flow.stepping === true,
      problem: (message) => this.events.output(null, 'stderr', `socket lab: ${message}`),
    });
    this.unwatch = flow.watchMode?.((step) => channel.broadcast({ k: 'mode', step })) ?? null;
    return channel;
  }

  /**
   * A traced program waits before a call (step mode): it goes when its step is granted, as the
   * lab's own sockets do. The syscall has not happened, so its bytes wait in the kernel.
   */
  private hold(h: TracerHold, conn: TracerConnection): void {
    const call = { socket: this.events.socketOf(h.pid, h.fd), op: h.op, arg: h.arg ?? 0, waiting: 0 };
    // turn() is the lab's own sockets' wait for a step; a program that ends while held is forgotten.
    void turn(this.ctx.flow, conn.socket, call).then((go) => go && conn.reply({ k: 'go' }));
  }

  private prune(): void {
    const finished = [...this.runs.values()].filter((r) => !r.info.running);
    for (const r of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.runs.delete(r.info.run);
  }
}

/** The .py files directly in the launch folder. */
function folderPrograms(folder: string | null): ProgramInfo[] {
  if (!folder) return [];
  try {
    return readdirSync(folder)
      .filter((name) => name.endsWith('.py') && statSync(path.join(folder, name)).isFile())
      .sort()
      .map((name) => ({ id: `folder/${name}`, name, source: 'folder' as const, about: `from ${folder}`, args: [] }));
  } catch {
    return [];
  }
}
