// Reassembles seed 004 frames from recv() chunks of any size, reporting each step for the page.
import { HEADER_BYTES, readHeader } from './encoder.ts';

/** Default cap on a stated length (SPEC "Limits"): larger claims are refused, not allocated. */
export const DEFAULT_MAX_FRAME = 1024 * 1024;
/** The most `--max-frame` may raise it to. */
export const MAX_MAX_FRAME = 64 * 1024 * 1024;

/** What the decoder did with one chunk, in order: a chunk can finish one frame and start the next. */
export type FrameStep =
  | { kind: 'header-partial'; got: number }
  | { kind: 'header'; length: number; littleEndian: number }
  | { kind: 'payload'; got: number; of: number }
  | { kind: 'complete'; payload: Uint8Array }
  | { kind: 'too-large'; claimed: number; max: number };

/** Where the stream stood when it ended, if that was mid-frame. */
export type Incomplete = { stage: 'header'; got: number; of: 4 } | { stage: 'payload'; got: number; of: number };

export class FrameDecoder {
  private header = new Uint8Array(HEADER_BYTES);
  private headerGot = 0;
  private payload: Uint8Array | null = null;
  private payloadGot = 0;
  private failed = false;

  constructor(readonly maxFrame = DEFAULT_MAX_FRAME) {}

  /**
   * Feeds one chunk. Returns its steps; after `too-large` the decoder refuses everything, since
   * the stream can no longer be resynchronised.
   */
  push(chunk: Uint8Array): FrameStep[] {
    const steps: FrameStep[] = [];
    let at = 0;
    while (at < chunk.length && !this.failed) {
      if (this.payload === null) {
        const take = Math.min(HEADER_BYTES - this.headerGot, chunk.length - at);
        this.header.set(chunk.subarray(at, at + take), this.headerGot);
        this.headerGot += take;
        at += take;
        if (this.headerGot < HEADER_BYTES) {
          steps.push({ kind: 'header-partial', got: this.headerGot });
          break;
        }
        const { length, littleEndian } = readHeader(this.header);
        steps.push({ kind: 'header', length, littleEndian });
        this.headerGot = 0;
        if (length > this.maxFrame) {
          // Refused before any allocation: a hostile ff ff ff ff costs nothing.
          steps.push({ kind: 'too-large', claimed: length, max: this.maxFrame });
          this.failed = true;
          break;
        }
        this.payload = new Uint8Array(length);
        this.payloadGot = 0;
        if (length === 0) {
          steps.push({ kind: 'complete', payload: this.payload });
          this.payload = null;
        }
        continue;
      }
      const need = this.payload.length - this.payloadGot;
      const take = Math.min(need, chunk.length - at);
      this.payload.set(chunk.subarray(at, at + take), this.payloadGot);
      this.payloadGot += take;
      at += take;
      steps.push({ kind: 'payload', got: this.payloadGot, of: this.payload.length });
      if (this.payloadGot === this.payload.length) {
        steps.push({ kind: 'complete', payload: this.payload });
        this.payload = null;
      }
    }
    return steps;
  }

  /** Call at EOF: null if the stream ended between frames. */
  end(): Incomplete | null {
    if (this.failed) return null;
    if (this.payload !== null) return { stage: 'payload', got: this.payloadGot, of: this.payload.length };
    if (this.headerGot > 0) return { stage: 'header', got: this.headerGot, of: HEADER_BYTES };
    return null;
  }

  /** Bytes buffered toward the frame in progress (header bytes included). */
  get buffered(): number {
    return this.payload === null ? this.headerGot : HEADER_BYTES + this.payloadGot;
  }
}

/** The message an incomplete stream gets, as SPEC words it. */
export function describeIncomplete(i: Incomplete): string {
  return i.stage === 'header'
    ? `incomplete frame: got ${i.got} of 4 header bytes`
    : `incomplete frame: got ${i.got} of ${i.of} bytes`;
}
