import type { SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { arrowLabel, arrowPath, datagramBadge, MAX_SCROLL_PX, nodeBox, scrollScale } from './diagram-geometry.ts';

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
