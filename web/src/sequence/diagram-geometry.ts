// Where the sequence diagram draws things: rows of one height, a column per lane, a node box in the
// middle of its column, arrows between node edges. Pure, so it is tested without a browser.
import { fromHex, pythonBytesRepr } from '@socket-lab/bytes';
import type { SocketEvent } from '@socket-lab/protocol';
import type { Arrow } from './sequence-index.ts';
import { MAX_SCROLL_PX, scrollBox } from '../scroll-scale.ts';

export { MAX_SCROLL_PX };

/** A node takes this share of its column's width; the rest is room for arrows and their labels. */
export const NODE_SHARE = 0.62;
/** Narrow columns (three lanes beside a panel) give their nodes more, so the call stays readable. */
const NARROW_PX = 360;
const NARROW_SHARE = 0.82;
/** Bytes written out in an arrow's label; the count says how many there were. */
const LABEL_BYTES = 8;
const BOTTOM_PX = 12;

export interface Columns {
  width: number;
  count: number;
}

export function nodeBox(c: Columns, col: number): { left: number; width: number } {
  const w = c.width / Math.max(1, c.count);
  const share = w < NARROW_PX ? NARROW_SHARE : NODE_SHARE;
  return { left: col * w + (w * (1 - share)) / 2, width: w * share };
}

/** An arrow's path from the send's node to the recv's, and where its label goes. */
export function arrowPath(c: Columns, fromCol: number, fromY: number, toCol: number, toY: number): { d: string; x1: number; x2: number; labelX: number; labelY: number; anchor: 'start' | 'middle' } {
  const a = nodeBox(c, fromCol);
  const b = nodeBox(c, toCol);
  if (fromCol === toCol) {
    // Both ends in one lane (one thread talks to itself): a loop out of the node's right side.
    const x = a.left + a.width;
    const out = Math.max(8, Math.min(48, (c.width / Math.max(1, c.count) - a.width) / 2 - 4));
    return { d: `M ${x} ${fromY} C ${x + out} ${fromY}, ${x + out} ${toY}, ${x} ${toY}`, x1: x, x2: x, labelX: x + out + 2, labelY: (fromY + toY) / 2, anchor: 'start' };
  }
  const right = toCol > fromCol;
  const x1 = right ? a.left + a.width : a.left;
  const x2 = right ? b.left : b.left + b.width;
  return { d: `M ${x1} ${fromY} L ${x2} ${toY}`, x1, x2, labelX: (x1 + x2) / 2, labelY: (fromY + toY) / 2 - 4, anchor: 'middle' };
}

/** The bytes an arrow carries, as Python writes them: `4 bytes b'Hell'`, cut after a few. */
export function arrowLabel(a: Arrow, send: SocketEvent, recv: SocketEvent): string {
  // The send's preview holds them if they are near its start; else the recv's may.
  const fromSend = a.fromOffset * 2 < send.hex.length;
  const hex = fromSend ? send.hex.slice(a.fromOffset * 2) : recv.hex.slice(a.toOffset * 2);
  const shown = Math.min(a.bytes, LABEL_BYTES, hex.length / 2);
  const repr = shown > 0 ? pythonBytesRepr(fromHex(hex.slice(0, shown * 2))) + (shown < a.bytes ? '\u2026' : '') : '';
  return `${a.bytes === 1 ? '1 byte' : `${a.bytes.toLocaleString('en')} bytes`}${repr ? ` ${repr}` : ''}`;
}

/** What a node adds about its datagram beyond the call (the relay's work on it). */
export function datagramBadge(e: SocketEvent): string | null {
  const r = e.datagram?.relay;
  if (!r) return e.datagram?.truncated ? `cut to ${e.datagram.truncated.kept} of ${e.datagram.truncated.full} bytes` : null;
  switch (r.action) {
    case 'drop':
      return '\u2715 dropped by the relay';
    case 'duplicate':
      return 'sent again: a duplicate';
    case 'hold':
      return 'held back: the next one overtakes it';
    case 'release':
      return 'sent after the one behind it';
    case 'delay':
      return `delayed ${r.delayMs ?? 0} ms`;
    case 'forward':
      return null;
  }
}

/** The scroll box's height and the pixels of rows one scrolled pixel stands for (1 until the rows pass MAX_SCROLL_PX). */
export function scrollScale(rows: number, rowPx: number, viewPx: number): { height: number; k: number } {
  // A little room under the last row, so it never sits on the edge.
  const total = rows * rowPx + (rows > 0 ? BOTTOM_PX : 0);
  return scrollBox(total, viewPx);
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A straight arrow to label (a loop in one lane has one place: `fixed`). */
export interface LabelWanted {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  chars: number;
  fixed?: { x: number; y: number; anchor: 'start' | 'middle' };
}

export interface LabelPlace {
  x: number;
  y: number;
  anchor: 'start' | 'middle';
}

/** Where along an arrow its label is tried, in turn: the middle first. */
const ALONG = [0.5, 0.32, 0.68, 0.18, 0.82];

/**
 * Places each arrow's label where it overlaps no label placed before it and no node: the middle
 * of its arrow if free, else further along. A label with no free place is not drawn (null): the
 * arrow keeps its bytes in its accessible name, and two labels never cover each other.
 * `charPx` and `linePx` are the label font's character width and line height.
 */
export function placeLabels(wanted: LabelWanted[], nodes: Box[], charPx: number, linePx: number): Array<LabelPlace | null> {
  const taken: Box[] = [];
  const hits = (b: Box) => [...taken, ...nodes].some((o) => b.left < o.left + o.width && o.left < b.left + b.width && b.top < o.top + o.height && o.top < b.top + b.height);
  return wanted.map((w) => {
    const width = w.chars * charPx;
    const tries: LabelPlace[] = w.fixed ? [w.fixed] : ALONG.map((t) => ({ x: w.x1 + t * (w.x2 - w.x1), y: w.y1 + t * (w.y2 - w.y1) - 4, anchor: 'middle' as const }));
    for (const p of tries) {
      // The text's box: `y` is its baseline, `x` its middle or start.
      const b = { left: p.anchor === 'middle' ? p.x - width / 2 : p.x, top: p.y - linePx * 0.8, width, height: linePx };
      if (!hits(b)) {
        taken.push(b);
        return p;
      }
    }
    return null;
  });
}
