// The bridge's end of the tracer's wire: a Unix socket in a private temp directory, one
// connection per traced process, JSON lines with raw payloads (packages/protocol tracer.ts).
import type { EventEmitter } from 'node:events';
import { lstatSync, mkdirSync, mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EventSink } from '../../event-sink.ts';
import { NsOrder } from './ns-order.ts';
import { TracerStreamDecoder, type BridgeToTracer, type TracerHello, type TracerRecord } from '@socket-lab/protocol';

/** One traced process's connection, as the lab sees it. */
export interface TracerConnection {
  reply(message: BridgeToTracer): void;
  /** The connection itself: it emits 'close' when the process exits or is killed. */
  readonly socket: Pick<EventEmitter, 'once' | 'off'>;
}

export interface ChannelHandlers {
  /** One record (a call's bytes in `payload`), with the hello of the process that sent it, and its connection. */
  record(record: TracerRecord, process: TracerHello | null, conn: TracerConnection, payload?: Uint8Array): void;
  /** Is step mode on? Each process is told when it connects, and waits to hear it before its first call. */
  stepping?(): boolean;
  /** A line the bridge could not use: shown, and the run carries on. */
  problem(message: string): void;
  /** A process's connection closed (it exited, or was killed), after its last record. */
  ended?(process: TracerHello | null): void;
  /**
   * Where the events go (`lab run`'s stdout). While it is congested the channel stops reading,
   * so a traced process waits in its write to the channel: it slows down and nothing is lost,
   * where reading on would hold its records in the bridge without bound.
   */
  flow?: Pick<EventSink, 'congested' | 'whenReady'>;
}

/** Traced processes connected at once to one channel; past it a process is told no and runs untraced. */
export const MAX_TRACED_PROCESSES = 256;

export class TraceChannel {
  readonly path: string;
  private readonly dir: string;
  private readonly server: net.Server;
  private readonly conns = new Set<net.Socket>();
  /** Records of all processes, in the order they were made (holds do not wait: they are not events). */
  private readonly order = new NsOrder<() => void>((deliver) => deliver());

  private constructor(
    dir: string,
    server: net.Server,
    file: string,
    /** A fixed path (attach.ts): only the socket is removed at close, not its folder. */
    private readonly fixed: boolean,
  ) {
    this.dir = dir;
    this.path = path.join(dir, file);
    this.server = server;
  }

  /**
   * Listens on a fresh socket that only this user can reach (the directory is 0700), or at `at`,
   * whose folder must be this user's alone (a socket left there by a bridge that died is replaced;
   * one a running bridge listens on is not).
   */
  static async open(h: ChannelHandlers, at?: string): Promise<TraceChannel> {
    const dir = at ? privateFolder(path.dirname(at)) : mkdtempSync(path.join(tmpdir(), 'socket-lab-trace-'));
    if (at && (await listening(at))) throw new Error(`another Socket Lab already listens at ${at}`);
    if (at) rmSync(at, { force: true });
    const server = net.createServer();
    const channel = new TraceChannel(dir, server, at ? path.basename(at) : 'trace.sock', at !== undefined);
    server.on('connection', (socket) => channel.accepted(socket, h));
    server.on('error', (err) => h.problem(`trace channel: ${err.message}`));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(channel.path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return channel;
  }

  /** Tells every traced process (step mode on or off). */
  broadcast(message: BridgeToTracer): void {
    const line = JSON.stringify(message) + '\n';
    for (const c of this.conns) if (!c.destroyed) c.write(line);
  }

  close(): void {
    this.order.flush();
    for (const c of this.conns) c.destroy();
    this.server.close();
    rmSync(this.fixed ? this.path : this.dir, { recursive: true, force: true });
    if (this.fixed) {
      try {
        // The attach folder goes too once nothing is left in it (a bridge leaves no temp files behind).
        rmdirSync(this.dir);
      } catch {
        // Not empty, or already gone.
      }
    }
  }

  private accepted(socket: net.Socket, h: ChannelHandlers): void {
    if (this.conns.size >= MAX_TRACED_PROCESSES) {
      h.problem(`more than ${MAX_TRACED_PROCESSES} traced processes at once: a new one runs untraced`);
      socket.destroy();
      return;
    }
    this.conns.add(socket);
    const conn: TracerConnection = {
      reply: (message) => {
        if (!socket.destroyed) socket.write(JSON.stringify(message) + '\n');
      },
      socket,
    };
    conn.reply({ k: 'mode', step: h.stepping?.() ?? false });
    let hello: TracerHello | null = null;
    const decoder = new TracerStreamDecoder();
    socket.on('data', (chunk: Buffer) => {
      for (const item of decoder.push(chunk)) {
        if (!item.ok) {
          h.problem(item.message);
          if (item.fatal) socket.destroy();
          continue;
        }
        const { record, payload } = item;
        if (record.k === 'hello') hello = record;
        const from = hello;
        if (record.k === 'hold') h.record(record, from, conn, payload);
        else this.order.push(record.ns, () => h.record(record, from, conn, payload));
      }
      const flow = h.flow;
      if (flow?.congested && !socket.isPaused()) {
        socket.pause();
        flow.whenReady(() => socket.resume());
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      this.conns.delete(socket);
      // After the process's last records, which wait in the order buffer.
      const last = hello;
      if (h.ended) this.order.push(Number(process.hrtime.bigint()), () => h.ended!(last));
    });
  }
}

/** `dir`, made if missing, and refused unless it is a folder of this user's that no one else may enter. */
function privateFolder(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid()) || (st.mode & 0o077) !== 0) {
    throw new Error(`${dir} is not a private folder of this user's (it must be mode 0700): refusing to listen there`);
  }
  return dir;
}

/** Does a process listen on the Unix socket at `file`? */
export function listening(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(file);
    probe.once('connect', () => (probe.destroy(), resolve(true)));
    probe.once('error', () => resolve(false));
  });
}
