// The lanes: every event of the session in one virtualized list, each card in its lane's column.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LabId } from '@socket-lab/protocol';
import { useStore } from '../app-context.ts';
import { bytesPerRow, rowHeight } from '../timeline-layout.ts';
import { EventCard } from './EventCard.tsx';

interface Props {
  lab: LabId;
  selected: number | null;
  onSelect(seq: number): void;
  /** Scrubbed to this event's index: the list ends there, with the lanes of that moment. */
  until?: number | null;
}

export function Timeline({ lab, selected, onSelect, until = null }: Props) {
  const store = useStore();
  const view = store.view(lab);
  const events = view.events;
  const lanes = until === null ? view.lanes.lanes() : view.lanes.lanesAt(until);
  const perRow = bytesPerRow(lanes.length);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  // The virtualizer asks every row's size again whenever the count changes; a row's height never
  // changes for a given lane width, so each is computed once.
  const heights = useRef({ perRow, events, sizes: [] as number[] });
  // A new lane width, or a new event list (a trace was opened), starts the cache afresh.
  if (heights.current.perRow !== perRow || heights.current.events !== events) heights.current = { perRow, events, sizes: [] };
  const sizes = heights.current.sizes;

  const virtualizer = useVirtualizer({
    // The count stays the whole list while scrubbing: a new count makes the virtualizer walk every
    // row again, which at a million events costs whole frames. Rows after the moment draw nothing.
    count: events.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (sizes[i] ??= rowHeight(events[i]!, perRow)),
    overscan: 8,
  });

  useEffect(() => {
    virtualizer.measure();
  }, [perRow, virtualizer]);

  useEffect(() => {
    if (until !== null) virtualizer.scrollToIndex(until, { align: 'end' });
    else if (follow && events.length > 0) virtualizer.scrollToIndex(events.length - 1, { align: 'end' });
  }, [events.length, follow, virtualizer, until]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    setFollow(atBottom);
  }, []);

  const columns = `repeat(${lanes.length}, minmax(0, 1fr))`;
  return (
    <section className="timeline" aria-label="Timeline">
      <div className="lane-heads" style={{ gridTemplateColumns: columns }} role="group" aria-label="Lanes">
        {lanes.map((l) => (
          <div key={l.key} className={`lane-head lane-${l.key === 'client' || l.key === 'server' ? l.key : 'external'}`} role="heading" aria-level={3} aria-label={`${l.title} lane`}>
            <strong>{l.title}</strong> <span>{l.subtitle}</span>
          </div>
        ))}
      </div>
      <div className="lanes-scroll" ref={scrollRef} onScroll={onScroll} role="log" aria-label="Socket calls">
        {events.length === 0 && <p className="empty">No socket calls yet. Start the server, then connect a client.</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            if (until !== null && item.index > until) return null;
            const e = events[item.index]!;
            const laneKey = view.lanes.laneOf(e.socket);
            const laneIdx = Math.max(0, lanes.findIndex((l) => l.key === laneKey));
            return (
              <div
                key={e.seq}
                className="row"
                style={{ transform: `translateY(${item.start}px)`, height: item.size, gridTemplateColumns: columns }}
              >
                <div style={{ gridColumn: laneIdx + 1 }} className="cell">
                  <EventCard
                    event={e}
                    laneTitle={lanes[laneIdx]!.title}
                    laneKind={laneKey === 'client' || laneKey === 'server' ? laneKey : 'external'}
                    perRow={perRow} selected={selected === e.seq} onSelect={onSelect} />
                </div>
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
    </section>
  );
}
