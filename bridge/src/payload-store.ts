// Full bytes of events whose hex preview was cut, kept within a byte budget so they can be fetched.

/** Keeps the newest payloads up to `maxBytes` in all; the oldest are evicted first. */
export class PayloadStore {
  private readonly items = new Map<number, Uint8Array>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}

  put(seq: number, data: Uint8Array): void {
    if (data.length > this.maxBytes) return;
    this.items.set(seq, data);
    this.bytes += data.length;
    // Map iteration is insertion order, so the first key is the oldest.
    for (const [oldSeq, old] of this.items) {
      if (this.bytes <= this.maxBytes) break;
      this.items.delete(oldSeq);
      this.bytes -= old.length;
    }
  }

  get(seq: number): Uint8Array | undefined {
    return this.items.get(seq);
  }

  get size(): number {
    return this.bytes;
  }
}
