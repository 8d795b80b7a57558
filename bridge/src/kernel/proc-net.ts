// /proc/net/tcp, tcp6 and udp as rows: the kernel's own view of every socket (no root needed).
// Pure text parsing; the reading is in kernel-view.ts.
import { TCP_STATES, type Address, type TcpState } from '@socket-lab/protocol';

export interface ProcRow {
  local: Address;
  remote: Address;
  /** TCP's state name; UDP rows use 07 (CLOSE) for unconnected sockets, as the kernel writes it. */
  state: TcpState;
  sendQueue: number;
  recvQueue: number;
  inode: number;
  /**
   * Seconds left on a TIME_WAIT's timer (the `tr:tm->when` column: timer 3, clock ticks of 1/100 s
   * until the kernel lets the connection go), else null.
   */
  timeWaitLeft: number | null;
  /** Times the kernel has sent this socket's unanswered segment again (`retrnsmt`: a SYN_SENT's SYN retries). */
  retransmits: number;
}

/**
 * An address as /proc writes it: IPv4 is one 32-bit word in host byte order (`0100007F` is
 * 127.0.0.1 on little-endian x86), IPv6 four such words; the port is big-endian hex.
 */
export function parseProcAddress(text: string): Address {
  const [hex = '', port = ''] = text.split(':');
  if (hex.length === 8) return [word(hex).join('.'), parseInt(port, 16)];
  if (hex.length !== 32) throw new Error(`not a /proc/net address: ${JSON.stringify(text)}`);
  const bytes = [0, 8, 16, 24].flatMap((at) => word(hex.slice(at, at + 8)));
  return [ipv6(bytes), parseInt(port, 16)];
}

/** One 32-bit word's bytes, in memory order (the kernel prints the word as a little-endian host sees it). */
function word(hex: string): number[] {
  const v = parseInt(hex, 16);
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

/** The canonical IPv6 text (RFC 5952): `::1`, `::ffff:127.0.0.1`. */
function ipv6(b: number[]): string {
  if (b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return `::ffff:${b.slice(12).join('.')}`;
  const groups = Array.from({ length: 8 }, (_, i) => ((b[2 * i]! << 8) | b[2 * i + 1]!).toString(16));
  // The longest run of two or more zero groups becomes ::
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/** The rows of one /proc/net/{tcp,tcp6,udp,udp6} file (the header line is skipped). */
export function parseProcNet(text: string): ProcRow[] {
  const rows: ProcRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const state = TCP_STATES[parseInt(f[3]!, 16) - 1];
    const [tx = '0', rx = '0'] = f[4]!.split(':');
    if (!state) continue;
    const [timer = '0', when = '0'] = f[5]!.split(':');
    const timeWaitLeft = state === 'TIME_WAIT' && parseInt(timer, 16) === 3 ? parseInt(when, 16) / 100 : null;
    rows.push({ local: parseProcAddress(f[1]!), remote: parseProcAddress(f[2]!), state, sendQueue: parseInt(tx, 16), recvQueue: parseInt(rx, 16), inode: Number(f[9]), timeWaitLeft, retransmits: parseInt(f[6]!, 16) });
  }
  return rows;
}
