// The CLI's `--pcap`: the file is written as events happen, so it is usable even mid-session.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { SocketEvent } from '@socket-lab/protocol';
import { PacketMaker, pcapngHead } from './pcapng-packets.ts';

export { PCAP_COMMENT } from './pcapng-packets.ts';

export class PcapngWriter {
  private readonly out: WriteStream;
  private readonly packets: PacketMaker;

  constructor(path: string) {
    this.out = createWriteStream(path);
    this.out.write(pcapngHead());
    this.packets = new PacketMaker((block) => this.out.write(block));
  }

  /** Called for every recorded call, with all of its bytes. */
  record(e: SocketEvent, data: Uint8Array | undefined): void {
    this.packets.record(e, data);
  }

  /** Finishes the file; resolves once every byte is on disk. */
  close(): Promise<void> {
    return new Promise((resolve) => this.out.end(resolve));
  }
}
