// The assignment's buffered_client.py: send_message, receive_message() → (payload, ok), shutdown.
import net from 'node:net';
import type { Address, PyError } from '@socket-lab/protocol';
import { decodeUtf8, describeUtf8Error, encodeFrame, FrameDecoder, HEADER_BYTES, type ReplyOutcome } from '@socket-lab/framing';
import { toPyError } from '../../python-errors.ts';
import type { Call } from '../../recorder.ts';
import { heldRead, sizedBuffer, stepAwareTimeout, type Flow } from '../../sockets/recv-loop.ts';
import { sendAll } from '../../sockets/send-all.ts';
import { textInfo, wireSteps } from './text-info.ts';

export interface ClientHooks {
  record(call: Call): void;
  bufsize(): number;
  maxFrame: number;
  id: string;
  /** The session's flow, for step mode; absent for the grader, which never steps. */
  flow?: Flow;
}

export interface Received {
  ok: boolean;
  /** The payload as text; '' when not ok, as the assignment asks. */
  text: string;
  outcome: ReplyOutcome;
}

export class BufferedClient {
  /** Every frame sent and every chunk received, for the grader's report. */
  readonly sent: Uint8Array[] = [];
  readonly received: Uint8Array[] = [];
  private readonly decoder: FrameDecoder;
  private readonly frames: Array<ReplyOutcome & { kind: 'frame' | 'too-large' }> = [];
  private ended: { error: PyError | null } | null = null;
  private waiter: ((o: ReplyOutcome) => void) | null = null;
  /** While receive_message() waits with a timeout: restarts it (each chunk that comes in). */
  private rearm: (() => void) | null = null;
  private open = true;

  private constructor(
    private readonly socket: net.Socket,
    readonly local: Address,
    readonly remote: Address,
    private readonly h: ClientHooks,
  ) {
    this.decoder = new FrameDecoder(h.maxFrame);
  }

  /** Creates the socket and connects; rejects with the Python error (already recorded). */
  static connect(host: string, port: number, h: ClientHooks, timeoutMs = 2000): Promise<BufferedClient> {
    return new Promise((resolve, reject) => {
      let client: BufferedClient | null = null;
      const socket = net.connect({
        host,
        port,
        allowHalfOpen: true,
        onread: {
          buffer: sizedBuffer(() => h.bufsize()),
          // Only receive_message() reads; between calls bytes wait in the kernel, as in Python.
          callback: (nread: number, buf: Uint8Array) => client!.read(Buffer.from(buf.subarray(0, nread)), buf.length),
        },
      });
      socket.pause();
      const timer = setTimeout(() => socket.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        const local: Address = [socket.localAddress ?? '', socket.localPort ?? 0];
        const remote: Address = [socket.remoteAddress ?? host, socket.remotePort ?? port];
        client = new BufferedClient(socket, local, remote, h);
        socket.on('end', () => client!.eof());
        socket.on('error', (err) => client!.failed(err));
        socket.on('close', () => h.flow?.release?.(client!));
        h.record({ socket: h.id, role: 'client', op: 'connect', local, remote });
        resolve(client);
      });
      socket.once('error', (err) => {
        if (client) return;
        clearTimeout(timer);
        const error = toPyError(err);
        h.record({ socket: h.id, role: 'client', op: 'connect', local: null, remote: [host, port], error });
        reject(error);
      });
    });
  }

  get waitingForReply(): boolean {
    return this.waiter !== null;
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** send_message(message): frames the UTF-8 text and sendall()s it. Resolves to the error, if any. */
  async sendMessage(text: string): Promise<PyError | null> {
    this.call({ op: 'send_message', frame: { kind: 'send', payload: textInfo(text) } });
    return this.sendRaw(encodeFrame(Buffer.from(text, 'utf8')), true);
  }

  /** sendall(bytes) as they are: for showing what hostile or broken input does. */
  async sendRaw(bytes: Uint8Array, framed = false): Promise<PyError | null> {
    this.sent.push(bytes);
    const error = await sendAll(this.socket, bytes, this.h.flow && { flow: this.h.flow, socket: this.h.id });
    this.call({
      op: 'sendall',
      data: bytes,
      ...(framed ? { frame: { kind: 'header' as const, bytes: HEADER_BYTES, length: bytes.length - HEADER_BYTES } } : {}),
      ...(error ? { error } : {}),
    });
    return error;
  }

  /** receive_message(): reads recv(BUF_SIZE) until one whole frame, the end, or the timeout. */
  async receiveMessage(timeoutMs?: number): Promise<Received> {
    if (this.waiter) throw new Error('receive_message() is already waiting on this socket');
    const outcome = await new Promise<ReplyOutcome>((resolve) => {
      const ready = this.next();
      if (ready) return resolve(ready);
      let cancel = () => {};
      this.waiter = (o) => {
        cancel();
        this.waiter = null;
        this.rearm = null;
        this.socket.pause();
        resolve(o);
      };
      if (timeoutMs !== undefined) {
        // The time runs from the last byte, not from the call: a slow server still sending (a
        // traced one on a busy machine, 650,000 characters) is not one that stopped answering.
        this.rearm = () => {
          cancel();
          cancel = stepAwareTimeout(this.h.flow, timeoutMs, () => this.waiter?.({ kind: 'timeout', seconds: timeoutMs / 1000, partial: this.decoder.end() }));
        };
        this.rearm();
      }
      this.socket.resume();
    });
    const result = toReceived(outcome);
    this.call({
      op: 'receive_message',
      frame: { kind: 'receive', ok: result.ok, payload: textInfo(result.text), ...(result.reason ? { reason: result.reason } : {}) },
    });
    return result;
  }

  /** shutdown(): closes the socket. */
  shutdown(): void {
    if (!this.open) return;
    this.open = false;
    this.socket.destroy();
    this.call({ op: 'close' });
    this.waiter?.({ kind: 'closed', partial: null });
  }

  /** One read of at most n bytes came in (held until its step in step mode). Returns whether to keep reading. */
  private read(data: Buffer, n: number): boolean {
    const flow = this.h.flow;
    if (!flow?.stepping) return this.chunk(data, n);
    return heldRead(flow, this.socket, this, { socket: this.h.id, op: 'recv', arg: n, waiting: data.length }, () => this.chunk(data, n));
  }

  private chunk(data: Buffer, n: number): boolean {
    this.rearm?.();
    this.received.push(data);
    const steps = this.decoder.push(data);
    this.call({ op: 'recv', data, arg: n, frame: { kind: 'steps', steps: wireSteps(steps) } });
    for (const s of steps) {
      if (s.kind === 'complete') this.frames.push({ kind: 'frame', length: s.payload.length, payload: s.payload });
      if (s.kind === 'too-large') {
        const header = Buffer.alloc(4);
        header.writeUInt32BE(s.claimed);
        this.frames.push({ kind: 'too-large', claimed: s.claimed, littleEndian: header.readUInt32LE(), max: s.max });
      }
    }
    const ready = this.next();
    if (ready && this.waiter) {
      this.waiter(ready);
      return false;
    }
    return this.waiter !== null;
  }

  /** A result that needs no more reading: a queued frame, or the end of the stream. */
  private next(): ReplyOutcome | null {
    const frame = this.frames.shift();
    if (frame) return frame;
    if (!this.open) return { kind: 'error', name: 'OSError', message: '[Errno 9] Bad file descriptor (the client was shut down)' };
    if (this.ended) {
      return this.ended.error
        ? { kind: 'error', name: this.ended.error.name, message: this.ended.error.message }
        : { kind: 'closed', partial: this.decoder.end() };
    }
    return null;
  }

  private eof(): void {
    this.call({ op: 'recv', data: Buffer.alloc(0), arg: this.h.bufsize() });
    this.ended = { error: null };
    const o = this.next();
    if (o && this.waiter) this.waiter(o);
  }

  private failed(err: Error): void {
    const error = toPyError(err);
    this.call({ op: 'recv', arg: this.h.bufsize(), error });
    this.ended = { error };
    const o = this.next();
    if (o && this.waiter) this.waiter(o);
  }

  private call(call: Omit<Call, 'socket' | 'role' | 'local' | 'remote'>): void {
    this.h.record({ socket: this.h.id, role: 'client', local: this.local, remote: this.remote, ...call });
  }
}

function toReceived(o: ReplyOutcome): Received & { reason?: string } {
  if (o.kind === 'frame') {
    const text = decodeUtf8(o.payload);
    if (text.ok) return { ok: true, text: text.text, outcome: o };
    return { ok: false, text: '', outcome: o, reason: `UnicodeDecodeError: ${describeUtf8Error(text)}` };
  }
  const reason =
    o.kind === 'closed'
      ? "the server closed the connection (recv returned b'')"
      : o.kind === 'timeout'
        ? `no reply within ${o.seconds} s`
        : o.kind === 'too-large'
          ? `frame too large: the header claims ${o.claimed} bytes`
          : `${o.name}: ${o.message}`;
  return { ok: false, text: '', outcome: o, reason };
}
