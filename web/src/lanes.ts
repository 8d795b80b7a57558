// Which lane each socket's events go in: client | server, plus one lane per extra connection.
import { assertNever, type Address, type SocketEvent } from '@socket-lab/protocol';

export interface Lane {
  key: string;
  title: string;
  subtitle: string;
}

const CLIENT: Lane = { key: 'client', title: 'Client', subtitle: 'the lab\u2019s client sockets' };
const SERVER: Lane = { key: 'server', title: 'Server', subtitle: 'listening socket and its connections' };
const RELAY: Lane = { key: 'relay', title: 'Relay', subtitle: 'drops, duplicates, reorders, delays (seeded)' };

const addrKey = (a: Address) => `${a[0]}|${a[1]}`;

/**
 * Assigns lanes incrementally as events arrive. A connection the server accepted from the lab's
 * own client joins the server lane; any other (nc, a Python script) gets a lane of its own. The
 * server's accept can arrive before the client's connect, so a peer can move from its own lane to
 * the server lane when the matching connect shows up.
 */
export class LaneIndex {
  private readonly socketLane = new Map<string, string>();
  private readonly clientLocals = new Set<string>();
  private readonly peerRemote = new Map<string, string>();
  private extra: Lane[] = [];
  private hasRelay = false;
  /** Lanes of traced programs exist: the lab's own client and server lanes show only if used. */
  private programs = false;
  /** Index of the event that opened each extra lane, so the lanes can be drawn as at a moment. */
  private readonly opened = new Map<string, number>();
  private count = 0;

  add(e: SocketEvent): void {
    const index = this.count++;
    // A traced program's events go in their own thread's lane (a connection accepted in
    // MainThread is served in Thread-1); a lab socket keeps the lane its first event gave it.
    if (this.socketLane.has(e.socket) && e.op !== 'connect' && e.pid === undefined) return;
    this.assign(e);
    const lane = this.socketLane.get(e.socket);
    if (lane && !this.opened.has(lane)) this.opened.set(lane, index);
  }

  private assign(e: SocketEvent): void {
    // A traced program's sockets, output and exit: one lane per process and thread.
    if (e.pid !== undefined) return this.programLane(e, e.pid);
    switch (e.role) {
      case 'relay':
        this.socketLane.set(e.socket, RELAY.key);
        this.hasRelay = true;
        return;
      case 'server':
        this.socketLane.set(e.socket, SERVER.key);
        return;
      case 'client':
        if (e.lab === 'chat') return this.panelLane(e);
        this.socketLane.set(e.socket, CLIENT.key);
        if (e.op === 'connect' && e.local && !e.error) {
          const key = addrKey(e.local);
          this.clientLocals.add(key);
          for (const [peer, remote] of this.peerRemote) {
            if (remote === key) this.movePeerToServer(peer);
          }
        }
        return;
      case 'peer': {
        const remote = e.remote ? addrKey(e.remote) : '';
        if (this.clientLocals.has(remote)) {
          this.socketLane.set(e.socket, SERVER.key);
        } else {
          const key = `peer:${e.socket}`;
          this.socketLane.set(e.socket, key);
          this.peerRemote.set(e.socket, remote);
          const from = e.remote ? `${e.remote[0]}:${e.remote[1]}` : 'unknown';
          this.extra = [...this.extra, { key, title: `Connection ${e.socket}`, subtitle: `from ${from} (not the lab\u2019s client)` }];
        }
        return;
      }
      case 'program':
        return this.programLane(e, 0);
      default:
        return assertNever(e.role);
    }
  }

  private programLane(e: SocketEvent, pid: number): void {
    const thread = e.thread ?? 'MainThread';
    const key = `proc:${pid}:${thread}`;
    this.socketLane.set(e.socket, key);
    if (!this.extra.some((l) => l.key === key)) {
      this.programs = true;
      this.extra = [...this.extra, { key, title: `pid ${pid} \u00b7 ${thread}`, subtitle: 'a traced Python program' }];
    }
  }

  /** Each chat panel is a client socket of its own: a lane each, so two panels read side by side. */
  private panelLane(e: SocketEvent): void {
    const key = `panel:${e.socket}`;
    this.socketLane.set(e.socket, key);
    const from = e.local ? ` from port ${e.local[1]}` : '';
    if (!this.extra.some((l) => l.key === key)) this.extra = [...this.extra, { key, title: e.socket, subtitle: `a chat panel’s socket${from}` }];
  }

  /** The lane a socket's events are in now (a traced program's: the thread of its latest call). */
  laneOf(socket: string): string {
    return this.socketLane.get(socket) ?? SERVER.key;
  }

  /** The lane of one event: a traced program's is its own thread's. */
  laneOfEvent(e: SocketEvent): string {
    return e.pid !== undefined ? `proc:${e.pid}:${e.thread ?? 'MainThread'}` : this.laneOf(e.socket);
  }

  lanes(): Lane[] {
    const fixed = this.hasRelay ? [CLIENT, RELAY, SERVER] : [CLIENT, SERVER];
    if (!this.programs) return [...fixed, ...this.extra];
    // Beside traced programs, the lab's own client and server lanes show only once used.
    const used = new Set(this.socketLane.values());
    return [...fixed.filter((l) => used.has(l.key)), ...this.extra];
  }

  /** The lanes as they were once event `index` had happened: later connections' lanes are not there yet. */
  lanesAt(index: number): Lane[] {
    return this.lanes().filter((l) => l === CLIENT || l === SERVER || (this.opened.get(l.key) ?? Infinity) <= index);
  }

  private movePeerToServer(peer: string): void {
    this.socketLane.set(peer, SERVER.key);
    this.peerRemote.delete(peer);
    this.extra = this.extra.filter((l) => l.key !== `peer:${peer}`);
  }
}
