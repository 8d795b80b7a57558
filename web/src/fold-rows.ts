// The timeline's rows when repeats fold: a run of the same call on one socket (3,400 × recv(1))
// keeps its first card, and the rest become one fold row where the second happened, which opens
// on demand. Rows are only ever appended as events arrive; folding on or opening a fold rebuilds.
import type { SocketEvent } from '@socket-lab/protocol';

/** Calls that repeat in a run: the same op with the same n, each moving bytes. */
const FOLDABLE = new Set(['recv', 'recv_into', 'send', 'sendall', 'recvfrom', 'recvfrom_into', 'sendto']);
/** Bytes of a fold's preview, from its calls in order. */
const PREVIEW_BYTES = 24;

export interface Fold {
  /** Event index of the run's first call, which keeps its own card. */
  head: number;
  socket: string;
  op: string;
  arg: number | undefined;
  /** Event indices of the folded calls (the run after its first), in order. */
  members: number[];
  /** Bytes the folded calls moved, summed up to each member. */
  bytes: number[];
  /** Their first bytes, as hex, joined. */
  previewHex: string;
}

/** An event's index, or a fold. */
export type Row = number | Fold;

interface Run {
  key: string;
  head: number;
  fold: Fold | null;
}

export class RowList {
  readonly rows: Row[] = [];
  /** Events placed so far. */
  count = 0;
  private readonly runs = new Map<string, Run | null>();

  /** `fold`: whether repeats fold at all; `opened`: heads of runs the user opened (shown card by card). */
  constructor(
    readonly fold: boolean,
    readonly opened: ReadonlySet<number>,
  ) {}

  add(e: SocketEvent): void {
    const index = this.count++;
    if (!this.fold) {
      this.rows.push(index);
      return;
    }
    if (!FOLDABLE.has(e.op) || e.error || e.size === 0) {
      // Anything else the socket does ends its run.
      this.runs.set(e.socket, null);
      this.rows.push(index);
      return;
    }
    const key = `${e.op}(${e.arg ?? ''})`;
    const run = this.runs.get(e.socket);
    if (run && run.key === key && this.opened.has(run.head)) {
      // An opened run stays one run, shown card by card.
      this.rows.push(index);
      return;
    }
    if (run && run.key === key) {
      if (!run.fold) {
        run.fold = { head: run.head, socket: e.socket, op: e.op, arg: e.arg, members: [], bytes: [], previewHex: '' };
        this.rows.push(run.fold);
      }
      const f = run.fold;
      f.members.push(index);
      f.bytes.push((f.bytes.at(-1) ?? 0) + e.size);
      if (f.previewHex.length < PREVIEW_BYTES * 2) f.previewHex += e.hex.slice(0, PREVIEW_BYTES * 2 - f.previewHex.length);
      return;
    }
    this.runs.set(e.socket, { key, head: index, fold: null });
    this.rows.push(index);
  }

  /** The row that shows event `index`, or the last row before it (a folded member is in its fold row). */
  rowOfEvent(index: number): number {
    let lo = 0;
    let hi = this.rows.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (firstEvent(this.rows[mid]!) <= index) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

/** The event index a row starts at (a fold: its first folded call). */
export function firstEvent(r: Row): number {
  return typeof r === 'number' ? r : r.members[0]!;
}

/** How many of a fold's calls had happened by event index `until`, and the bytes they moved. */
export function foldAt(f: Fold, until: number): { calls: number; bytes: number } {
  let lo = 0;
  let hi = f.members.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (f.members[mid]! <= until) lo = mid + 1;
    else hi = mid;
  }
  return { calls: lo, bytes: lo > 0 ? f.bytes[lo - 1]! : 0 };
}
