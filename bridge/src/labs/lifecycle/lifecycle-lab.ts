// The Lifecycle lab: a button per moment of a TCP connection's life (handshake, backlog, half-close,
// CLOSE_WAIT, reset, FIN, refused, address in use, timeout, Nagle), each made to happen by real
// Python programs (programs/), traced as the Programs lab traces them, on a fresh loopback port.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertNever, LIFECYCLE_MOMENTS, MAX_NAGLE_ROUNDS, type LifecycleCommand, type LifecycleState, type Moment, type NagleRound } from '@socket-lab/protocol';
import type { Call } from '../../recorder.ts';
import { LabError, type Lab, type LabContext } from '../lab.ts';
import type { RunningProgram } from '../programs/runner.ts';
import { TracedPrograms } from '../programs/traced-programs.ts';
import { freePort, until } from '../programs/waits.ts';
import { tcpRows } from '../../kernel/kernel-view.ts';
import { MOMENTS, type Stage, type Started } from './moments.ts';

export const LIFECYCLE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'programs');

interface Waiter {
  pid: number | null;
  op: Call['op'];
  resolve(call: Call): void;
}

export class LifecycleLab implements Lab<'lifecycle'> {
  private readonly traced: TracedPrograms;
  private current: LifecycleState['current'] = null;
  /** The moment's programs still running, and the calls they made. */
  private procs: RunningProgram[] = [];
  private calls: Call[] = [];
  /** Each call's event seq (the explanation goes under the one that completed the moment). */
  private seqs = new Map<Call, number>();
  /** The running moment's programs by file name (the nagle toggle writes to its client). */
  private byProgram = new Map<string, RunningProgram>();
  private rounds: NagleRound[] = [];
  private waiters: Waiter[] = [];
  /** Each program's exit, resolved once its exit event is recorded (after its last calls and output). */
  private readonly exits = new Map<number, (code: number | null) => void>();
  /** Bumped by each run and stop: a moment that was replaced stops where it is. */
  private generation = 0;

  constructor(
    private readonly ctx: LabContext,
    private readonly python = 'python3',
    /** A page watches: the nagle moment runs until Stop (see Stage.live). */
    private readonly live = true,
  ) {
    this.traced = new TracedPrograms({
      ...ctx,
      record: (call) => {
        const seq = ctx.record(call);
        this.seen(call, seq);
        return seq;
      },
    });
  }

  state(): LifecycleState {
    return { moments: LIFECYCLE_MOMENTS.map((id) => ({ id, title: MOMENTS[id].title, about: MOMENTS[id].about })), current: this.current };
  }

  async handle(command: LifecycleCommand): Promise<void> {
    switch (command.op) {
      case 'run':
        // Answered at once: the page follows the moment in the lab's state (and can Stop it),
        // while its commands keep being read.
        void this.run(command.moment);
        return;
      case 'stop':
        this.stopAll();
        if (this.current?.status === 'running') this.finish('failed', 'stopped');
        return;
      case 'nodelay': {
        const client = this.current?.moment === 'nagle' && this.current.status === 'running' ? this.byProgram.get('nagle_client.py') : undefined;
        if (!client) throw new LabError('lab-error', 'The Nagle moment is not running: press Nagle first.');
        // The client sets it before its next request and prints what getsockopt reads back.
        client.write(`nodelay ${command.on ? 1 : 0}\n`);
        return;
      }
      default:
        return assertNever(command);
    }
  }

  close(): void {
    this.stopAll();
    this.traced.close();
  }

  /**
   * Runs a moment to its end (its programs exited, or are left waiting as close-wait's server is).
   * `capture`, if given, records the wire on the moment's ports (both are chosen before any program starts).
   */
  async run(moment: Moment, capture?: (ports: number[]) => Promise<{ stop(): Promise<void> }>): Promise<void> {
    this.stopAll();
    const generation = ++this.generation;
    const port = await freePort();
    let spare = await freePort();
    while (spare === port) spare = await freePort();
    const wire = capture ? await capture([port, spare]) : null;
    this.calls = [];
    this.seqs = new Map();
    this.rounds = [];
    this.current = { moment, status: 'running', port, explanation: null, after: null, nagle: moment === 'nagle' ? { nodelay: false, rounds: [] } : null };
    this.ctx.publish();
    try {
      await MOMENTS[moment].run(this.stage(port, spare, generation));
      if (generation === this.generation) {
        const completing = MOMENTS[moment].completes(this.calls);
        this.finish('done', MOMENTS[moment].explain(this.calls, this.rounds), (completing && this.seqs.get(completing)) ?? null);
      }
    } catch (err) {
      if (generation === this.generation) this.finish('failed', (err as Error).message);
    } finally {
      await wire?.stop();
    }
  }

  private finish(status: 'done' | 'failed', explanation: string, after: number | null = null): void {
    if (this.current) this.current = { ...this.current, status, explanation, after };
    this.ctx.publish();
  }

  private stage(port: number, spare: number, generation: number): Stage {
    return {
      port,
      live: this.live,
      spare,
      synSent,
      acceptQueue,
      pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      start: async (program, ...args) => {
        if (generation !== this.generation) throw new LabError('lab-error', 'another moment started');
        let exit!: (code: number | null) => void;
        const exited = new Promise<number | null>((resolve) => (exit = resolve));
        const proc = await this.traced.start({
          argv: [this.python, path.join(LIFECYCLE_DIR, program), ...args],
          cwd: LIFECYCLE_DIR,
          stdin: 'open',
          // Without a pid (it never started) there is no exit event to wait for.
          exit: (code) => proc?.pid === null && exit(code),
        });
        if (!proc) throw new LabError('lab-error', 'the lab closed');
        if (proc.pid !== null) this.exits.set(proc.pid, exit);
        this.procs.push(proc);
        this.byProgram.set(program, proc);
        const started: Started = { pid: proc.pid, exited, write: (text) => proc.write(text), made: (op) => this.made(proc.pid, op, exited, program) };
        return started;
      },
    };
  }

  /** The program's first `op` call, seen or to come; rejects if it exits without making one. */
  private made(pid: number | null, op: Call['op'], exited: Promise<number | null>, program: string): Promise<Call> {
    const seen = this.calls.find((c) => c.program?.pid === pid && c.op === op);
    if (seen) return Promise.resolve(seen);
    return new Promise<Call>((resolve, reject) => {
      const waiter: Waiter = { pid, op, resolve };
      this.waiters.push(waiter);
      void exited.then((code) => {
        if (!this.waiters.includes(waiter)) return;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`${program} ended (exit status ${code ?? '?'}) before its ${op}(): see its output`));
      });
    });
  }

  private seen(call: Call, seq: number | null): void {
    const pid = call.program?.pid;
    if (call.op === 'output' && this.current?.nagle) this.nagleLine(call.program?.output?.text ?? '');
    if (call.op === 'exit' && pid !== undefined) {
      this.exits.get(pid)?.(call.program?.process?.code ?? null);
      this.exits.delete(pid);
    }
    if (pid === undefined || call.role === 'program') return;
    this.calls.push(call);
    if (seq !== null) this.seqs.set(call, seq);
    for (const w of this.waiters.filter((x) => x.pid === call.program!.pid && x.op === call.op)) {
      this.waiters = this.waiters.filter((x) => x !== w);
      w.resolve(call);
    }
  }

  /** The nagle client's prints: each round trip it measured, and TCP_NODELAY as getsockopt read it back. */
  private nagleLine(text: string): void {
    const nagle = this.current!.nagle!;
    const round = /^round (\d+): ([\d.]+) ms \((Nagle on|TCP_NODELAY)\)$/.exec(text);
    const set = /^TCP_NODELAY is now ([01])$/.exec(text);
    if (round) {
      this.rounds.push({ n: Number(round[1]), ms: Number(round[2]), nodelay: round[3] === 'TCP_NODELAY' });
      if (this.rounds.length > MAX_NAGLE_ROUNDS) this.rounds.shift();
    } else if (!set) return;
    this.current = { ...this.current!, nagle: { nodelay: set ? set[1] === '1' : nagle.nodelay, rounds: [...this.rounds] } };
    this.ctx.publish();
  }

  private stopAll(): void {
    this.generation++;
    for (const p of this.procs) p.stop();
    this.procs = [];
    this.byProgram = new Map();
  }
}

/** Watches /proc/net/tcp until the listener on `port` has `n` connections in its accept queue (its rx_queue column). */
function acceptQueue(port: number, n: number, ms: number): Promise<void> {
  return until(() => tcpRows().some((r) => r.local[1] === port && r.state === 'LISTEN' && r.recvQueue >= n), ms, `the listener on port ${port} never had ${n} connection${n === 1 ? '' : 's'} waiting for accept() within ${ms / 1000} s`);
}

/**
 * Watches the kernel's table (/proc/net/tcp, 20 times a second) until a socket connecting to
 * `port` is in SYN_SENT and the kernel has sent its SYN again (the first was dropped): the moment
 * goes on only then, so the room (and a page refreshing its kernel view 4 times a second on a busy
 * machine) sees SYN_SENT for seconds, not a blink. Gives up with a sentence after `ms` (a kernel
 * that queues more than Linux does).
 */
function synSent(port: number, ms: number): Promise<void> {
  return until(() => tcpRows().some((r) => r.remote[1] === port && r.state === 'SYN_SENT' && r.retransmits >= 1), ms, `no connection to port ${port} waited in SYN_SENT within ${ms / 1000} s: the kernel let it in`);
}
