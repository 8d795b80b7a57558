// The assignment's buffered_server.py, done right: one client at a time, frames reassembled
// across recv(BUF_SIZE), each reply `[len][payload[10:]]`, every step recorded.
import net from 'node:net';
import type { Address, PyError } from '@socket-lab/protocol';
import {
  decodeUtf8,
  describeIncomplete,
  describeUtf8Error,
  dropFirstChars,
  encodeText,
  FrameDecoder,
  HEADER_BYTES,
  type FrameStep,
} from '@socket-lab/framing';
import { toPyError } from '../../python-errors.ts';
import type { Call } from '../../recorder.ts';
import { AcceptedRecvLoop, type Flow } from '../../sockets/recv-loop.ts';
import { listenTcp } from '../../sockets/listen.ts';
import { sendAll } from '../../sockets/send-all.ts';
import type { LabContext } from '../lab.ts';
import { textInfo, wireSteps } from './text-info.ts';

/** Connections held waiting for accept() at most; later ones are closed (a listen backlog is finite). */
export const MAX_WAITING = 16;

/** What the lanes show for a connection past MAX_WAITING: the lab's limit, not Python's. */
export const tooManyWaiting = (): PyError => ({
  name: 'Refused by Socket Lab',
  message: `${MAX_WAITING} connections already wait for accept(), the most this lab holds, so it closed this one`,
  hint: 'A Python server would leave it waiting in the listen backlog. Let the waiting clients finish, then connect again.',
});

export interface ServerHooks {
  record(call: Call): void;
  flow: Flow;
  nextId: LabContext['nextId'];
  bufsize(): number;
  /** Something shown in the lab's state changed. */
  changed(): void;
}

interface Serving {
  id: string;
  socket: net.Socket;
  local: Address;
  remote: Address;
}

export class FramedServer {
  private stopping = false;
  private closed = false;
  private listenerGone: Promise<void> | null = null;
  private current: Serving | null = null;
  private readonly waiting: net.Socket[] = [];

  private constructor(
    readonly id: string,
    private readonly server: net.Server,
    readonly local: Address,
    private readonly maxFrame: number,
    private readonly h: ServerHooks,
  ) {
    server.on('connection', (socket) => this.arrived(socket));
  }

  /** bind + listen; rejects with the Node error (the caller records it as Python's). */
  static async listen(host: string, port: number, maxFrame: number, h: ServerHooks): Promise<FramedServer> {
    // pauseOnConnect: a connection waiting for accept() must not be read, so its bytes stay in
    // the kernel exactly as they would for a Python server busy with another client.
    const server = net.createServer({ pauseOnConnect: true, allowHalfOpen: true });
    // Accept errors come only after listen, by which time the id and address are known.
    let id = '';
    let local: Address = [host, port];
    await listenTcp(server, { host, port, backlog: 5, exclusive: true }, (err) =>
      h.record({ socket: id, role: 'server', op: 'accept', local, remote: null, error: toPyError(err) }),
    );
    id = h.nextId('server');
    const info = server.address() as net.AddressInfo;
    local = [info.address, info.port];
    h.record({ socket: id, role: 'server', op: 'bind', local, remote: null });
    h.record({ socket: id, role: 'server', op: 'listen', local, remote: null, arg: 5 });
    return new FramedServer(id, server, local, maxFrame, h);
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** True once the listener is closed and the last connection is done. */
  get isFinished(): boolean {
    return this.closed && this.current === null;
  }

  get serving(): { socket: string; local: Address; remote: Address } | null {
    const c = this.current;
    return c ? { socket: c.id, local: c.local, remote: c.remote } : null;
  }

  get waitingRemotes(): Address[] {
    return this.waiting.map((s) => [s.remoteAddress ?? '', s.remotePort ?? 0] as Address);
  }

  /**
   * keep_running = False. The listener closes now; the connection being served closes after
   * its recv returns, because a Python server checks keep_running only between calls.
   */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.closeListener();
    this.h.changed();
  }

  /** Closes everything at once (the page went away). */
  destroy(): void {
    this.stopping = true;
    this.server.close();
    this.closed = true;
    for (const s of this.waiting) s.destroy();
    this.waiting.length = 0;
    this.current?.socket.destroy();
    this.current = null;
  }

  /** Resolves once the listening socket is closed in the kernel (after stop()), so its port can be bound again. */
  get listenerClosed(): Promise<void> {
    return this.listenerGone ?? Promise.resolve();
  }

  private closeListener(): void {
    if (this.closed) return;
    this.closed = true;
    this.listenerGone = new Promise((resolve) => this.server.close(() => resolve()));
    for (const s of this.waiting) s.destroy();
    this.waiting.length = 0;
    this.h.record({ socket: this.id, role: 'server', op: 'close', local: this.local, remote: null });
  }

  private arrived(socket: net.Socket): void {
    if (this.stopping || this.waiting.length >= MAX_WAITING) {
      const remote: Address = [socket.remoteAddress ?? '', socket.remotePort ?? 0];
      socket.on('error', () => {});
      socket.destroy();
      if (!this.stopping) {
        // Shown, since a Python server would leave it waiting in the backlog instead.
        this.h.record({ socket: this.id, role: 'server', op: 'accept', local: this.local, remote, error: tooManyWaiting() });
      }
      return;
    }
    socket.on('error', () => {});
    socket.once('close', () => {
      const i = this.waiting.indexOf(socket);
      if (i >= 0) {
        this.waiting.splice(i, 1);
        this.h.changed();
      }
    });
    this.waiting.push(socket);
    this.h.changed();
    this.acceptNext();
  }

  private acceptNext(): void {
    if (this.current || this.stopping) return;
    const socket = this.waiting.shift();
    if (!socket) return;
    const id = this.h.nextId('peer');
    const c: Serving = {
      id,
      socket,
      local: [socket.localAddress ?? '', socket.localPort ?? 0],
      remote: [socket.remoteAddress ?? '', socket.remotePort ?? 0],
    };
    this.current = c;
    this.h.record({ socket: id, role: 'peer', op: 'accept', local: c.local, remote: c.remote });
    this.h.changed();
    const decoder = new FrameDecoder(this.maxFrame);
    new AcceptedRecvLoop(socket, () => this.h.bufsize(), this.h.flow, {
      onChunk: (chunk, n) => this.received(c, decoder, chunk, n),
      onEof: (n) => {
        this.call(c, { op: 'recv', arg: n, data: Buffer.alloc(0) });
        const partial = decoder.end();
        if (partial) {
          this.call(c, {
            op: 'frame',
            frame: { kind: 'incomplete', ...partial },
            error: { name: 'IncompleteFrame', message: describeIncomplete(partial) },
          });
        }
        this.finish(c);
      },
      onError: (err, n) => {
        this.call(c, { op: 'recv', arg: n, error: toPyError(err) });
        this.finish(c);
      },
    }, { socket: id });
    socket.resume();
  }

  /**
   * One recv. Synchronous unless it completed a frame or found a bad header: a promise per recv
   * (most of them, at recv(4), read a piece of a payload) cost a microtask and its garbage each.
   */
  private received(c: Serving, decoder: FrameDecoder, chunk: Buffer, n: number): void | Promise<void> {
    const steps = decoder.push(chunk);
    this.call(c, { op: 'recv', arg: n, data: chunk, frame: { kind: 'steps', steps: wireSteps(steps) } });
    if (this.stopping) return this.finish(c);
    for (let i = 0; i < steps.length; i++) {
      const kind = steps[i]!.kind;
      if (kind === 'too-large' || kind === 'complete') return this.answer(c, steps.slice(i));
    }
  }

  /** The steps from a complete frame or a bad header on: the replies, or the connection closed. */
  private async answer(c: Serving, steps: FrameStep[]): Promise<void> {
    for (const step of steps) {
      if (step.kind === 'too-large') {
        const header = Buffer.alloc(4);
        header.writeUInt32BE(step.claimed);
        this.call(c, {
          op: 'frame',
          frame: { kind: 'too-large', claimed: step.claimed, littleEndian: header.readUInt32LE(), max: step.max },
          error: {
            name: 'FrameTooLarge',
            message: `frame too large: the header claims ${step.claimed.toLocaleString('en')} bytes, more than the ${step.max.toLocaleString('en')}-byte limit`,
            hint: 'Nothing was allocated for it. The stream cannot be trusted after a bad header, so the connection is closed.',
          },
        });
        return this.finish(c);
      }
      if (step.kind !== 'complete') continue;
      const text = decodeUtf8(step.payload);
      if (!text.ok) {
        this.call(c, {
          op: 'frame',
          frame: { kind: 'bad-utf8', offset: text.offset },
          error: { name: 'UnicodeDecodeError', message: describeUtf8Error(text), hint: 'payload.decode() fails: the server closes this connection and serves the next client.' },
        });
        return this.finish(c);
      }
      const reply = dropFirstChars(text.text);
      this.call(c, { op: 'frame', frame: { kind: 'message', payload: textInfo(text.text), reply: textInfo(reply) } });
      const frame = encodeText(reply);
      const error = await sendAll(c.socket, frame, { flow: this.h.flow, socket: c.id });
      this.call(c, { op: 'sendall', data: frame, frame: { kind: 'header', bytes: HEADER_BYTES, length: frame.length - HEADER_BYTES }, ...(error ? { error } : {}) });
      if (error) return this.finish(c);
    }
  }

  private call(c: Serving, call: Omit<Call, 'socket' | 'role' | 'local' | 'remote'>): void {
    this.h.record({ socket: c.id, role: 'peer', local: c.local, remote: c.remote, ...call });
  }

  private finish(c: Serving): void {
    if (this.current !== c) return;
    c.socket.destroy();
    this.call(c, { op: 'close' });
    this.current = null;
    this.h.changed();
    if (this.stopping) this.closeListener();
    else this.acceptNext();
  }
}
