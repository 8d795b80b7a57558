// The impairment relay: a real UDP socket between client and server that drops, duplicates,
// reorders and delays datagrams on a seeded, repeatable schedule.
import type { Address, Impairment, RelayCounts } from '@socket-lab/protocol';
import type { Call } from '../../recorder.ts';
import { ImpairmentSchedule } from './impairment.ts';
import { RecordedUdp } from './recorded-udp.ts';

/** A held (reordered) datagram goes out at the latest this long after it arrived. */
const HOLD_MAX_MS = 1000;

type Direction = 'to-server' | 'to-client';

export class Relay {
  readonly counts: RelayCounts = { datagrams: 0, forwarded: 0, dropped: 0, duplicated: 0, reordered: 0, delayed: 0 };
  private client: Address | null = null;
  private readonly held = new Map<Direction, { bytes: Buffer; to: Address; index: number; timer: NodeJS.Timeout }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  // One schedule per direction: replies interleave with requests by timing, so a shared one
  // would make a datagram's fate depend on that timing rather than on the seed alone.
  private readonly schedules: Record<Direction, ImpairmentSchedule>;
  private readonly indexes: Record<Direction, number> = { 'to-server': 0, 'to-client': 0 };
  private udp!: RecordedUdp;

  private constructor(
    readonly impairment: Impairment,
    private readonly upstream: Address,
    private readonly changed: () => void,
  ) {
    this.schedules = {
      'to-server': new ImpairmentSchedule(impairment),
      'to-client': new ImpairmentSchedule({ ...impairment, seed: (impairment.seed ^ 0x9e3779b9) >>> 0 }),
    };
  }

  static async start(host: string, upstream: Address, impairment: Impairment, h: { record(c: Call): void; id: string; changed(): void }): Promise<Relay> {
    const relay = new Relay(impairment, upstream, h.changed);
    relay.udp = await RecordedUdp.bind(
      host,
      0,
      {
        record: h.record,
        id: h.id,
        role: 'relay',
        // A relay passes datagrams whole, so it reads with the largest buffer there is.
        bufsize: () => 65535,
        onDatagram: (kept, from) => relay.arrived(Buffer.from(kept), from),
      },
      true,
    );
    return relay;
  }

  get local(): Address {
    return this.udp.local;
  }

  get id(): string {
    return this.udp.id;
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    for (const h of this.held.values()) clearTimeout(h.timer);
    this.held.clear();
    this.udp.close();
  }

  private arrived(bytes: Buffer, from: Address) {
    const toServer = !(from[0] === this.upstream[0] && from[1] === this.upstream[1]);
    const direction: Direction = toServer ? 'to-server' : 'to-client';
    if (toServer) this.client = from;
    const to = toServer ? this.upstream : this.client;
    this.counts.datagrams++;
    const index = this.indexes[direction]++;
    const d = this.schedules[direction].decide();
    this.changed();
    if (!to || d.drop) {
      this.counts.dropped++;
      return { detail: { relay: { action: 'drop' as const, direction, index } } };
    }
    const send = () => {
      this.forward(bytes, to, direction, index, 'forward');
      if (d.duplicate) {
        this.counts.duplicated++;
        this.forward(bytes, to, direction, index, 'duplicate');
      }
      this.releaseHeld(direction);
    };
    if (d.reorder && !this.held.has(direction)) {
      this.counts.reordered++;
      const timer = setTimeout(() => this.releaseHeld(direction), HOLD_MAX_MS);
      this.held.set(direction, { bytes, to, index, timer });
      return { detail: { relay: { action: 'hold' as const, direction, index } } };
    }
    if (d.delayMs > 0) {
      this.counts.delayed++;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        send();
      }, d.delayMs);
      this.timers.add(timer);
      return { detail: { relay: { action: 'delay' as const, direction, index, delayMs: d.delayMs } } };
    }
    // After this recvfrom is recorded, so the forward's sendto follows it in the stream.
    setImmediate(send);
    return { detail: { relay: { action: 'forward' as const, direction, index } } };
  }

  private forward(bytes: Buffer, to: Address, direction: Direction, index: number, action: 'forward' | 'duplicate' | 'release'): void {
    this.counts.forwarded++;
    void this.udp.sendto(bytes, to, { relay: { action, direction, index } });
    this.changed();
  }

  /** A held datagram goes out after the next one in its direction: that is the reordering. */
  private releaseHeld(direction: Direction): void {
    const h = this.held.get(direction);
    if (!h) return;
    this.held.delete(direction);
    clearTimeout(h.timer);
    this.forward(h.bytes, h.to, direction, h.index, 'release');
  }
}
