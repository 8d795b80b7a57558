// A page's session keeps its own pcapng in memory, so "Save pcapng" gets every byte moved since
// the page connected, not just the previews the page holds. It is bounded: past the cap, packets
// are counted, not kept, and the file says how many are missing.
import type { SocketEvent } from '@socket-lab/protocol';
import { PacketMaker, PCAP_COMMENT, pcapngHead } from './pcapng-packets.ts';

/** Packet blocks kept per session: a long classroom session fits many times over. */
export const CAPTURE_BYTES = 32 * 1024 * 1024;

export class PcapngCapture {
  private blocks: Buffer[] = [];
  private bytes = 0;
  private droppedCalls = 0;
  private droppedPayload = 0;
  private full = false;
  private readonly packets = new PacketMaker((block) => this.keep(block));

  constructor(private readonly maxBytes = CAPTURE_BYTES) {}

  record(e: SocketEvent, data: Uint8Array | undefined): void {
    // Once full, later calls are only counted: feeding the packet maker would grow its
    // per-connection state for packets that are never kept.
    const wasFull = this.full;
    if (!wasFull) this.packets.record(e, data);
    if (this.full && data && data.length > 0 && !e.error) {
      this.droppedCalls++;
      this.droppedPayload += data.length;
    }
  }

  /** The whole file as it stands now. */
  file(): Buffer {
    let comment = PCAP_COMMENT;
    if (this.full) {
      comment +=
        ` This capture is incomplete: it stopped at its ${capText(this.maxBytes)} cap, and ` +
        `the bytes of ${this.droppedCalls} later call${this.droppedCalls === 1 ? '' : 's'} (${this.droppedPayload} bytes in all) are not in it.`;
    }
    return Buffer.concat([pcapngHead(comment), ...this.blocks]);
  }

  /** Bytes of packet blocks held. */
  get size(): number {
    return this.bytes;
  }

  private keep(block: Buffer): void {
    if (this.full) return;
    if (this.bytes + block.length > this.maxBytes) {
      this.full = true;
      return;
    }
    this.blocks.push(block);
    this.bytes += block.length;
  }
}

function capText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes}-byte`;
}
