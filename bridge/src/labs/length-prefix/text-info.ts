// Event-sized views of texts and decoder steps for the page.
import type { FrameStep as WireStep, TextInfo } from '@socket-lab/protocol';
import { charCount, firstChars, type FrameStep } from '@socket-lab/framing';

/** Characters of a message carried in an event; the bytes themselves are in `hex`. */
const TEXT_PREVIEW = 300;

export function textInfo(text: string): TextInfo {
  const chars = charCount(text);
  const info: TextInfo = { text, bytes: Buffer.byteLength(text, 'utf8'), chars };
  if (chars > TEXT_PREVIEW) {
    info.text = firstChars(text, TEXT_PREVIEW);
    info.cut = true;
  }
  return info;
}

/** Decoder steps without payload bytes (those are in the recv event's hex already). */
export function wireSteps(steps: FrameStep[]): WireStep[] {
  return steps.map((s) => (s.kind === 'complete' ? { kind: 'complete', length: s.payload.length } : s));
}
