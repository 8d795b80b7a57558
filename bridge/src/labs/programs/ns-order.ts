// Several traced processes each send their records in batches (a few milliseconds' worth, see
// socketlab_wire.py), so batches of different processes arrive interleaved. Each record carries
// the process's CLOCK_MONOTONIC time, the clock Node's hrtime reads too: records wait here a little
// longer than a batch takes, and leave in the order the calls were made.

/** How long a record waits for records of other processes made before it (a batch is written every 5 ms). */
export const REORDER_MS = 20;

export class NsOrder<T> {
  private readonly items: { ns: number; item: T }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly emit: (item: T) => void,
    private readonly holdMs = REORDER_MS,
    private readonly nowNs: () => number = () => Number(process.hrtime.bigint()),
  ) {}

  push(recordNs: number, item: T): void {
    // A time ahead of this clock's (another clock: not Linux) counts as now, so nothing waits forever.
    const ns = Math.min(recordNs, this.nowNs());
    // Records mostly arrive in order: insert from the end.
    let i = this.items.length;
    while (i > 0 && this.items[i - 1]!.ns > ns) i--;
    this.items.splice(i, 0, { ns, item });
    this.timer ??= setTimeout(() => this.tick(), this.holdMs);
  }

  /** Emits, in time order, every record made at least holdMs before `nowNs`. */
  release(nowNs: number): void {
    const cut = nowNs - this.holdMs * 1e6;
    let n = 0;
    while (n < this.items.length && this.items[n]!.ns <= cut) n++;
    for (const { item } of this.items.splice(0, n)) this.emit(item);
  }

  /** Emits everything waiting (the lab is closing). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const { item } of this.items.splice(0)) this.emit(item);
  }

  private tick(): void {
    this.timer = null;
    this.release(this.nowNs());
    if (this.items.length > 0) this.timer = setTimeout(() => this.tick(), Math.max(1, this.holdMs / 4));
  }
}
