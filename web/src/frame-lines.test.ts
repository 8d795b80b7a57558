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

describe('datagram lines', () => {
  it('says that the lab cut a long datagram, and what each OS does', () => {
    const [line] = frameLines(ev(undefined, { op: 'recvfrom', datagram: { truncated: { full: 20, kept: 8 } } }));
    expect(line).toEqual({
      tone: 'bad',
      text: 'kept 8 of 20 bytes: Linux discards the other 12 (Windows raises WinError 10040). Node receives whole datagrams; the lab made this cut.',
    });
  });

  it("shows the seed's print line, the add-one arithmetic and the relay's decision", () => {
    const lines = frameLines(
      ev(undefined, {
        op: 'recvfrom',
        datagram: { print: 'IP: 127.0.0.1 Port: 57937 Message: hi', addOne: { value: 1, result: 2 }, relay: { action: 'drop', direction: 'to-server', index: 3 } },
      }),
    );
    expect(lines.map((l) => l.text)).toEqual([
      'print → IP: 127.0.0.1 Port: 57937 Message: hi',
      "struct.unpack('!h', data) → (1,); 1 + 1 = 2",
      'relay: datagram 3 to-server: DROPPED',
    ]);
  });
});
