// Row geometry of the timeline, computed not measured, so 100,000 rows virtualize cheaply.
import type { SocketEvent } from '@socket-lab/protocol';
import { cardFrameLines } from './frame-lines.ts';

export const ROW = { pad: 16, header: 22, code: 26, result: 22, hex: 20, more: 20, frame: 20 };
/** A lab's note under the event it explains (the Lifecycle moment's what-happened): up to 3 lines, the whole text in the status line. */
export const NOTE_HEIGHT = 3 * 22 + 12;

/** A fold of repeated calls: its header line, how many, and what they moved. */
export const FOLD_HEIGHT = ROW.pad + ROW.header + ROW.code + ROW.result;

/** A line a lab shows under one event of its timeline. */
export interface TimelineNote {
  seq: number;
  text: string;
}
/** Hex rows shown inline in a card; select the card to see every byte. */
export const INLINE_HEX_ROWS = 4;

/** Bytes per hex row: 16 when lanes are wide (two lanes), 8 when three or more share the width. */
export function bytesPerRow(laneCount: number, projector = false): number {
  // The projector's type is larger: 16 bytes a row would be drawn too small to read (fit.ts).
  return laneCount <= 2 && !projector ? 16 : 8;
}

export function inlineHexRows(e: SocketEvent, perRow: number): number {
  return Math.min(Math.ceil(e.hex.length / 2 / perRow), INLINE_HEX_ROWS);
}

export function hasMore(e: SocketEvent, perRow: number): boolean {
  return e.size > INLINE_HEX_ROWS * perRow;
}

export function rowHeight(e: SocketEvent, perRow: number): number {
  return (
    ROW.pad +
    ROW.header +
    ROW.code +
    ROW.result +
    cardFrameLines(e).length * ROW.frame +
    inlineHexRows(e, perRow) * ROW.hex +
    (hasMore(e, perRow) ? ROW.more : 0)
  );
}

/**
 * How many rows to draw above the view while it follows the live end. Normally the overscan; while
 * rows stream in (each of the last few renders that brought rows brought more than the overscan:
 * a thousand events a second, not a connection's first burst) every row above the view is a new
 * one each frame, drawn only to be scrolled past, so two are drawn (they cover the first turn of
 * a wheel; scrolling up stops following). A render that brings no rows (a scroll) keeps the choice:
 * rows drawn, dropped and drawn again would cost the most.
 */
export class LivePace {
  static readonly BUSY_OVERSCAN = 2;
  static readonly BUSY_RENDERS = 3;
  private rows = 0;
  private streak = 0;

  constructor(private readonly normal: number) {}

  overscan(rows: number): number {
    if (rows !== this.rows) {
      this.streak = rows - this.rows > this.normal ? this.streak + 1 : 0;
      this.rows = rows;
    }
    return this.busy ? LivePace.BUSY_OVERSCAN : this.normal;
  }

  /** Rows come faster than the view's overscan each render, render after render. */
  get busy(): boolean {
    return this.streak >= LivePace.BUSY_RENDERS;
  }
}
