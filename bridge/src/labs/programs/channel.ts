// The bridge's end of the tracer's wire: a Unix socket in a private temp directory, one
// connection per traced process, one JSON record per line (packages/protocol tracer.ts).
import type { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_TRACER_LINE, parseTracerLine, type BridgeToTracer, type TracerHello, type TracerRecord } from '@socket-lab/protocol';

/** One traced process's connection, as the lab sees it. */
export interface TracerConnection {
  reply(message: BridgeToTracer): void;
  /** The connection itself: it emits 'close' when the process exits or is killed. */
  readonly socket: Pick<EventEmitter, 'once' | 'off'>;
}

export interface ChannelHandlers {
  /** One record, with the hello of the process that sent it, and its connection. */
  record(record: TracerRecord, process: TracerHello | null, conn: TracerConnection): void;
  /** Is step mode on? Each process is told when it connects, and waits to hear it before its first call. */
  stepping?(): boolean;
  /** A line the bridge could not use: shown, and the run carries on. */
  problem(message: string): void;
}

export class TraceChannel {
  readonly path: string;
  private readonly dir: string;
  private readonly server: net.Server;
  private readonly conns = new Set<net.Socket>();

  private constructor(dir: string, server: net.Server) {
    this.dir = dir;
    this.path = path.join(dir, 'trace.sock');
    this.server = server;
  }

  /** Listens on a fresh socket that only this user can reach (the directory is 0700). */
  static async open(h: ChannelHandlers): Promise<TraceChannel> {
    const dir = mkdtempSync(path.join(tmpdir(), 'socket-lab-trace-'));
    const server = net.createServer();
    const channel = new TraceChannel(dir, server);
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
    for (const c of this.conns) c.destroy();
    this.server.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private accepted(socket: net.Socket, h: ChannelHandlers): void {
    this.conns.add(socket);
    const conn: TracerConnection = {
      reply: (message) => {
        if (!socket.destroyed) socket.write(JSON.stringify(message) + '\n');
      },
      socket,
    };
    conn.reply({ k: 'mode', step: h.stepping?.() ?? false });
    let hello: TracerHello | null = null;
    let pending = '';
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      pending += text;
      if (pending.length > MAX_TRACER_LINE && !pending.includes('\n')) {
        h.problem(`a traced process sent a record over ${MAX_TRACER_LINE} bytes; its trace stops here`);
        socket.destroy();
        return;
      }
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const parsed = parseTracerLine(line);
        if (!parsed.ok) {
          h.problem(parsed.message);
          continue;
        }
        if (parsed.value.k === 'hello') hello = parsed.value;
        h.record(parsed.value, hello, conn);
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => this.conns.delete(socket));
  }
}
