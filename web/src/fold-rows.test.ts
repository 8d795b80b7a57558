import type { SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { foldAt, RowList, type Fold, type Row } from './fold-rows.ts';

let seq = 0;
function ev(socket: string, op: SocketEvent['op'], hex: string, arg?: number, extra: Partial<SocketEvent> = {}): SocketEvent {
  return { seq: seq++, t: 0, lab: 'length-prefix', socket, role: 'peer', op, local: null, remote: null, size: hex.length / 2, hex, ...(arg === undefined ? {} : { arg }), ...extra };
}

const place = (list: RowList, events: SocketEvent[]) => {
  for (const e of events) list.add(e);
  return list;
};
/** Rows as text: an event index, or `fold(head: members)`. */
const shape = (rows: Row[]) => rows.map((r) => (typeof r === 'number' ? String(r) : `fold(${r.head}: ${r.members.join(',')})`));

describe('RowList: runs of the same call fold into one row after their first card', () => {
  const run = [
    ev('peer-1', 'recv', '48', 1), // 0
    ev('peer-1', 'recv', '65', 1), // 1
    ev('client-1', 'send_message', ''), // 2: another socket, between
    ev('peer-1', 'recv', '6c', 1), // 3
    ev('peer-1', 'recv', '6c', 1), // 4
    ev('peer-1', 'sendall', '48656c6c'), // 5: a different call ends the run
    ev('peer-1', 'recv', '6f', 1), // 6: a new run starts
  ];

  it('keeps the first call\'s card, puts the rest in one fold where the second happened, and counts their bytes', () => {
    const list = place(new RowList(true, new Set()), run);
    expect(shape(list.rows)).toEqual(['0', 'fold(0: 1,3,4)', '2', '5', '6']);
    const fold = list.rows[1] as Fold;
    expect(fold.bytes).toEqual([1, 2, 3]);
    expect(fold.previewHex).toBe('656c6c');
    // A folded call is found in its fold's row; a card in its own.
    expect(list.rowOfEvent(3)).toBe(2);
    expect(list.rowOfEvent(4)).toBe(2);
    expect(list.rowOfEvent(5)).toBe(3);
  });

  it('at a scrubbed moment a fold counts only the calls made by then', () => {
    const fold = place(new RowList(true, new Set()), run).rows[1] as Fold;
    expect(foldAt(fold, 2)).toEqual({ calls: 1, bytes: 1 });
    expect(foldAt(fold, 3)).toEqual({ calls: 2, bytes: 2 });
    expect(foldAt(fold, 99)).toEqual({ calls: 3, bytes: 3 });
  });

  it('an opened run shows card by card; with folding off every event is a row', () => {
    expect(shape(place(new RowList(true, new Set([0])), run).rows)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(shape(place(new RowList(false, new Set()), run).rows)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
  });

  it('a call that failed, or read b\'\' at EOF, ends the run and keeps its own card', () => {
    const reset = { name: 'ConnectionResetError', message: '[Errno 104] Connection reset by peer' };
    const events = [ev('p', 'recv', '01', 1), ev('p', 'recv', '', 1), ev('p', 'recv', '02', 1), ev('p', 'recv', '', 1, { error: reset }), ev('p', 'recv', '03', 1), ev('p', 'recv', '04', 1)];
    expect(shape(place(new RowList(true, new Set()), events).rows)).toEqual(['0', '1', '2', '3', '4', 'fold(4: 5)']);
  });

  it('calls with a different n are different calls', () => {
    const events = [ev('p', 'recv', '01', 4), ev('p', 'recv', '02', 1), ev('p', 'recv', '03', 1)];
    expect(shape(place(new RowList(true, new Set()), events).rows)).toEqual(['0', '1', 'fold(1: 2)']);
  });
});
