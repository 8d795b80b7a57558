// The Programs lab: the page runs the course's Python programs, or a student's from the folder
// named at launch, traced call by call. The page names a program by its id from the list,
// never by a path, so nothing outside the shipped folder and the launch folder can run.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ProgramInfo, ProgramRun, ProgramsCommand, ProgramsState, TracerHello, TracerRecord } from '@socket-lab/protocol';
import { assertNever } from '@socket-lab/protocol';
import { kernelViewAvailable } from '../../kernel/kernel-view.ts';
import { LabError, type Lab, type LabContext } from '../lab.ts';
import { attachEnvLine, type AttachPoint, type AttachTarget } from './attach.ts';
import type { TracerConnection } from './channel.ts';
import { COURSE, COURSE_DIR } from './course.ts';
import type { RunningProgram } from './runner.ts';
import { TracedPrograms } from './traced-programs.ts';

/** Programs one page may run at once (a server and a few clients). */
export const MAX_RUNS = 8;
/** Finished runs kept in the state, newest last. */
const KEEP_FINISHED = 16;

interface Run {
  info: ProgramRun;
  proc: RunningProgram;
}

export class ProgramsLab implements Lab<'programs'>, AttachTarget {
  private readonly traced: TracedPrograms;
  private readonly runs = new Map<string, Run>();
  private next = 0;
  private unwatchAttach: (() => void) | null = null;

  constructor(
    private readonly ctx: LabContext,
    /** The folder named at launch (`--programs`), whose .py files the page may run too. */
    private readonly folder: string | null = null,
    private readonly python = 'python3',
    /** Where programs started outside the lab attach (`lab run --attach`): this page gets them while it is the newest. */
    private readonly attach: AttachPoint | null = null,
  ) {
    this.traced = new TracedPrograms(ctx);
    if (attach) {
      attach.join(this);
      this.unwatchAttach = ctx.flow.watchMode?.((step) => attach.broadcastFrom(this, { k: 'mode', step })) ?? null;
    }
  }

  attached(r: TracerRecord, conn: TracerConnection, payload: Uint8Array | undefined): void {
    if (r.k === 'hold') this.traced.hold(r, conn);
    else this.traced.events.handle(r, payload);
  }

  attachedEnded(process: TracerHello): void {
    // Its exit status is its terminal's to see: the event says only that it ended.
    void this.traced.events.exit(process.pid, null, null);
  }

  stepping(): boolean {
    return this.ctx.flow.stepping === true;
  }

  state(): ProgramsState {
    return {
      programs: this.programs(),
      folder: this.folder,
      runs: [...this.runs.values()].map((r) => ({ ...r.info, dropped: r.proc.dropped })),
      kernel: kernelViewAvailable() ? 'linux' : 'unavailable',
      attach: this.attach ? { env: attachEnvLine(this.attach.path) } : null,
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
    this.unwatchAttach?.();
    this.attach?.leave(this);
    for (const r of this.runs.values()) r.proc.stop();
    this.traced.close();
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
    const runId = `run-${++this.next}`;
    const proc = await this.traced.start({
      argv: [this.python, file, ...args],
      cwd: path.dirname(file),
      stdin,
      exit: (code, signal) => {
        run.info = { ...run.info, running: false, exit: { code, signal } };
        this.prune();
        this.ctx.publish();
      },
    });
    if (!proc) return;
    const run: Run = { info: { run: runId, program: id, pid: proc.pid, argv: [path.basename(file), ...args], running: true, exit: null, dropped: 0 }, proc };
    this.runs.set(runId, run);
    this.ctx.publish();
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
