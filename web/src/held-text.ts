// What a held call is waiting for, in words: the toolbar's status and the ghost card in its lane.
import { MAX_HELD_DATAGRAMS, type PendingCall } from '@socket-lab/protocol';

/** The call and what waits with it, without the socket (the ghost card sits in the socket's lane). */
export function heldCall(p: PendingCall): string {
  if (p.op.startsWith('send')) return `${p.op}(${p.arg ?? 0} bytes) waiting — nothing ${p.op === 'sendto' ? 'sent' : 'written'} yet`;
  if (p.datagrams) {
    const { queued, dropped } = p.datagrams;
    const more = queued > 1 ? ` (${queued} datagrams waiting)` : '';
    const lost = dropped > 0 ? `; ${dropped} dropped, the bridge keeps at most ${MAX_HELD_DATAGRAMS}` : '';
    return `recvfrom(${p.arg ?? ''}) waiting — a ${p.waiting}-byte datagram arrived, not yet read${more}${lost}`;
  }
  // A traced program waits before its syscall: its bytes stay in the kernel (the lane's kernel view
  // counts them as they come). The lab's own (Node) server has read what arrived into the bridge
  // ahead of the recv, so its kernel view shows 0.
  if (p.lab === 'programs') {
    if (!p.op.startsWith('recv')) return `${p.op}() waiting, before the syscall`;
    return `${p.op}(${p.arg ?? ''}) waiting, before the syscall — ${p.waiting} bytes were in the kernel then; they stay there`;
  }
  const ahead = p.op === 'recv' && p.waiting > 0 ? ' (Node has read them ahead into the bridge)' : '';
  return `${p.op}(${p.arg ?? ''}) waiting — ${p.waiting} bytes arrived, not yet read${ahead}`;
}

/** The toolbar's line for one held call: which socket, then the call. */
export const held = (p: PendingCall): string => `${p.socket}: ${heldCall(p)}`;
