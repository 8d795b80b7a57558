// One page connection: owns its labs and their sockets, answers its messages, closes all at the end.
import type { ClientMessage, CommandMessage, ErrorCode, LabId, ServerMessage } from '@socket-lab/protocol';
import { assertNever, PROTOCOL_VERSION, parseClientMessage } from '@socket-lab/protocol';
import { toHex } from '@socket-lab/bytes';
import { EventQueue, type QueueLimits, type Transport } from './event-queue.ts';
import { idCounter, LabError, pyLabError, type Lab, type LabContext } from './labs/lab.ts';
import { toPyError } from './python-errors.ts';
import { LAB_FACTORIES, type LabOptions } from './labs/registry.ts';
import { PayloadStore } from './payload-store.ts';
import { Recorder } from './recorder.ts';
import type { Flow } from './sockets/recv-loop.ts';
import { Stepper } from './stepper.ts';
import { PcapngCapture } from './trace/pcapng-capture.ts';
import { KernelWatch } from './kernel/kernel-watch.ts';

/** Full payloads kept per session for `get-bytes` on events whose preview was cut. */
const PAYLOAD_STORE_BYTES = 16 * 1024 * 1024;

type AnyLab = Lab<LabId>;

export class Session {
  readonly queue: EventQueue;
  readonly recorder: Recorder;
  /** Everything the session's sockets moved, as pcapng (in a temp file), for the page's "Save pcapng". */
  readonly capture = new PcapngCapture();
  /** The kernel's view of the session's TCP sockets between events, while the page looks. */
  readonly kernel: KernelWatch;
  private readonly labs = new Map<LabId, AnyLab>();
  private readonly nextId = idCounter();
  private closed = false;
  readonly stepper = new Stepper(() => {
    if (!this.closed) this.queue.sendState('stepper', () => ({ type: 'stepper', mode: this.stepper.current, pending: this.stepper.pending() }));
  });

  constructor(
    readonly id: string,
    transport: Transport,
    limits?: QueueLimits,
    /** Called when the page stops reading replies altogether; the owner closes the connection. */
    private readonly overflow: () => void = () => {},
    /** Options every lab of the session gets (the launch-named programs folder). */
    private readonly labOptions: LabOptions = {},
  ) {
    this.queue = new EventQueue(transport, limits);
    this.recorder = new Recorder(this.queue, new PayloadStore(PAYLOAD_STORE_BYTES));
    this.kernel = new KernelWatch((sockets) => {
      if (!this.closed) this.queue.sendState('kernel', () => ({ type: 'kernel', sockets }));
    });
    this.recorder.tap = (event, data) => {
      this.capture.record(event, data);
      this.kernel.observe(event);
    };
    this.send({ type: 'welcome', protocol: PROTOCOL_VERSION, session: id, previewBytes: this.recorder.previewBytes });
  }

  /** Handles one raw text frame from the page. Never throws: every failure becomes a reply. */
  async receive(text: string): Promise<void> {
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      this.send({ type: 'error', id: requestIdOf(text), code: parsed.code, message: parsed.message });
      return;
    }
    await this.dispatch(parsed.value);
  }

  /** Answers a frame that never reached the parser (e.g. a binary frame). */
  reject(code: ErrorCode, message: string): void {
    this.send({ type: 'error', id: null, code, message });
  }

  close(): void {
    this.closed = true;
    this.kernel.stop();
    for (const lab of this.labs.values()) lab.close();
    this.labs.clear();
    this.capture.close();
  }

  private async dispatch(msg: ClientMessage): Promise<void> {
    switch (msg.type) {
      case 'command':
        return this.command(msg);
      case 'step-mode':
        this.stepper.setMode(msg.mode);
        this.send({ type: 'result', id: msg.id });
        return;
      case 'kernel-watch':
        this.kernel.watch(msg.on);
        this.send({ type: 'result', id: msg.id });
        return;
      case 'step':
        if (this.stepper.step(msg.socket)) this.send({ type: 'result', id: msg.id });
        else this.send({ type: 'error', id: msg.id, code: 'not-found', message: msg.socket === undefined ? 'nothing is waiting for a step' : `${msg.socket} has no call waiting for a step` });
        return;
      case 'get-bytes': {
        const data = this.recorder.payload(msg.seq);
        if (data) this.send({ type: 'bytes', id: msg.id, seq: msg.seq, hex: toHex(data) });
        else this.send({ type: 'error', id: msg.id, code: 'not-found', message: `no stored bytes for event ${msg.seq}: only cut previews of recent events are kept` });
        return;
      }
      default:
        return assertNever(msg);
    }
  }

  private async command(msg: CommandMessage): Promise<void> {
    if (this.closed) return;
    const lab = this.lab(msg.lab);
    try {
      await lab.handle(msg.command as never);
      // The page may have gone while this command was still opening sockets; close what it opened.
      if (this.closed) return lab.close();
      this.send({ type: 'result', id: msg.id });
    } catch (err) {
      if (err instanceof LabError) {
        this.send({ type: 'error', id: msg.id, code: err.code, message: err.message });
      } else if (typeof (err as NodeJS.ErrnoException | null)?.code === 'string') {
        // A socket call the OS refused (EMFILE when descriptors run out, …): Python's exception, for this command only.
        this.send({ type: 'error', id: msg.id, code: 'lab-error', message: pyLabError(toPyError(err)).message });
      } else {
        this.send({ type: 'error', id: msg.id, code: 'lab-error', message: `internal error: ${(err as Error).message}` });
      }
    }
  }

  private lab(id: LabId): AnyLab {
    let lab = this.labs.get(id);
    if (!lab) {
      const ctx: LabContext = {
        record: (call) => (this.closed ? null : this.recorder.record(id, call).seq),
        flow: this.flowFor(id),
        publish: () => {
          const current = this.labs.get(id);
          if (current && !this.closed) this.queue.sendState(id, () => ({ type: 'state', lab: id, state: current.state() }) as ServerMessage);
        },
        nextId: this.nextId,
      };
      lab = LAB_FACTORIES[id](ctx, this.labOptions) as AnyLab;
      this.labs.set(id, lab);
    }
    return lab;
  }

  /** What a lab's readers consult before each recv: the page's congestion, then step mode. */
  private flowFor(lab: LabId): Flow {
    const queue = this.queue;
    const stepper = this.stepper;
    return {
      get congested() {
        return queue.congested;
      },
      get stepping() {
        return stepper.current === 'step';
      },
      get holding() {
        return stepper.holding;
      },
      whenReady: (cb) => queue.whenReady(cb),
      acquire: (key, describe, resume) => stepper.acquire(key, () => ({ ...describe(), lab }), resume),
      release: (key) => stepper.forget(key),
      watchMode: (cb) => stepper.watchMode(cb),
    };
  }

  private send(message: ServerMessage): void {
    if (!this.closed && !this.queue.sendControl(message)) this.overflow();
  }
}

/** Best effort: echo the id of a request that failed validation, so the page can match it. */
function requestIdOf(text: string): number | null {
  // Only a whole number: `"id": 1.5` is no request's id, and answering it as 1 would resolve another.
  const m = /"id"\s*:\s*(\d{1,15})\s*[,}]/.exec(text.slice(0, 4096));
  return m ? Number(m[1]) : null;
}
