// Waits, from the kernel's own tables, until the server has read every byte sent to it: so the
// grader's next piece never joins the last one in the server's receive queue, and a recv of a
// piece returns that piece alone, on a busy machine as on a quiet one.
import type { Address } from '@socket-lab/protocol';
import { kernelViewAvailable, kernelViewOf, tcpRows } from '../../kernel/kernel-view.ts';

const POLL_MS = 2;
/** A server that stops reading (it raised, or waits for something else) is not waited on for ever. */
export const PEER_READ_LIMIT_MS = 3000;

/**
 * Resolves true once our send queue and the peer's receive queue are both empty (the server's
 * recv took the bytes), false if the connection is gone or the limit passed. Where /proc/net/tcp
 * does not exist (macOS, Windows) it resolves false at once: the pieces are then sent back to back.
 */
export async function peerHasRead(local: Address, remote: Address, limitMs = PEER_READ_LIMIT_MS): Promise<boolean> {
  if (!kernelViewAvailable()) return false;
  const until = Date.now() + limitMs;
  for (;;) {
    const rows = tcpRows();
    const ours = kernelViewOf(local, remote, rows);
    const theirs = kernelViewOf(remote, local, rows);
    if (!ours || !theirs || ours.state !== 'ESTABLISHED') return false;
    if (ours.sendQueue === 0 && theirs.recvQueue === 0) return true;
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
