// '\n'-framed lines across reads (seed 003: one send of "Hello\n" may arrive as "He", "llo\n"):
// a chat client's line buffer, which says how many reads each line was assembled from.

export interface Line {
  /** The line's bytes, without its '\n'. */
  bytes: Uint8Array;
  /** How many reads held a part of it (1: it came whole in one). */
  reads: number;
}

export interface LinesStep {
  lines: Line[];
  /** Bytes dropped because a line grew past the limit without a newline (they end at its newline). */
  dropped: number;
}

export class LineSplitter {
  private parts: Uint8Array[] = [];
  private held = 0;
  /** Reads that held a part of the line now buffered. */
  private reads = 0;
  /** After an over-long line: bytes are dropped up to its newline. */
  private skipping = false;

  /** `max`: the longest line kept; past it, its bytes are dropped up to its newline. */
  constructor(private readonly max = 4096) {}

  /** Bytes received after the last newline. */
  get partial(): number {
    return this.held;
  }

  /** One read's bytes: the lines it completed. */
  push(chunk: Uint8Array): LinesStep {
    const lines: Line[] = [];
    let dropped = 0;
    let at = 0;
    let counted = false;
    while (at < chunk.length) {
      const nl = chunk.indexOf(0x0a, at);
      const end = nl < 0 ? chunk.length : nl;
      if (this.skipping) {
        dropped += end - at;
      } else if (end > at || nl >= 0) {
        if (!counted) this.reads++;
        counted = true;
        this.parts.push(chunk.subarray(at, end));
        this.held += end - at;
      }
      if (nl < 0) break;
      if (!this.skipping) lines.push({ bytes: this.take(), reads: this.reads });
      this.skipping = false;
      this.reads = 0;
      counted = false;
      at = nl + 1;
    }
    if (this.held > this.max) {
      dropped += this.held;
      this.take();
      this.reads = 0;
      this.skipping = true;
    }
    return { lines, dropped };
  }

  private take(): Uint8Array {
    const out = new Uint8Array(this.held);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    this.parts = [];
    this.held = 0;
    return out;
  }
}
