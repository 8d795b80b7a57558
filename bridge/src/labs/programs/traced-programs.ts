// What every lab made of traced Python programs needs (the Programs lab, the Lifecycle lab): one
// trace channel for the lab's processes, their records turned into the lab's events, step mode
// told to them and their held calls waiting for a step as the lab's own sockets do.
import type { TracerHold } from '@socket-lab/protocol';
import { turn } from '../../sockets/send-all.ts';
import type { LabContext } from '../lab.ts';
import { TraceChannel, type TracerConnection } from './channel.ts';
import { ProgramEvents } from './program-events.ts';
import { runProgram, type RunningProgram, type RunOptions } from './runner.ts';

export type StartOptions = Omit<RunOptions, 'channel' | 'output'>;

export class TracedPrograms {
  readonly events: ProgramEvents;
  private channel: Promise<TraceChannel> | null = null;
  private unwatch: (() => void) | null = null;
  private closed = false;

  constructor(private readonly ctx: LabContext) {
    this.events = new ProgramEvents((call) => ctx.record(call));
  }

  /** Starts `argv` traced (the channel opens on the first start); null if the lab closed meanwhile. */
  async start(o: StartOptions): Promise<RunningProgram | null> {
    this.channel ??= this.open();
    const channel = await this.channel;
    if (this.closed) return null;
    const proc = runProgram({
      ...o,
      channel: channel.path,
      output: (stream, text) => this.events.output(proc.pid, stream, text),
      exit: (code, signal) => {
        o.exit(code, signal);
        void this.events.exit(proc.pid, code, signal);
      },
    });
    this.events.started(proc.pid);
    return proc;
  }

  /**
   * A traced program waits before a call (step mode): it goes when its step is granted, as the
   * lab's own sockets do. The syscall has not happened, so its bytes wait in the kernel.
   */
  hold(h: TracerHold, conn: TracerConnection): void {
    const call = { socket: this.events.socketOf(h.pid, h.fd), op: h.op, arg: h.arg ?? 0, waiting: h.queued ?? 0 };
    // turn() is the lab's own sockets' wait for a step; a program that ends while held is forgotten.
    void turn(this.ctx.flow, conn.socket, call).then((go) => go && conn.reply({ k: 'go' }));
  }

  close(): void {
    this.closed = true;
    this.unwatch?.();
    void this.channel?.then((c) => c.close(), () => {});
  }

  private async open(): Promise<TraceChannel> {
    const flow = this.ctx.flow;
    const channel = await TraceChannel.open({
      record: (r, _hello, conn, payload) => (r.k === 'hold' ? this.hold(r, conn) : this.events.handle(r, payload)),
      // A process that starts while step mode is on holds from its first call.
      stepping: () => flow.stepping === true,
      problem: (message) => this.events.output(null, 'stderr', `socket lab: ${message}`),
    });
    this.unwatch = flow.watchMode?.((step) => channel.broadcast({ k: 'mode', step })) ?? null;
    return channel;
  }
}
