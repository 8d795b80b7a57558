// A page's session keeps its own pcapng, so "Save pcapng" gets every byte moved since the page
// connected, not only the previews the page holds. The packets go to a file in the temp
// directory, not the heap: a recv(4) session makes hundreds of thousands of tiny packets, and the
// bridge's memory budget is for moving bytes, not keeping them. The file is bounded: past the cap,
// calls are counted, not kept, and the pcapng's comment says how many are missing.
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { SocketEvent } from '@socket-lab/protocol';
import { PacketMaker, PCAP_COMMENT, pcapngHead } from './pcapng-packets.ts';

/** Bytes of packets kept per session, on disk. */
export const CAPTURE_BYTES = 64 * 1024 * 1024;
/** Packets are staged in memory and written in pieces this size: one write per many events. */
const STAGE_BYTES = 64 * 1024;

export interface CaptureFile {
  /** Header and body together, for Content-Length. */
  length: number;
  stream: Readable;
}

export class PcapngCapture {
  private dir: string | null = null;
  private fd: number | null = null;
  private readonly stage = Buffer.allocUnsafe(STAGE_BYTES);
  private staged = 0;
  private written = 0;
  /** Packet bytes accepted (on disk or staged). */
  private bytes = 0;
  private droppedCalls = 0;
  private droppedPayload = 0;
  private full = false;
  private failure: string | null = null;
  private readonly packets = new PacketMaker((block) => this.keep(block));

  constructor(private readonly maxBytes = CAPTURE_BYTES) {}

  /**
   * Calls recorded this turn, made into packets once it ends: a lab's echo sends its reply in the
   * turn it read the bytes, and building the read's packets first put a tenth of the bridge's
   * work between the two. Bounded by what one turn moves.
   */
  private pendingEvents: SocketEvent[] = [];
  private pendingData: Array<Uint8Array | undefined> = [];
  private scheduled = false;

  /** Keeps one call's packets (at the end of this turn); `data` must not change afterwards. */
  record(e: SocketEvent, data: Uint8Array | undefined): void {
    // Full, and every call before this one counted: this one is only counted, at once.
    if (this.full && this.pendingEvents.length === 0) return this.packetsOf(e, data);
    this.pendingEvents.push(e);
    this.pendingData.push(data);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** Makes the packets of the calls recorded so far. */
  private drain(): void {
    this.scheduled = false;
    const events = this.pendingEvents;
    const data = this.pendingData;
    this.pendingEvents = [];
    this.pendingData = [];
    for (let i = 0; i < events.length; i++) this.packetsOf(events[i]!, data[i]);
  }

  private packetsOf(e: SocketEvent, data: Uint8Array | undefined): void {
    // Once full, later calls are only counted: feeding the packet maker would grow its
    // per-connection state for packets that are never kept.
    if (!this.full && this.failure === null) {
      try {
        this.packets.record(e, data);
      } catch (err) {
        // The capture is a by-product: a packet it cannot build or store must not break the lab that moved it.
        this.failure = `event ${e.seq} (${e.op}) could not be written: ${(err as Error).message}`;
      }
    }
    if (this.full && data && data.length > 0 && !e.error) {
      this.droppedCalls++;
      this.droppedPayload += data.length;
    }
  }

  /** The pcapng as it stands now: the section header (with what is missing, if anything), then every packet kept. */
  open(): CaptureFile {
    this.drain();
    let comment = PCAP_COMMENT;
    if (this.full) {
      comment +=
        ` This capture is incomplete: it stopped at its ${capText(this.maxBytes)} cap, and ` +
        `the bytes of ${this.droppedCalls} later call${this.droppedCalls === 1 ? '' : 's'} (${this.droppedPayload} bytes in all) are not in it.`;
    }
    if (this.failure) comment += ` This capture stopped early: ${this.failure}.`;
    const head = pcapngHead(comment);
    try {
      this.flush();
    } catch (err) {
      this.failure ??= `the capture file could not be written: ${(err as Error).message}`;
    }
    const onDisk = this.written;
    const file = this.path;
    if (this.fd === null || onDisk === 0 || !file) return { length: head.length, stream: Readable.from([head]) };
    // A snapshot: packets written after this call are not in this download. The download reads
    // its own descriptor of the file: the session may close (and unlink) it mid-download, and its
    // descriptor number may then be reused by another session's capture. An own descriptor keeps
    // reading this session's bytes, from the unlinked file, to the end.
    const body = createReadStream('', { fd: openSync(file, 'r'), start: 0, end: onDisk - 1, autoClose: true });
    return { length: head.length + onDisk, stream: Readable.from(concatStreams(head, body)) };
  }

  /** Removes the file; the session is over. */
  close(): void {
    this.pendingEvents = [];
    this.pendingData = [];
    if (this.fd !== null) closeSync(this.fd);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.fd = null;
    this.dir = null;
    this.full = true;
  }

  /** Where the packets are, once the first is written (for tests of the clean-up). */
  get path(): string | null {
    return this.dir && path.join(this.dir, 'packets');
  }

  /** Bytes of packets kept (the calls recorded so far). */
  get size(): number {
    this.drain();
    return this.bytes;
  }

  private keep(block: Buffer): void {
    if (this.full) return;
    if (this.bytes + block.length > this.maxBytes) {
      this.full = true;
      return;
    }
    if (this.staged + block.length > STAGE_BYTES) this.flush();
    if (block.length > STAGE_BYTES) this.write(block);
    else {
      block.copy(this.stage, this.staged);
      this.staged += block.length;
    }
    this.bytes += block.length;
  }

  private flush(): void {
    if (this.staged === 0) return;
    this.write(this.stage.subarray(0, this.staged));
    this.staged = 0;
  }

  private write(bytes: Buffer): void {
    if (this.fd === null) {
      this.dir = mkdtempSync(path.join(tmpdir(), 'socket-lab-capture-'));
      this.fd = openSync(path.join(this.dir, 'packets'), 'w+', 0o600);
    }
    for (let at = 0; at < bytes.length; ) {
      const n = writeSync(this.fd, bytes, at, bytes.length - at, this.written);
      at += n;
      this.written += n;
    }
  }
}

async function* concatStreams(head: Buffer, body: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield head;
  yield* body;
}

function capText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes}-byte`;
}
