// Everything the page knows, outside React: events arrive in batches, React redraws once per frame.
import { TRACE_VERSION, type Address, type LabId, type LabStates, type LiveKernel, type PendingCall, type ServerMessage, type SocketEvent, type Trace } from '@socket-lab/protocol';
import { assertNever } from '@socket-lab/protocol';
import type { Status } from '../bridge/bridge-client.ts';
import { LaneIndex } from '../lanes.ts';
import { SequenceIndex } from '../sequence/sequence-index.ts';
import { RowList } from '../fold-rows.ts';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

/** One lab's share of the session: its events in order, and their lanes. */
export class LabView {
  readonly events: SocketEvent[] = [];
  readonly lanes = new LaneIndex();
  // A session's events name few endpoints, each a fresh [host, port] array from JSON.parse; at a
  // million events one shared array per endpoint saves about a third of the page's heap.
  private readonly addresses = new Map<string, Address>();
  private arrows: SequenceIndex | null = null;
  private rowList: RowList | null = null;

  /**
   * The timeline's rows: one per event, or with runs of the same call folded (`fold`) except the
   * runs the user opened. The same list, brought up to date, until either choice changes.
   */
  rows(fold: boolean, opened: ReadonlySet<number>): RowList {
    let r = this.rowList;
    if (!r || r.fold !== fold || r.opened !== opened) r = this.rowList = new RowList(fold, opened);
    while (r.count < this.events.length) r.add(this.events[r.count]!);
    return r;
  }

  /**
   * Which recv read which send's bytes, for the sequence diagram. Built the first time the diagram
   * is shown and brought up to date on each call, so a session nobody draws as a diagram pays nothing.
   */
  sequence(): SequenceIndex {
    const ix = (this.arrows ??= new SequenceIndex());
    while (ix.count < this.events.length) ix.add(this.events[ix.count]!);
    return ix;
  }

  add(e: SocketEvent): void {
    if (e.local) e.local = this.address(e.local);
    if (e.remote) e.remote = this.address(e.remote);
    this.events.push(e);
    this.lanes.add(e);
  }

  private address(a: Address): Address {
    const key = `${a[0]}|${a[1]}`;
    const known = this.addresses.get(key);
    if (known) return known;
    // Bounded: a lab with more endpoints than this just stops sharing.
    if (this.addresses.size < 65536) this.addresses.set(key, a);
    return a;
  }
}

/**
 * Events a page keeps, in all labs. A page's heap holds 130 to 220 bytes an event (measured after
 * GC: 130 MiB at a million TCP echo recv(1) calls, 215 MiB at a million length-prefix recv(4)
 * calls with their framing steps), and a stream with no end (1 GiB at recv(4) is 268 million
 * calls) would grow it until the tab died and took the session with it. This many stays under
 * SPEC's 300 MB page heap for either. Past it the page counts calls, shows the count with the
 * bridge's drops, and says so once.
 */
export const MAX_KEPT_EVENTS = 1_250_000;

export class LabStore {
  private readonly views = new Map<LabId, LabView>();
  /** Events of every lab the page holds, for the header's count. */
  total = 0;
  /** Events the bridge dropped because the page was not reading fast enough. */
  dropped = 0;
  /** Events that came past MAX_KEPT_EVENTS: counted, not kept. */
  notKept = 0;
  previewBytes = 1024;
  status: Status = { kind: 'connecting' };
  states: Partial<LabStates> = {};
  /** Step mode, and the calls it holds. */
  stepper: { mode: 'run' | 'step'; pending: PendingCall[] } = { mode: 'run', pending: [] };
  notices: Notice[] = [];
  /** The kernel's view of each TCP socket now, by lab and socket id (live only: a replay has none). */
  kernel = new Map<string, LiveKernel>();
  /** The bridge session the events came from: a new one (the bridge restarted) starts the page afresh. */
  private session: string | null = null;
  private version = 0;
  private noticeId = 0;
  private readonly listeners = new Set<() => void>();
  private frame: number | null = null;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getVersion = (): number => this.version;

  apply(msg: ServerMessage): void {
    switch (msg.type) {
      case 'welcome':
        this.previewBytes = msg.previewBytes;
        if (this.session !== null && this.session !== msg.session) {
          // Its sequence numbers start again at 0: the old session's events cannot share the lanes.
          this.clear();
          this.notify('info', 'Connected to the bridge again, in a new session: the earlier events were in the old one (Save trace keeps a session).');
        }
        this.session = msg.session;
        break;
      case 'events': {
        const kept = Math.min(msg.events.length, Math.max(0, this.keepLimit - this.total));
        for (let i = 0; i < kept; i++) this.view(msg.events[i]!.lab).add(msg.events[i]!);
        this.total += kept;
        this.dropped = msg.dropped;
        if (kept < msg.events.length) {
          if (this.notKept === 0) {
            this.notify(
              'info',
              `This page holds at most ${this.keepLimit.toLocaleString('en')} calls, and has them: later calls are counted with the dropped ones, not shown. ` +
                'The labs go on running. Save trace keeps the calls shown; reload the page to start a new session.',
            );
          }
          this.notKept += msg.events.length - kept;
        }
        break;
      }
      case 'state':
        this.states = { ...this.states, [msg.lab]: msg.state };
        break;
      case 'stepper':
        this.stepper = { mode: msg.mode, pending: msg.pending };
        break;
      case 'kernel':
        this.kernel = new Map(msg.sockets.map((k) => [`${k.lab}\n${k.socket}`, k]));
        break;
      case 'error':
        this.notify('error', msg.message);
        return;
      case 'result':
      case 'bytes':
        return;
      default:
        return assertNever(msg);
    }
    this.changed();
  }

  setStatus(status: Status): void {
    this.status = status;
    this.changed();
  }

  notify(kind: Notice['kind'], text: string): void {
    this.notices = [...this.notices.slice(-4), { id: ++this.noticeId, kind, text }];
    this.changed();
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
    this.changed();
  }

  constructor(private readonly keepLimit = MAX_KEPT_EVENTS) {}

  /** Calls the page does not show: the bridge's drops and those past the page's limit. */
  get missing(): number {
    return this.dropped + this.notKept;
  }

  /** Everything recorded so far, as a trace file's contents. */
  toTrace(): Trace {
    return {
      kind: 'socket-lab-trace',
      version: TRACE_VERSION,
      saved: new Date().toISOString(),
      dropped: this.missing,
      labs: [...this.views].map(([lab, v]) => ({ lab, events: v.events })),
    };
  }

  private clear(): void {
    this.views.clear();
    this.total = 0;
    this.dropped = 0;
    this.notKept = 0;
    this.states = {};
    this.stepper = { mode: 'run', pending: [] };
    this.kernel = new Map();
  }

  /** Replaces what the page shows with a saved trace (the live connection is closed first). */
  loadTrace(trace: Trace, name: string): void {
    this.clear();
    for (const { lab, events } of trace.labs) {
      const v = this.view(lab);
      for (const e of events) v.add(e);
      this.total += events.length;
    }
    this.dropped = trace.dropped;
    this.status = { kind: 'replay', name };
    this.changed();
  }

  view(lab: LabId): LabView {
    let v = this.views.get(lab);
    if (!v) {
      v = new LabView();
      this.views.set(lab, v);
    }
    return v;
  }

  state<L extends LabId>(lab: L): LabStates[L] | undefined {
    return this.states[lab];
  }

  /** The kernel's view now of one socket of a lab, if the bridge watches it. */
  kernelOf(lab: LabId, socket: string): LiveKernel | undefined {
    return this.kernel.get(`${lab}\n${socket}`);
  }

  /** Coalesces redraws to one per animation frame, however many batches arrive. */
  private changed(): void {
    this.version++;
    if (this.frame !== null) return;
    const run = () => {
      this.frame = null;
      for (const fn of this.listeners) fn();
    };
    this.frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : (setTimeout(run, 0) as unknown as number);
  }
}
