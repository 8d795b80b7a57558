// The lanes: every event of the session in one virtualized list, each card in its lane's column.
import type { VirtualItem } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type CSSProperties } from 'react';
import type { LabId } from '@socket-lab/protocol';
import { useStore } from '../app-context.ts';
import { bytesPerRow, FOLD_HEIGHT, LivePace, NOTE_HEIGHT, rowHeight, type TimelineNote } from '../timeline-layout.ts';
import { useFollow } from '../follow.ts';
import { useLiveVirtualizer, type LiveVirtualizer } from '../live-virtualizer.ts';
import { scrollBox } from '../scroll-scale.ts';
import { onThemeChange, shownTheme } from '../theme.ts';
import { EventCard } from './EventCard.tsx';
import { FoldCard } from './FoldCard.tsx';
import type { Row } from '../fold-rows.ts';
import { HeldCalls } from './HeldCalls.tsx';
import { LaneHeads, laneKind } from './LaneHeads.tsx';

/** The rows that show with row `until` at the bottom, worked out before the scroll that puts it there happens. */
function rowsEndingAt(v: LiveVirtualizer, until: number, overscan = OVERSCAN): VirtualItem[] {
  const last = v.measurementsCache[until];
  if (!last) return [];
  const top = Math.max(0, last.end - (v.scrollRect?.height ?? 0));
  const from = Math.max(0, (v.getVirtualItemForOffset(top)?.index ?? 0) - overscan);
  const rows: VirtualItem[] = [];
  for (let i = from; i <= until; i++) rows.push(v.measurementsCache[i]!);
  return rows;
}

const OVERSCAN = 8;

interface Props {
  lab: LabId;
  selected: number | null;
  onSelect(seq: number): void;
  /** Scrubbed to this event's index: the list ends there, with the lanes of that moment. */
  until?: number | null;
  /** The lab's line under one event (full width, below its card). */
  note?: TimelineNote | null;
  /** Runs of the same call on one socket fold into one row each (which opens on demand). */
  fold?: boolean;
}

export function Timeline({ lab, selected, onSelect, until = null, note = null, fold = false }: Props) {
  const store = useStore();
  const view = store.view(lab);
  const events = view.events;
  // Runs the user opened (by their first call's index): shown card by card while folding.
  const [opened, setOpened] = useState<ReadonlySet<number>>(() => new Set());
  const list = view.rows(fold, opened);
  const rows = list.rows;
  const lanes = until === null ? view.lanes.lanes() : view.lanes.lanesAt(until);
  // Hex rows wrap for the live lane count even at a moment with fewer lanes: a new width would
  // change every row's height, and the virtualizer would re-walk a million rows per scrub frame.
  const theme = useSyncExternalStore(onThemeChange, shownTheme);
  const perRow = bytesPerRow(view.lanes.lanes().length, theme === 'projector');
  const scrollRef = useRef<HTMLDivElement>(null);
  const { follow, setFollow, scrollOwn, onScroll } = useFollow(scrollRef, until);
  // The virtualizer asks every row's size again whenever the count changes; a row's height never
  // changes for a given lane width, so each is computed once.
  const heights = useRef({ perRow, list, note: null as TimelineNote | null, sizes: [] as number[] });
  // A new lane width, a new row list (a trace was opened, folding changed) or a note moved starts the cache afresh.
  const noteEvent = note ? events.findIndex((e) => e.seq === note.seq) : -1;
  const noteRow = noteEvent >= 0 ? list.rowOfEvent(noteEvent) : -1;
  // The note goes under its event's own card: not under a fold that hides it.
  const noteAt = noteRow >= 0 && rows[noteRow] === noteEvent ? noteRow : -1;
  const shownNote = noteAt >= 0 ? note : null;
  const h = heights.current;
  const rowsReplaced = h.perRow !== perRow || h.list !== list || h.note?.seq !== shownNote?.seq;
  if (rowsReplaced) heights.current = { perRow, list, note: shownNote, sizes: [] };
  // At a moment, the row that shows the event there (a folded call: its fold's row).
  const untilRow = until === null ? null : Math.max(0, list.rowOfEvent(until));
  const heightOf = (r: Row) => (typeof r === 'number' ? rowHeight(events[r]!, perRow) : FOLD_HEIGHT);
  const sizes = heights.current.sizes;

  const following = useRef(follow);
  following.current = follow && until === null;
  // The rows' pixels a scrolled pixel stands for: 1 until the rows pass MAX_SCROLL_PX (scroll-scale.ts).
  const scale = useRef(1);
  const virtualizer = useLiveVirtualizer(
    {
      // The count stays the whole list while scrubbing: a new count makes the virtualizer walk every
      // row again, which at a million events costs whole frames. rowsEndingAt stops at the moment.
      count: rows.length,
      getScrollElement: () => scrollRef.current,
      estimateSize: (i) => (sizes[i] ??= heightOf(rows[i]!) + (i === noteAt ? NOTE_HEIGHT : 0)),
      overscan: OVERSCAN,
    },
    // Following the live end, the rows drawn are those ending at the newest (below), whatever the offset.
    () => following.current,
    () => scale.current,
    rowsReplaced,
  );

  useEffect(() => {
    virtualizer.measure();
  }, [perRow, virtualizer, noteAt, list]);

  // totalSize is a dependency below because rows can change height without a new event (a new
  // lane narrows every row's hex): the live end moves, and following must stick to it.
  const totalSize = virtualizer.getTotalSize();
  // A few hundred thousand cards are taller than the browser draws a box: past MAX_SCROLL_PX the
  // box keeps that height, and the rows are drawn where the scaled scroll puts them (below).
  const viewPx = virtualizer.scrollRect?.height ?? 0;
  const { height: boxPx, k } = scrollBox(totalSize, viewPx);
  scale.current = k;
  // Puts the moment's row, or the live end, at the bottom. The virtualizer's scrollToIndex would
  // re-read scrollHeight on that call and for frames after (forced layouts), which cost whole
  // frames per scrub; the row's end is known from the cached row positions.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (untilRow === null) {
      if (follow && rows.length > 0) scrollOwn(el, el.scrollHeight);
      return;
    }
    const row = virtualizer.measurementsCache[untilRow];
    if (row) scrollOwn(el, Math.max(0, row.end - el.clientHeight) / k);
  }, [rows.length, follow, virtualizer, untilRow, totalSize, k]);

  // A new note (a moment's what-happened) above the live end: the lanes go to it and leave the live
  // end, so the room reads it under its event; when the note goes (the next moment runs), back to live.
  const noteSeen = useRef<{ seq: number | null; paused: boolean }>({ seq: null, paused: false });
  useLayoutEffect(() => {
    const seen = noteSeen.current;
    const seq = shownNote?.seq ?? null;
    if (seq === seen.seq) return;
    seen.seq = seq;
    const el = scrollRef.current;
    if (seq === null) {
      if (seen.paused) setFollow(true);
      seen.paused = false;
      return;
    }
    if (!el || until !== null || !follow) return;
    const row = virtualizer.measurementsCache[noteAt];
    // The row's end with its note: the virtualizer measures the taller row only after this effect.
    const end = row ? row.start + rowHeight(events[noteEvent]!, perRow) + NOTE_HEIGHT : 0;
    if (row && end < (el.scrollHeight - el.clientHeight) * k) {
      seen.paused = true;
      setFollow(false);
      scrollOwn(el, Math.max(0, end - el.clientHeight + 8) / k);
    }
  }, [shownNote, noteAt, noteEvent, follow, until, virtualizer, events, perRow, k]);

  // A shrinking lane area keeps the live end in view while following.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      if (following.current) scrollOwn(el, el.scrollHeight);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);


  // Following the live end, the rows that end there are drawn now, in the same render as the new
  // rows, and the layout effect above scrolls to them: the virtualizer, which sees the scroll only
  // a frame later, would first draw the rows at the old offset and then, in a second render and
  // commit, the new ones (a frame later than need be, and twice the work at 1,000 events a second).
  const live = until === null && follow && rows.length > 0;
  const [pace] = useState(() => new LivePace(OVERSCAN));
  const liveOverscan = pace.overscan(rows.length);
  // Events faster than a frame's rows: each frame's rows are all new. Their elements are then kept
  // by place on screen and given the new rows' text, which the browser lays out in about a third of
  // the time it takes to build and lay out new cards (measured: 0.25 against 0.8 ms a card).
  const busy = live && pace.busy;
  const shown = untilRow !== null ? rowsEndingAt(virtualizer, untilRow) : live ? rowsEndingAt(virtualizer, rows.length - 1, liveOverscan) : virtualizer.getVirtualItems();
  // The rows' pixel at the view's top: the moment's row or the newest at the bottom, else where the
  // user scrolled. A row is drawn `shift` above its own place: 0 until the scroll is scaled.
  const untilEnd = untilRow === null ? undefined : virtualizer.measurementsCache[untilRow]?.end;
  const top = untilEnd !== undefined ? Math.max(0, untilEnd - viewPx) : live ? Math.max(0, totalSize - viewPx) : virtualizer.boxOffset() * k;
  const shift = top - top / k;
  // The same for a scroll that jumps past every row drawn before (a scaled scroll does at each
  // wheel turn): its rows take the elements by place. A scroll within reach keeps each row's own
  // element, so the rows still on screen are not drawn again. (Measured over a million events, the
  // page's work per frame, p95: scrolling 14 -> 6 ms; scrubbing by place was slower, 11 -> 16 ms,
  // so a moment's rows keep their own elements.)
  const drawnRows = useRef<{ first: number; last: number } | null>(null);
  const first = shown[0]?.index ?? 0;
  const last = shown.at(-1)?.index ?? -1;
  const before = drawnRows.current;
  const bySlot = busy || (until === null && !live && before !== null && (first > before.last || last < before.first));
  useLayoutEffect(() => {
    drawnRows.current = { first, last };
  });

  const columns = `repeat(${lanes.length}, minmax(0, 1fr))`;
  return (
    <section className="timeline" aria-label="Timeline">
      <LaneHeads lab={lab} lanes={lanes} columns={columns} live={until === null} />
      <div className="lanes-scroll" ref={scrollRef} onScroll={onScroll} role="log" aria-label="Socket calls" style={{ '--lanes': lanes.length } as CSSProperties}>
        {events.length === 0 && <p className="empty">No socket calls yet. Start the server, then connect a client.</p>}
        <div style={{ height: boxPx, position: 'relative' }}>
          {shown.map((item, slot) => {
            const r = rows[item.index]!;
            const e = events[typeof r === 'number' ? r : r.head]!;
            const laneKey = view.lanes.laneOfEvent(e);
            const laneIdx = Math.max(0, lanes.findIndex((l) => l.key === laneKey));
            return (
              <div
                key={bySlot ? slot : typeof r === 'number' ? e.seq : `fold ${e.seq}`}
                className="row"
                style={{ transform: `translateY(${item.start - shift}px)`, height: item.size, gridTemplateColumns: columns }}
              >
                <div style={{ gridColumn: laneIdx + 1 }} className="cell">
                  {typeof r === 'number' ? (
                    <EventCard
                      event={e}
                      laneTitle={lanes[laneIdx]!.title}
                      laneKind={laneKind(laneKey)}
                      perRow={perRow} selected={selected === e.seq} onSelect={onSelect} />
                  ) : (
                    <FoldCard fold={r} events={events} until={until} laneTitle={lanes[laneIdx]!.title} laneKind={laneKind(laneKey)}
                      onOpen={() => setOpened(new Set([...opened, r.head]))} />
                  )}
                </div>
                {item.index === noteAt && shownNote && (
                  <p className="row-note" role="note" aria-label={`What happened, under event ${e.seq}`} title={shownNote.text}>
                    {shownNote.text}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      </div>
      {!follow && (
        <button type="button" className="follow" onClick={() => setFollow(true)}>
          ↓ Follow live
        </button>
      )}
      {until === null && <HeldCalls lab={lab} lanes={lanes} columns={columns} />}
    </section>
  );
}
