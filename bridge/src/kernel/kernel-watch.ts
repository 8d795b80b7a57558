// The kernel's view of every TCP socket a session shows, refreshed while its page is looked at:
// the lab's own Node sockets and traced programs' alike, read from /proc/net/tcp and tcp6 four
// times a second, so "7 bytes not yet read" or a connection left in CLOSE_WAIT shows while nothing
// else happens. Each event of a traced program also carries the view the tracer read right after
// the call; this is the view between calls.
import { readlinkSync } from 'node:fs';
import type { Address, LabId, LiveKernel, SocketEvent } from '@socket-lab/protocol';
import type { ProcRow } from './proc-net.ts';
import { kernelViewAvailable, rowIndex, rowOf, sharedTcpRows } from './kernel-view.ts';

/** How often the tables are read while a page looks (SPEC: at least 4 times a second). */
export const KERNEL_REFRESH_MS = 250;
/** Sockets watched per session; past it the oldest are let go (closed ones first). */
export const MAX_WATCHED = 512;
/** A socket the kernel no longer lists is shown CLOSED this long, then let go. */
const CLOSED_KEEP_MS = 3000;

interface Watched {
  lab: LabId;
  socket: string;
  /** null: a traced program's socket known so far only by its inode (a connect still under way). */
  local: Address | null;
  /** A traced program's socket, as /proc/<pid>/fd names it: found by it while it is open. */
  inode: number | null;
  /** null: a listener, matched by its LISTEN row. */
  remote: Address | null;
  closed: boolean;
  /** When the kernel stopped listing it. */
  goneAt: number | null;
  /** Its state when last read, and since when (as this watch has seen it). */
  state: string | null;
  since: number;
}

const TCP_LABS: ReadonlySet<LabId> = new Set(['tcp-echo', 'length-prefix']);

/** The inode of a process's socket on `fd` (`socket:[123]`), or null when it is gone or not a socket. */
export function socketInode(pid: number, fd: number): number | null {
  try {
    const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export class KernelWatch {
  private readonly watched = new Map<string, Watched>();
  private timer: NodeJS.Timeout | null = null;
  private on = true;
  private last = '';
  /** The last event that found its socket watched (see observe). */
  private memo: { lab: LabId; socket: string; local: Address | null; remote: Address | null; key: string; w: Watched } | null = null;

  constructor(
    private readonly send: (sockets: LiveKernel[]) => void,
    private readonly read: () => ProcRow[] = () => sharedTcpRows(),
    private readonly now: () => number = () => Date.now(),
    private readonly available = kernelViewAvailable(),
    private readonly inodeOf: (pid: number, fd: number) => number | null = socketInode,
  ) {}

  /**
   * Every event the session records: TCP sockets with an address are watched from then on, and a
   * traced program's socket from its socket() call, by inode, so that a connect() still waiting
   * for its handshake (SYN_SENT, no event yet) shows in its lane.
   */
  observe(e: SocketEvent): void {
    // Most events are a run of calls on one socket, already watched: nothing of it changes.
    const m = this.memo;
    if (m !== null && e.socket === m.socket && e.lab === m.lab && e.local === m.local && e.remote === m.remote && e.op !== 'close' && this.watched.get(m.key) === m.w) return;
    const created = e.op === 'socket' && e.pid !== undefined && e.fd !== undefined && !e.error;
    // A traced program's TCP socket carries the tracer's view on its events (Programs, Lifecycle).
    if (!this.available || !(TCP_LABS.has(e.lab) || e.kernel !== undefined || created)) return;
    const key = `${e.lab}\n${e.socket}`;
    const w = this.watched.get(key);
    if (e.op === 'close') {
      if (w) w.closed = true;
      return;
    }
    if (created && !w) {
      const inode = this.inodeOf(e.pid!, e.fd!);
      if (inode !== null) this.add(key, { lab: e.lab, socket: e.socket, local: null, inode, remote: null });
      return;
    }
    if (!e.local || e.error) return;
    const listener = e.op === 'listen' || (e.op === 'bind' && !e.remote);
    if (w) {
      w.local ??= e.local;
      if (!listener && e.remote) w.remote = e.remote;
      // Another event with these same fields would change nothing more.
      this.memo = { lab: e.lab, socket: e.socket, local: e.local, remote: e.remote, key, w };
    } else this.add(key, { lab: e.lab, socket: e.socket, local: e.local, inode: null, remote: listener ? null : e.remote });
  }

  private add(key: string, w: Pick<Watched, 'lab' | 'socket' | 'local' | 'inode' | 'remote'>): void {
    this.watched.set(key, { ...w, closed: false, goneAt: null, state: null, since: this.now() });
    this.bound();
    this.schedule();
  }

  /** The page is looked at, or hidden: the tables are read only while it is. */
  watch(on: boolean): void {
    this.on = on;
    if (on) this.schedule();
    else this.stop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Reads the tables once and sends the view if it changed (exported for tests: the timer calls it). */
  refresh(): void {
    const rows = rowIndex(this.read());
    const at = this.now();
    const out: LiveKernel[] = [];
    for (const [key, w] of this.watched) {
      // By inode while the socket is open (a TIME_WAIT row has none), else by its addresses.
      const row = (w.inode !== null && !w.closed ? rows.byInode.get(w.inode) : undefined) ?? (w.local ? rowOf(rows, w.local, w.remote) : undefined);
      // A socket the kernel never listed as TCP (a UDP socket()) is not shown.
      if (!row && w.state === null) {
        if (w.closed) this.watched.delete(key);
        continue;
      }
      const state = row ? row.state : 'CLOSED';
      if (state !== w.state) [w.state, w.since] = [state, at];
      const seconds = Math.floor((at - w.since) / 1000);
      if (row) {
        w.goneAt = null;
        // A listener's tx_queue column is not its backlog (0 in /proc): only its accept queue is told.
        const live: LiveKernel = { lab: w.lab, socket: w.socket, state: row.state, recvQueue: row.recvQueue, sendQueue: row.state === 'LISTEN' ? 0 : row.sendQueue, seconds };
        if (row.timeWaitLeft !== null) live.left = Math.ceil(row.timeWaitLeft);
        out.push(live);
        continue;
      }
      w.goneAt ??= at;
      if (at - w.goneAt > CLOSED_KEEP_MS) this.watched.delete(key);
      else out.push({ lab: w.lab, socket: w.socket, state: 'CLOSED', recvQueue: 0, sendQueue: 0, seconds });
    }
    const text = JSON.stringify(out);
    if (text !== this.last) {
      this.last = text;
      this.send(out);
    }
  }

  private schedule(): void {
    if (this.timer || !this.on || this.watched.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh();
      this.schedule();
    }, KERNEL_REFRESH_MS);
    this.timer.unref();
  }

  private bound(): void {
    if (this.watched.size <= MAX_WATCHED) return;
    const victim = [...this.watched].find(([, w]) => w.closed) ?? [...this.watched][0]!;
    this.watched.delete(victim[0]);
  }
}
