// recv(n) made real in Node: every chunk handed on is one read of at most n bytes.
import net from 'node:net';
import type { PendingCall } from '@socket-lab/protocol';

export interface RecvHandlers {
  /**
   * One recv(n) returned `chunk` (1..n bytes). A returned promise holds further reads until it
   * settles, as a Python loop would not call recv again before its sendall returned.
   */
  onChunk(chunk: Buffer, n: number): void | Promise<void>;
  /** recv returned b'': the peer sent FIN. */
  onEof(n: number): void;
  onError(err: Error, n: number): void;
}

/** What a held call says about itself (the session adds the lab). */
export type HeldCall = Omit<PendingCall, 'lab'>;

export interface Flow {
  readonly congested: boolean;
  /** Step mode is on: readers and senders must ask `acquire` before each call. */
  readonly stepping?: boolean;
  whenReady(cb: () => void): void;
  /**
   * Step mode: may this reader make one recv now? When not, `resume` runs once it may.
   * Absent where nothing steps (the CLI).
   */
  acquire?(key: object, describe: () => HeldCall, resume: () => void): boolean;
  /** The reader is gone; drop any wait it has. */
  release?(key: object): void;
  /** Step mode holds at least one call now. */
  readonly holding?: boolean;
  /** Calls `cb` when step mode is switched on or off; returns the unsubscribe. */
  watchMode?(cb: (stepping: boolean) => void): () => void;
}

/**
 * A reset (RST) that came while bytes were still unread. Linux keeps those bytes readable and
 * reports the reset to the next call that finds the queue empty, or to the next send, whichever
 * comes first, and only once. Node instead ends the socket with the error at once; this keeps the
 * error until a recv or a send (see send-all.ts) takes it, as the kernel would.
 */
const pendingResets = new WeakMap<net.Socket, Error>();

/** The reset a send meets on this socket, once: the next recv then finds the remaining bytes and EOF. */
export function takeReset(socket: net.Socket): Error | undefined {
  const err = pendingResets.get(socket);
  pendingResets.delete(socket);
  return err;
}

/** Who is reading, for step mode's list of held calls. */
export interface ReaderLabel {
  socket: string;
}

/**
 * Reads a socket the server accepted. net.Server cannot give accepted sockets the `onread`
 * option, so they are read in paused mode: Node fills its own buffer from the kernel and
 * `read(min(n, readableLength))` hands on at most n bytes of what has arrived, exactly what
 * recv(n) returns to Python. Node stops filling at its high-water mark, so while we hold,
 * the rest waits in the kernel.
 */
export class AcceptedRecvLoop {
  private holding = false;
  private done = false;
  /** The socket was reset with bytes unread: those are read before the reset is reported. */
  private drainAfterReset = false;
  /** The recv step mode asks about: its n and the bytes waiting. */
  private asked = 0;
  private available = 0;
  // Made once, not per recv: a closure per call was garbage (and tsx names each one it makes).
  private readonly describe = (): HeldCall => ({ socket: this.label.socket, op: 'recv', arg: this.asked, waiting: this.available });
  private readonly resumeLater = (): void => this.resume();

  constructor(
    private readonly socket: net.Socket,
    private readonly size: () => number,
    private readonly flow: Flow,
    private readonly h: RecvHandlers,
    private readonly label: ReaderLabel = { socket: '' },
  ) {
    socket.on('readable', () => this.pump());
    socket.on('end', () => this.finish(() => h.onEof(size())));
    socket.on('error', (err) => {
      // Bytes that arrived before a reset are still the program's to read (Node has them buffered).
      if ((err as NodeJS.ErrnoException).code === 'ECONNRESET' && socket.readableLength > 0) {
        pendingResets.set(socket, err);
        this.drainAfterReset = true;
        if (!this.holding) this.pump();
        return;
      }
      this.finish(() => h.onError(err, size()));
    });
    socket.on('close', () => flow.release?.(this));
  }

  private finish(report: () => void): void {
    if (this.done) return;
    this.done = true;
    this.flow.release?.(this);
    report();
  }

  private pump(): void {
    while (!this.holding && !this.done && (this.drainAfterReset || !this.socket.destroyed)) {
      if (this.flow.congested) {
        this.holding = true;
        this.flow.whenReady(() => this.resume());
        return;
      }
      const available = this.socket.readableLength;
      if (available === 0 && this.drainAfterReset) {
        // The queue is empty: this recv meets the reset, unless a send already took it (then b'').
        const reset = takeReset(this.socket);
        this.finish(() => (reset ? this.h.onError(reset, this.size()) : this.h.onEof(this.size())));
        return;
      }
      if (available === 0) {
        // read(0) refills from the kernel, or emits 'end' once EOF has been reached.
        this.socket.read(0);
        return;
      }
      const n = this.size();
      // Step mode holds the recv itself: until a step is granted nothing more is read.
      this.asked = n;
      this.available = available;
      if (this.flow.acquire && !this.flow.acquire(this, this.describe, this.resumeLater)) {
        this.holding = true;
        return;
      }
      const chunk = this.socket.read(Math.min(n, available)) as Buffer | null;
      if (chunk === null) return;
      const pending = this.h.onChunk(chunk, n);
      if (pending) {
        this.holding = true;
        pending.then(this.resumeLater, this.resumeLater);
      }
    }
  }

  private resume(): void {
    this.holding = false;
    this.pump();
  }
}

/**
 * Connects a client whose every read is one recv(n): Node's `onread` reads straight into an
 * n-byte buffer, so the kernel never hands over more than n bytes per read.
 * The buffer size is looked up after each read, so a new BUF_SIZE applies from the next recv,
 * as in Python where the recv already waiting keeps its size.
 */
export function connectWithRecv(
  options: { host: string; port: number },
  size: () => number,
  flow: Flow,
  h: Omit<RecvHandlers, 'onChunk'> & { onChunk(chunk: Buffer, n: number): void },
  label: ReaderLabel = { socket: '' },
): net.Socket {
  let done = false;
  const key = {};
  const socket: net.Socket = net.connect({
    host: options.host,
    port: options.port,
    allowHalfOpen: true,
    onread: {
      buffer: sizedBuffer(size),
      callback: (nread: number, buf: Uint8Array): boolean => {
        // The buffer is reused for the next read, so hand on a copy.
        const chunk = Buffer.from(buf.subarray(0, nread));
        const n = buf.length;
        if (flow.stepping) {
          return heldRead(flow, socket, key, { socket: label.socket, op: 'recv', arg: n, waiting: nread }, () => {
            h.onChunk(chunk, n);
            return true;
          });
        }
        h.onChunk(chunk, n);
        if (!flow.congested) return true;
        flow.whenReady(() => socket.resume());
        return false;
      },
    },
  });
  socket.on('close', () => flow.release?.(key));
  socket.on('end', () => {
    if (!done) {
      done = true;
      h.onEof(size());
    }
  });
  socket.on('error', (err) => {
    if (!done) {
      done = true;
      h.onError(err, size());
    }
  });
  return socket;
}

/**
 * Step mode for a socket read with `onread`: the chunk just read (at most n bytes) is held until
 * its step, and reading stops meanwhile, so everything after it stays in the kernel. `deliver`
 * hands the chunk on and says whether to keep reading. Returns what the onread callback returns.
 */
export function heldRead(
  flow: Flow,
  socket: net.Socket,
  key: object,
  call: { socket: string; op: string; arg: number; waiting: number },
  deliver: () => boolean,
): boolean {
  if (!flow.acquire) return deliver();
  const later = () => {
    if (flow.acquire!(key, () => call, later) && deliver() && !socket.destroyed) socket.resume();
  };
  return flow.acquire(key, () => call, later) ? deliver() : false;
}

/**
 * The `onread` buffer source: an n-byte buffer for the current BUF_SIZE, reused until it changes.
 * Node asks for the next buffer after each read, which is why a new size starts at the next recv.
 */
export function sizedBuffer(size: () => number): () => Buffer {
  let buffer = Buffer.alloc(0);
  return () => {
    const n = size();
    if (buffer.length !== n) buffer = Buffer.alloc(n);
    return buffer;
  };
}

/**
 * A socket timeout (Python's settimeout) that waits while step mode holds a call: the lecturer's
 * steps, not the clock, pace a stepped exchange. Returns the cancel function.
 */
export function stepAwareTimeout(flow: Flow | undefined, ms: number, fire: () => void): () => void {
  let timer: NodeJS.Timeout;
  const expire = () => {
    if (flow?.holding) timer = setTimeout(expire, ms);
    else fire();
  };
  timer = setTimeout(expire, ms);
  return () => clearTimeout(timer);
}
