// The kernel's view of a TCP socket as one short line, the same on an event's card and in a lane's
// head. A listener's queues mean something else: the connections waiting for accept(), and (from
// TCP_INFO, on a traced program's events) the backlog listen() asked for.
import type { KernelView, LiveKernel } from '@socket-lab/protocol';

export function kernelText(k: KernelView | LiveKernel, compact = false): string {
  // /proc/net/tcp has no backlog for a listener (its tx_queue column is 0 there); TCP_INFO has.
  if (k.state === 'LISTEN') {
    if (compact) return k.recvQueue > 0 ? `LISTEN · ${k.recvQueue} waiting for accept()` : 'LISTEN';
    return `LISTEN · ${k.recvQueue} waiting for accept()${'lab' in k ? '' : ` (backlog ${k.sendQueue})`}`;
  }
  if (k.state === 'CLOSED') return compact ? 'CLOSED' : 'CLOSED (the kernel lists it no more)';
  // A live view says how long it has been so (a CLOSE_WAIT that lasts is a close() forgotten), and
  // a TIME_WAIT what the kernel's timer has left (the port unusable that long without SO_REUSEADDR).
  const left = 'left' in k && k.left !== undefined ? `${k.left} s left` : null;
  const age = 'seconds' in k && k.seconds > 0 ? `for ${k.seconds} s` : null;
  // A lane's head is one line: only the queues that hold something.
  if (compact) return `${k.state}${k.recvQueue > 0 ? ` · ${k.recvQueue} unread` : ''}${k.sendQueue > 0 ? ` · ${k.sendQueue} unacked` : ''}${left ? `, ${left}` : age ? ` ${age}` : ''}`;
  return `${k.state} · ${k.recvQueue} unread · ${k.sendQueue} unacked${left ?? age ? ` · ${left ?? age}` : ''}`;
}
