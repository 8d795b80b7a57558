// The kernel's view of a TCP socket, from /proc/net/tcp and tcp6 (Linux; elsewhere there is none).
import { existsSync, readFileSync } from 'node:fs';
import type { Address, KernelView } from '@socket-lab/protocol';
import { parseProcNet, type ProcRow } from './proc-net.ts';

const FILES = ['/proc/net/tcp', '/proc/net/tcp6'];

let available: boolean | undefined;

/**
 * True where /proc/net/tcp exists (Linux): elsewhere the page says the kernel view is Linux-only.
 * Looked up once: every state the Programs lab publishes asks.
 */
export function kernelViewAvailable(): boolean {
  available ??= existsSync(FILES[0]!);
  return available;
}

let shared: { at: number; rows: ProcRow[] } | null = null;
/** How long one reading of the tables serves every session's watch (each reads 4 times a second). */
const SHARED_MS = 200;

/**
 * The kernel's tables as read at most SHARED_MS ago: a thousand pages watching their sockets
 * share one read per tick instead of a thousand (the file lists every socket on the machine).
 */
export function sharedTcpRows(now = Date.now()): ProcRow[] {
  if (!shared || now - shared.at >= SHARED_MS) shared = { at: now, rows: tcpRows() };
  return shared.rows;
}

/** Every TCP socket the kernel lists now. */
export function tcpRows(): ProcRow[] {
  const rows: ProcRow[] = [];
  for (const file of FILES) {
    try {
      rows.push(...parseProcNet(readFileSync(file, 'utf8')));
    } catch {
      // tcp6 is absent where IPv6 is off; the rest still reads.
    }
  }
  return rows;
}

/** The same endpoint, an IPv4 address and its IPv6-mapped form alike. */
const sameAddress = (a: Address, b: Address) => a[1] === b[1] && normal(a[0]) === normal(b[0]);
const normal = (h: string) => (h.startsWith('::ffff:') ? h.slice(7) : h);
/** An endpoint as sameAddress compares it. */
const endpoint = (a: Address) => `${normal(a[0])} ${a[1]}`;

/** One reading of the tables, looked up by a socket's inode or addresses (the first such row, as a scan finds it). */
export interface RowIndex {
  byInode: ReadonlyMap<number, ProcRow>;
  /** By local and remote endpoint. */
  byEnds: ReadonlyMap<string, ProcRow>;
  /** LISTEN rows, by local endpoint. */
  listening: ReadonlyMap<string, ProcRow>;
}

const indexes = new WeakMap<readonly ProcRow[], RowIndex>();

/**
 * The index of one reading, made once for it: every session's watch looks its sockets up in the
 * same shared reading, and a scan of it per socket cost a thousand pages a fifth of the bridge
 * (their rows are a thousand pages' sockets too).
 */
export function rowIndex(rows: readonly ProcRow[]): RowIndex {
  let ix = indexes.get(rows);
  if (ix) return ix;
  const byInode = new Map<number, ProcRow>();
  const byEnds = new Map<string, ProcRow>();
  const listening = new Map<string, ProcRow>();
  for (const r of rows) {
    if (!byInode.has(r.inode)) byInode.set(r.inode, r);
    const local = endpoint(r.local);
    const ends = `${local} ${endpoint(r.remote)}`;
    if (!byEnds.has(ends)) byEnds.set(ends, r);
    if (r.state === 'LISTEN' && !listening.has(local)) listening.set(local, r);
  }
  ix = { byInode, byEnds, listening };
  indexes.set(rows, ix);
  return ix;
}

/** Is `r` the row of a connection (local and remote endpoint), or of a listener (`remote` null: its LISTEN row)? */
export function isRowOf(r: ProcRow, local: Address, remote: Address | null): boolean {
  return sameAddress(r.local, local) && (remote ? sameAddress(r.remote, remote) : r.state === 'LISTEN');
}

/** The first row isRowOf finds, looked up in a reading's index. */
export function rowOf(ix: RowIndex, local: Address, remote: Address | null): ProcRow | undefined {
  return remote ? ix.byEnds.get(`${endpoint(local)} ${endpoint(remote)}`) : ix.listening.get(endpoint(local));
}

/**
 * The row of the socket with this local (and remote) address: a listener has none, so it matches
 * the LISTEN row of its port. Reads /proc once per call; callers batch.
 */
export function kernelViewOf(local: Address, remote: Address | null, rows: ProcRow[] = tcpRows()): KernelView | undefined {
  // One or two lookups in a fresh reading: a scan costs less than indexing it (rowIndex).
  const row = rows.find((r) => isRowOf(r, local, remote));
  return row && { state: row.state, recvQueue: row.recvQueue, sendQueue: row.sendQueue };
}
