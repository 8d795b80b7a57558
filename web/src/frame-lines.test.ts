import type { SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { cardFrameLines, frameLines, MAX_FRAME_LINES } from './frame-lines.ts';
import { rowHeight, ROW } from './timeline-layout.ts';

function ev(frame: SocketEvent['frame'], p: Partial<SocketEvent> = {}): SocketEvent {
  return { seq: 0, t: 0, lab: 'length-prefix', socket: 'peer-1', role: 'peer', op: 'recv', local: null, remote: null, size: 0, hex: '', frame, ...p };
}

describe('frameLines', () => {
  it('decodes a header and shows what a little-endian reader would get', () => {
    expect(frameLines(ev({ kind: 'steps', steps: [{ kind: 'header', length: 30, littleEndian: 503316480 }] }))).toEqual([
      { tone: 'header', text: 'header 00 00 00 1e → length 30  (read little-endian: 503,316,480)' },
    ]);
  });

  it('shows payload progress as a count and a fill', () => {
    expect(frameLines(ev({ kind: 'steps', steps: [{ kind: 'payload', got: 12, of: 30 }] }))).toEqual([
      { tone: 'progress', text: 'payload 12 / 30 bytes', fill: 0.4 },
    ]);
  });

  it('shows characters and bytes of the payload and the reply', () => {
    const lines = frameLines(
      ev({ kind: 'message', payload: { text: 'héllo wörld ✓', bytes: 17, chars: 13 }, reply: { text: 'd ✓', bytes: 5, chars: 3 } }, { op: 'frame' }),
    );
    expect(lines.map((l) => l.text)).toEqual(['payload "héllo wörld ✓"  (13 chars, 17 bytes)', 'payload[10:] → "d ✓"  (3 chars, 5 bytes)']);
  });

  it('summarises long step lists on a card, and sizes the row to match', () => {
    const steps = Array.from({ length: 9 }, () => ({ kind: 'complete' as const, length: 1 }));
    const e = ev({ kind: 'steps', steps });
    const card = cardFrameLines(e);
    expect(card).toHaveLength(MAX_FRAME_LINES);
    expect(card.at(-1)!.text).toBe('… 6 more steps (select to see all)');
    expect(frameLines(e)).toHaveLength(9);
    expect(rowHeight(e, 16) - rowHeight(ev(undefined), 16)).toBe(MAX_FRAME_LINES * ROW.frame);
  });
});
