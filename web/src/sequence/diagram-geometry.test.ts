import type { SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { arrowLabel, arrowPath, datagramBadge, MAX_SCROLL_PX, nodeBox, placeLabels, scrollScale } from './diagram-geometry.ts';

const ev = (hex: string, extra: Partial<SocketEvent> = {}): SocketEvent => ({
  seq: 0, t: 0, lab: 'tcp-echo', socket: 'client-1', role: 'client', op: 'sendall', local: ['127.0.0.1', 1], remote: ['127.0.0.1', 2], size: hex.length / 2, hex, ...extra,
});

describe('sequence diagram geometry', () => {
  it('labels an arrow with its own bytes from the send, as Python writes them, cut after eight', () => {
    const send = ev('48656c6c6f20776f726c64');
    const recv = ev('6f20776f', { op: 'recv' });
    expect(arrowLabel({ from: 0, to: 1, bytes: 4, fromOffset: 4, toOffset: 0, udp: false }, send, recv)).toBe("4 bytes b'o wo'");
    expect(arrowLabel({ from: 0, to: 1, bytes: 11, fromOffset: 0, toOffset: 0, udp: false }, send, recv)).toBe("11 bytes b'Hello wo'\u2026");
    expect(arrowLabel({ from: 0, to: 1, bytes: 1, fromOffset: 10, toOffset: 0, udp: false }, send, ev('64', { op: 'recv' }))).toBe("1 byte b'd'");
  });

  it('takes the bytes from the recv when the send\u2019s preview was cut before them', () => {
    const send = ev('0000', { size: 70000, truncated: true });
    const recv = ev('00000010', { op: 'recv' });
    expect(arrowLabel({ from: 0, to: 1, bytes: 4, fromOffset: 60000, toOffset: 0, udp: false }, send, recv)).toBe("4 bytes b'\\x00\\x00\\x00\\x10'");
  });

  it('draws an arrow between the facing edges of the two nodes, and a loop when both are in one lane', () => {
    const c = { width: 1000, count: 2 };
    expect(nodeBox(c, 1)).toEqual({ left: 500 + 95, width: 310 });
    expect(arrowPath(c, 0, 10, 1, 50)).toMatchObject({ d: 'M 405 10 L 595 50', labelX: 500 });
    expect(arrowPath(c, 1, 10, 0, 50)).toMatchObject({ d: 'M 595 10 L 405 50' });
    expect(arrowPath(c, 0, 10, 0, 50).d).toMatch(/^M 405 10 C 453 10/);
    // Three narrow lanes: the nodes take more of each.
    expect(nodeBox({ width: 900, count: 3 }, 0).width).toBeCloseTo(246);
  });

  it('scales the scroll past the height a browser lays out, so a million rows still scroll end to end', () => {
    expect(scrollScale(10, 50, 400)).toEqual({ height: 512, k: 1 });
    const big = scrollScale(1_000_000, 50, 400);
    expect(big.height).toBe(MAX_SCROLL_PX);
    // At the bottom of the scroll, the window's top is the last rows' top.
    expect((MAX_SCROLL_PX - 400) * big.k + 400).toBeCloseTo(1_000_000 * 50 + 12);
  });

  it('says what the relay did with a datagram', () => {
    const relay = (action: 'drop' | 'duplicate' | 'forward') => ev('01', { op: 'recvfrom', datagram: { relay: { action, direction: 'to-server', index: 0 } } });
    expect(datagramBadge(relay('drop'))).toBe('\u2715 dropped by the relay');
    expect(datagramBadge(relay('duplicate'))).toBe('sent again: a duplicate');
    expect(datagramBadge(relay('forward'))).toBeNull();
    expect(datagramBadge(ev('01', { datagram: { truncated: { full: 9, kept: 4 } } }))).toBe('cut to 4 of 9 bytes');
  });
});

describe('arrow labels', () => {
  const overlap = (a: { left: number; top: number; width: number; height: number }, b: typeof a) =>
    a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

  it('one send fanning out to three recvs: each label at a different place along its arrow, none over another', () => {
    // Three arrows from one point (x 100, y 50) to recvs 800 px across and 10 px apart in the next column: their middles 5 px apart.
    const wanted = [60, 70, 80].map((y2) => ({ x1: 100, y1: 50, x2: 900, y2, chars: 14 }));
    const placed = placeLabels(wanted, [], 8, 14);
    expect(placed[0]).toEqual({ x: 500, y: 51, anchor: 'middle' });
    expect(placed.every((p) => p !== null)).toBe(true);
    const boxes = placed.map((p, i) => ({ left: p!.x - (wanted[i]!.chars * 8) / 2, top: p!.y - 14 * 0.8, width: wanted[i]!.chars * 8, height: 14 }));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!)).toBe(false);
    // The second moved along its arrow, off the middle.
    expect(placed[1]!.x).not.toBe(500);
  });

  it('a label with no free place is left out, never drawn over another label or a node', () => {
    // The same arrow six times: five places along it, then none.
    const wanted = Array.from({ length: 6 }, () => ({ x1: 0, y1: 0, x2: 1000, y2: 0, chars: 10 }));
    const placed = placeLabels(wanted, [], 8, 14);
    expect(placed.filter((p) => p !== null)).toHaveLength(5);
    expect(placed[5]).toBeNull();
    // A node over the middle of the arrow: the label goes beside it.
    const [p] = placeLabels([{ x1: 0, y1: 0, x2: 1000, y2: 0, chars: 10 }], [{ left: 450, top: -20, width: 100, height: 40 }], 8, 14);
    expect(p!.x).toBe(320);
  });

  it('a loop in one lane has its one place, or none', () => {
    const fixed = { x: 500, y: 40, anchor: 'start' as const };
    expect(placeLabels([{ x1: 0, y1: 0, x2: 0, y2: 0, chars: 5, fixed }], [], 8, 14)).toEqual([fixed]);
    expect(placeLabels([{ x1: 0, y1: 0, x2: 0, y2: 0, chars: 5, fixed }], [{ left: 490, top: 20, width: 50, height: 40 }], 8, 14)).toEqual([null]);
  });
});
