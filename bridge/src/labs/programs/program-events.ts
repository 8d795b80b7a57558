// Turns the tracer's records into the lab's events: one lane per socket of each process, the
// role each socket plays, and the kernel's view the tracer read right after each TCP call.
import { readFileSync } from 'node:fs';
import { assertNever, type KernelView, type Role, type TracerCall, type TracerRecord } from '@socket-lab/protocol';
import { kernelViewOf } from '../../kernel/kernel-view.ts';
import type { Call } from '../../recorder.ts';

/** How long a pipe line waits for the same line from a traced process (which is then shown instead). */
const PIPE_GRACE_MS = 100;

interface Tracked {
  id: string;
  role: Role;
}

export class ProgramEvents {
  private readonly lines = new LineMerger();
  private readonly sockets = new Map<string, Tracked>();
  private readonly generations = new Map<string, number>();
  /** The processes the lab started (their output comes through its pipes), and each traced process's parent. */
  private readonly runs = new Set<number>();
  private readonly parents = new Map<number, number>();
  private readonly runOfPid = new Map<number, number>();
  constructor(private readonly record: (call: Call) => void) {}

  /** A process the lab started: its pipes carry its output and its children's. */
  started(pid: number | null): void {
    if (pid !== null) this.runs.add(pid);
  }

  /**
   * The run a traced process belongs to: its parent, or its parent's, up to a process the lab
   * started (through processes the tracer never saw, such as a shell, by their /proc entry).
   * A line is the same line only within one run: two programs may print the same words.
   */
  private runOf(pid: number): number {
    // Asked for every line a process prints: its answer is kept (the /proc walk happens once).
    const known = this.runOfPid.get(pid);
    if (known !== undefined) return known;
    const run = this.findRun(pid);
    if (this.runOfPid.size > 4096) this.runOfPid.delete(this.runOfPid.keys().next().value!);
    this.runOfPid.set(pid, run);
    return run;
  }

  private findRun(pid: number): number {
    let p = pid;
    for (let depth = 0; depth < 16 && !this.runs.has(p); depth++) {
      const up = this.parents.get(p) ?? parentOf(p);
      if (up === null || up <= 1) return pid;
      p = up;
    }
    return this.runs.has(p) ? p : pid;
  }

  /** A record from the tracer: hellos say a process started; calls become events. */
  handle(r: TracerRecord, payload?: Uint8Array): void {
    switch (r.k) {
      case 'hello':
        this.parents.set(r.pid, r.ppid);
        this.runOfPid.delete(r.pid);
        if (this.parents.size > 4096) this.parents.delete(this.parents.keys().next().value!);
        return this.record({ socket: `pid ${r.pid}`, role: 'program', op: 'start', local: null, remote: null, program: { pid: r.pid, thread: r.thread, process: { argv: r.argv } } });
      case 'output':
        if (this.lines.fromTracer(this.runOf(r.pid), r.stream, r.text)) this.printed(r.pid, r.stream, r.text, r.thread);
        return;
      case 'call':
        return this.call(r, payload);
      case 'hold':
        // Step mode's business (programs-lab.ts); not an event until the call is made.
        return;
      default:
        return assertNever(r);
    }
  }

  /**
   * A line from the run's stdout or stderr pipe. A traced Python process sends its lines on the
   * trace channel too, in order with its calls; the pipe's copy of such a line is dropped, so only
   * output from elsewhere (a shell script's echo, a program not traced) comes from the pipe.
   */
  output(pid: number | null, stream: 'stdout' | 'stderr', text: string): void {
    // The pipe can be read before the trace channel: a line waits a moment for its traced copy.
    setTimeout(() => {
      if (this.lines.fromPipe(pid ?? 0, stream, text)) this.printed(pid, stream, text);
    }, PIPE_GRACE_MS);
  }

  private printed(pid: number | null, stream: 'stdout' | 'stderr', text: string, thread?: string): void {
    this.record({ socket: `pid ${pid ?? '?'}`, role: 'program', op: 'output', local: null, remote: null, program: { ...(pid ? { pid } : {}), ...(thread ? { thread } : {}), output: { stream, text } } });
  }

  /** The process ended; recorded after the output lines still waiting (resolves then). */
  exit(pid: number | null, code: number | null, signal: string | null): Promise<void> {
    return new Promise((resolve) => setTimeout(() => resolve(this.exited(pid, code, signal)), PIPE_GRACE_MS));
  }

  private exited(pid: number | null, code: number | null, signal: string | null): void {
    this.record({ socket: `pid ${pid ?? '?'}`, role: 'program', op: 'exit', local: null, remote: null, program: { ...(pid ? { pid } : {}), process: { code, signal } } });
  }

  /**
   * TCP_INFO on a socket whose connection went to TIME_WAIT says CLOSE: Linux moved the
   * connection to a small time-wait entry, which /proc/net/tcp lists. The connection's state is
   * that entry's, so the kernel's table is asked (TIME_WAIT lasts a minute; it is still there).
   */
  private connectionState(c: TracerCall): KernelView {
    if (c.kernel!.state !== 'CLOSE' || !c.local || !c.remote) return c.kernel!;
    return kernelViewOf(c.local, c.remote) ?? c.kernel!;
  }

  /** The lane id of a process's socket on `fd` (for step mode's list of held calls). */
  socketOf(pid: number, fd: number): string {
    return this.sockets.get(`${pid}:${fd}`)?.id ?? `pid ${pid} fd ${fd}`;
  }

  private call(c: TracerCall, payload: Uint8Array | undefined): void {
    if (c.fd < 0) return this.aroundSockets(c);
    const key = `${c.pid}:${c.fd}`;
    let s = this.sockets.get(key);
    if (!s || c.op === 'socket' || c.op === 'accept') {
      // A new socket on this fd (fds are reused after close): a lane of its own.
      const n = (this.generations.get(key) ?? 0) + 1;
      this.generations.set(key, n);
      s = { id: n === 1 ? `pid ${c.pid} fd ${c.fd}` : `pid ${c.pid} fd ${c.fd} (${n})`, role: c.op === 'accept' ? 'peer' : 'client' };
      this.sockets.set(key, s);
    }
    // A socket that binds or listens is a server's; accept's are peers; the rest clients.
    if ((c.op === 'bind' || c.op === 'listen') && !c.error && s.role === 'client') s.role = 'server';
    const data = payload;
    const call: Call = {
      socket: s.id,
      role: s.role,
      op: c.op,
      local: c.local,
      remote: c.remote ?? c.address ?? null,
      program: { pid: c.pid, thread: c.thread, fd: c.fd, ...(c.where ? { where: c.where } : {}) },
    };
    if (data) call.data = data;
    // A call over the tracer's preview: its payload is the first bytes, its record says how many moved.
    if (c.size !== undefined) call.size = c.size;
    if (c.arg !== undefined) call.arg = c.arg;
    if (c.error) call.error = { name: c.error.name, message: c.error.message, ...(c.error.errno !== undefined ? { errno: c.error.errno } : {}) };
    if (c.kernel) call.program!.kernel = this.connectionState(c);
    else if (c.kernelSkipped) call.program!.kernelSkipped = true;
    this.record(call);
    if (c.op === 'close') this.sockets.delete(key);
  }

  /** A wait on several sockets, a fork or a thread start: the process's own lane. */
  private aroundSockets(c: TracerCall): void {
    const program: Call['program'] = { pid: c.pid, thread: c.thread, ...(c.where ? { where: c.where } : {}) };
    if (c.watched) program.wait = { watched: c.watched, ready: c.ready ?? null, timeout: c.timeout ?? null };
    if (c.child !== undefined) program.spawned = { pid: c.child };
    if (c.started !== undefined) program.spawned = { thread: c.started };
    const call: Call = { socket: `pid ${c.pid}`, role: 'program', op: c.op, local: null, remote: null, program };
    if (c.error) call.error = { name: c.error.name, message: c.error.message, ...(c.error.errno !== undefined ? { errno: c.error.errno } : {}) };
    this.record(call);
  }
}

/** Each line once, whichever of the two copies (trace channel, pipe) arrives first. */
class LineMerger {
  private readonly seen = { tracer: new Map<string, number>(), pipe: new Map<string, number>() };
  /** Lines remembered per source; a line seen only once (never printed by Python, or redirected) is forgotten past this. */
  private static readonly KEEP = 1000;

  fromTracer(run: number, stream: string, text: string): boolean {
    return this.arrive('tracer', 'pipe', `${run}\n${stream}\n${text}`);
  }

  fromPipe(run: number, stream: string, text: string): boolean {
    return this.arrive('pipe', 'tracer', `${run}\n${stream}\n${text}`);
  }

  /** True if this copy is the first: it is shown, and the other copy is awaited to be dropped. */
  private arrive(own: 'tracer' | 'pipe', other: 'tracer' | 'pipe', key: string): boolean {
    const waiting = this.seen[other].get(key) ?? 0;
    if (waiting > 0) {
      if (waiting === 1) this.seen[other].delete(key);
      else this.seen[other].set(key, waiting - 1);
      return false;
    }
    const mine = this.seen[own];
    mine.set(key, (mine.get(key) ?? 0) + 1);
    if (mine.size > LineMerger.KEEP) mine.delete(mine.keys().next().value!);
    return true;
  }
}

/** A process's parent, from /proc/<pid>/stat (null where it is gone, or not Linux). */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields after its ')' are fixed.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}
