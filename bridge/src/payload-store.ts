// Full bytes of events whose hex preview was cut, kept within a byte budget so they can be fetched.

/** Keeps the newest payloads up to `maxBytes` in all; the oldest are evicted first. */
export class PayloadStore {
  private readonly items = new Map<number, Uint8Array>();
  // Insertion order kept apart from the Map: evicting from a Map's front leaves holes that every
  // later iteration walks again, which made each put cost more the longer a session ran.
  private order: number[] = [];
  private head = 0;
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}

  put(seq: number, data: Uint8Array): void {
    if (data.length > this.maxBytes) return;
    // A small view of a large buffer (a read's chunk) is copied: kept, it would keep the whole chunk.
    if (data.byteLength * 2 < data.buffer.byteLength) data = data.slice();
    this.items.set(seq, data);
    this.order.push(seq);
    this.bytes += data.length;
    while (this.bytes > this.maxBytes) {
      const oldest = this.order[this.head++]!;
      this.bytes -= this.items.get(oldest)!.length;
      this.items.delete(oldest);
    }
    if (this.head > 4096 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }

  get(seq: number): Uint8Array | undefined {
    return this.items.get(seq);
  }

  get size(): number {
    return this.bytes;
  }
}
