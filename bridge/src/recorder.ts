// Turns one socket call into a SocketEvent: sequence number, monotonic time, bytes as hex preview.
import type { Address, DatagramDetail, FrameDetail, LabId, Op, PyError, Role, SocketEvent } from '@socket-lab/protocol';

/** What a traced program's event carries beyond a lab's (SPEC "events"). */
export type ProgramFields = Pick<SocketEvent, 'pid' | 'thread' | 'fd' | 'where' | 'kernel' | 'kernelSkipped' | 'output' | 'process' | 'wait' | 'spawned'>;
import type { EventSink } from './event-sink.ts';
import type { PayloadStore } from './payload-store.ts';

export interface Call {
  socket: string;
  role: Role;
  op: Op;
  local: Address | null;
  remote: Address | null;
  /** The bytes moved. Must not be reused by the caller afterwards if it may be stored. */
  data?: Uint8Array;
  /** Bytes the call moved, when `data` holds only the first of them (a traced call the tracer cut). */
  size?: number;
  /**
   * What crossed the wire, where it differs from what the call returned: the whole datagram that
   * recvfrom(n) cut to n bytes. Only the capture (tap) sees it.
   */
  wire?: Uint8Array;
  arg?: number;
  error?: PyError;
  frame?: FrameDetail;
  datagram?: DatagramDetail;
  /** A traced Python program's call: which process, thread and fd, the program's line, the kernel's view. */
  program?: ProgramFields;
}

/**
 * Bytes of each event sent inline as hex. The page shows at most 64 per card and fetches the rest
 * when an event is selected, so 256 keeps classroom messages whole while keeping batches small.
 */
export const DEFAULT_PREVIEW_BYTES = 256;
/** The largest single recv or sendall a lab makes is 64 KiB: a preview this size never cuts. */
export const WHOLE_PAYLOAD_PREVIEW = 65536;

export class Recorder {
  private nextSeq = 0;
  private readonly t0 = performance.now();
  /** Sees every event with all of its bytes (the CLI's pcapng writer). */
  tap: ((event: SocketEvent, data: Uint8Array | undefined) => void) | null = null;

  constructor(
    readonly sink: EventSink,
    private readonly store: PayloadStore | null,
    readonly previewBytes = DEFAULT_PREVIEW_BYTES,
  ) {}

  /** Records one call. `data` is hex-encoded up to the preview limit; the rest goes to the store. */
  record(lab: LabId, call: Call): SocketEvent {
    const seq = this.nextSeq++;
    const data = call.data;
    const have = data ? data.length : 0;
    const size = call.size !== undefined && call.size > have ? call.size : have;
    const event: SocketEvent = {
      seq,
      t: Math.round((performance.now() - this.t0) * 1000) / 1000,
      lab,
      socket: call.socket,
      role: call.role,
      op: call.op,
      local: call.local,
      remote: call.remote,
      size,
      hex: '',
    };
    if (data && have > 0) {
      const cut = have > this.previewBytes;
      const n = cut ? this.previewBytes : have;
      // A socket's chunk is a Buffer: its own toString reads it in place (a Buffer view made of a
      // Uint8Array cost more than the digits, most calls moving a few bytes).
      event.hex = Buffer.isBuffer(data) ? data.toString('hex', 0, n) : Buffer.from(data.buffer, data.byteOffset, n).toString('hex');
      if (cut) this.store?.put(seq, data);
      if (cut || size > have) event.truncated = true;
      if (size > have) event.kept = have;
    }
    if (call.arg !== undefined) event.arg = call.arg;
    if (call.error) event.error = call.error;
    if (call.frame) event.frame = call.frame;
    if (call.datagram) event.datagram = call.datagram;
    if (call.program) Object.assign(event, call.program);
    this.sink.push(event);
    if (this.tap) this.tap(event, call.wire ?? data);
    return event;
  }

  /** The full bytes of a truncated event, while the store still holds them. */
  payload(seq: number): Uint8Array | undefined {
    return this.store?.get(seq);
  }
}
