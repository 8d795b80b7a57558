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
export const sameAddress = (a: Address, b: Address) => a[1] === b[1] && normal(a[0]) === normal(b[0]);
const normal = (h: string) => (h.startsWith('::ffff:') ? h.slice(7) : h);

/**
 * The row of the socket with this local (and remote) address: a listener has none, so it matches
 * the LISTEN row of its port. Reads /proc once per call; callers batch.
 */
export function kernelViewOf(local: Address, remote: Address | null, rows: ProcRow[] = tcpRows()): KernelView | undefined {
  const row = rows.find((r) => sameAddress(r.local, local) && (remote ? sameAddress(r.remote, remote) : r.state === 'LISTEN'));
  return row && { state: row.state, recvQueue: row.recvQueue, sendQueue: row.sendQueue };
}
