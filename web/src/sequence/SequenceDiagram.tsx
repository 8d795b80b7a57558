// The sequence diagram, as textbooks and RFCs draw a connection: time flows down, a column per
// lane, and an arrow from each send to every recv that read its bytes, labelled with them. Rows
// have one height, so only the rows in view (and the arrows touching them) are drawn, at any count.
import type { LabId, SocketEvent } from '@socket-lab/protocol';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useStore } from '../app-context.ts';
import { HeldCalls } from '../components/HeldCalls.tsx';
import { useFollow } from '../follow.ts';
import { LaneHeads, laneKind } from '../components/LaneHeads.tsx';
import { pythonLine } from '../python-line.ts';
import { fitStyle } from '../fit.ts';
import { onThemeChange, shownTheme, themeApplied } from '../theme.ts';
import { arrowLabel, arrowPath, datagramBadge, nodeBox, placeLabels, scrollScale } from './diagram-geometry.ts';
import type { Arrow } from './sequence-index.ts';

/** Rows above and below the window whose arrows are drawn, so arrows reaching in from outside show. */
const ARROW_REACH = 60;
const WRITES = new Set(['send', 'sendall', 'sendto']);

/** A size read from the page's root (its font size), read again each time a theme is applied. */
function useFromRoot<T>(read: () => T): T {
  const applied = useSyncExternalStore(onThemeChange, themeApplied);
  // `read` is a module function: the theme applied is all it depends on.
  return useMemo(read, [applied, read]);
}

const rootPx = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

/** Two lines of text a row and the gap between nodes: its height follows the theme's type size. */
const readRowPx = () => Math.round(rootPx() * 2.9);

/** The arrow labels' character width and line height (their font is 0.78rem, the projector's 0.7rem: styles.css). */
const readLabelPx = () => {
  const font = rootPx() * (shownTheme() === 'projector' ? 0.7 : 0.78);
  // A monospace character is 0.6 of its size; a little more, as the text has a halo.
  return { char: font * 0.62, line: font * 1.3 };
};

interface Props {
  lab: LabId;
  selected: number | null;
  onSelect(seq: number): void;
  /** Scrubbed to this event's index: the diagram ends there. */
  until?: number | null;
}

export function SequenceDiagram({ lab, selected, onSelect, until = null }: Props) {
  const store = useStore();
  const view = store.view(lab);
  const events = view.events;
  const index = view.sequence();
  const lanes = until === null ? view.lanes.lanes() : view.lanes.lanesAt(until);
  const columns = `repeat(${lanes.length}, minmax(0, 1fr))`;
  const rowPx = useFromRoot(readRowPx);
  const labelPx = useFromRoot(readLabelPx);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ width: 0, height: 0, top: 0 });
  const { follow, setFollow, scrollOwn, onScroll: followOnScroll } = useFollow(scrollRef, until);
  const rows = until === null ? events.length : Math.min(until + 1, events.length);
  const scale = scrollScale(rows, rowPx, box.height);

  const measure = useCallback(() => {
    const el = scrollRef.current;
    if (el) setBox({ width: el.clientWidth, height: el.clientHeight, top: el.scrollTop });
  }, []);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  // Live and following, or at a scrubbed moment: the last row shown sits at the bottom.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || (until === null && !follow)) return;
    scrollOwn(el, el.scrollHeight);
    measure();
  }, [rows, follow, until, scale.height, measure, scrollOwn]);

  const onScroll = () => {
    measure();
    followOnScroll();
  };

  // The rows' own offset of the window's top edge.
  const topPx = box.top * scale.k;
  const first = Math.max(0, Math.floor(topPx / rowPx));
  const last = Math.min(rows - 1, Math.ceil((topPx + box.height) / rowPx));
  const y = (i: number) => i * rowPx - topPx + rowPx / 2;
  const cols = { width: box.width, count: lanes.length };
  const colOf = new Map(lanes.map((l, i) => [l.key, i]));
  const col = (e: SocketEvent) => colOf.get(view.lanes.laneOfEvent(e)) ?? 0;

  // Arrows with an end among the rows in view or near them, each once, both ends at or before the moment.
  const arrows = new Set<Arrow>();
  for (let i = Math.max(0, first - ARROW_REACH); i <= Math.min(rows - 1, last + ARROW_REACH); i++) {
    for (const a of index.near(i, Math.max(0, first - ARROW_REACH), Math.min(rows - 1, last + ARROW_REACH))) if (a.to < rows && a.from < rows && (a.to >= first - ARROW_REACH || a.from >= first - ARROW_REACH)) arrows.add(a);
  }
  const nodes: number[] = [];
  for (let i = first; i <= last && i < rows; i++) nodes.push(i);
  const drawn = [...arrows].map((a) => {
    const send = events[a.from]!;
    const recv = events[a.to]!;
    const fromCol = col(send);
    const toCol = col(recv);
    const [y1, y2] = [y(a.from), y(a.to)];
    return { a, send, recv, p: arrowPath(cols, fromCol, y1, toCol, y2), y1, y2, label: arrowLabel(a, send, recv), loop: fromCol === toCol };
  });
  // Labels never over one another or a node: each where its arrow has room, or left out.
  const places = placeLabels(
    drawn.map(({ p, y1, y2, label, loop }) => ({ x1: p.x1, y1, x2: p.x2, y2, chars: label.length, ...(loop ? { fixed: { x: p.labelX, y: p.labelY, anchor: p.anchor } } : {}) })),
    nodes.map((i) => ({ ...nodeBox(cols, col(events[i]!)), top: y(i) - rowPx / 2 + 3, height: rowPx - 6 })),
    labelPx.char,
    labelPx.line,
  );

  return (
    <section className="timeline diagram" aria-label="Sequence diagram">
      <LaneHeads lab={lab} lanes={lanes} columns={columns} live={until === null} />
      <div className="lanes-scroll" ref={scrollRef} onScroll={onScroll} role="log" aria-label="Socket calls as a sequence diagram">
        {events.length === 0 && <p className="empty">No socket calls yet. Start the server, then connect a client.</p>}
        <div style={{ height: scale.height, position: 'relative' }}>
          <div className="diagram-window" style={{ height: box.height }}>
            <svg className="diagram-lines" width={box.width} height={box.height} aria-hidden={arrows.size === 0 ? true : undefined}>
              <defs>
                <marker id={`arrowhead-${lab}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                  <path d="M 0 0 L 10 5 L 0 10 z" className="arrowhead" />
                </marker>
              </defs>
              {lanes.map((l, i) => {
                const b = nodeBox(cols, i);
                return <line key={l.key} className="lifeline" x1={b.left + b.width / 2} x2={b.left + b.width / 2} y1={0} y2={box.height} />;
              })}
              {drawn.map(({ a, send, recv, p, label }, k) => {
                const at = places[k];
                return (
                  <g key={`${a.from}>${a.to}:${a.toOffset}`} className={a.udp ? 'arrow arrow-udp' : 'arrow'} role="img" aria-label={`${label}, from event ${send.seq} to event ${recv.seq}`}>
                    <path d={p.d} markerEnd={`url(#arrowhead-${lab})`} />
                    {at && (
                      <text x={at.x} y={at.y} textAnchor={at.anchor}>
                        {label}
                      </text>
                    )}
                  </g>
                );
              })}
            </svg>
            {nodes.map((i) => (
              <Node key={events[i]!.seq} e={events[i]!} top={y(i) - rowPx / 2} height={rowPx} box={nodeBox(cols, col(events[i]!))}
                kind={laneKind(view.lanes.laneOfEvent(events[i]!))} selected={selected === events[i]!.seq} onSelect={onSelect}
                unread={WRITES.has(events[i]!.op) && events[i]!.size > 0 && !events[i]!.error ? events[i]!.size - index.readOf(i, rows - 1) : 0} />
            ))}
          </div>
        </div>
      </div>
      {until === null && !follow && (
        <button type="button" className="follow" onClick={() => setFollow(true)}>
          ↓ Follow live
        </button>
      )}
      {until === null && <HeldCalls lab={lab} lanes={lanes} columns={columns} />}
    </section>
  );
}

interface NodeProps {
  e: SocketEvent;
  top: number;
  height: number;
  box: { left: number; width: number };
  kind: string;
  selected: boolean;
  onSelect(seq: number): void;
  /** A send's bytes no recv has read yet (at the moment shown). */
  unread: number;
}

function Node({ e, top, height, box, kind, selected, onSelect, unread }: NodeProps) {
  const py = pythonLine(e);
  const badge = datagramBadge(e);
  const notRead = unread > 0 ? (e.op === 'sendto' ? 'no recvfrom has read it (yet)' : `${unread.toLocaleString('en')} ${unread === 1 ? 'byte' : 'bytes'} not read yet`) : null;
  const extra = [badge, notRead].filter(Boolean).join(' · ');
  return (
    <button
      type="button"
      className={`seq-node lane-${kind}${e.error ? ' card-error' : ''}${selected ? ' card-selected' : ''}${e.op === 'output' ? ' seq-output' : ''}`}
      style={{ top: top + 3, height: height - 6, left: box.left, width: box.width }}
      aria-current={selected ? 'true' : undefined}
      aria-label={`event ${e.seq}: ${py.code} → ${py.result}${extra ? ` (${extra})` : ''}`}
      title={`#${e.seq} ${py.code}\n→ ${py.result}${extra ? `\n${extra}` : ''}`}
      onClick={() => onSelect(e.seq)}
    >
      <span className="seq-code fit" style={fitStyle(`#${e.seq} `, py.code)}>
        <span className="seq">#{e.seq}</span> {py.code}
      </span>
      <span className={e.error ? 'seq-result py-error fit' : 'seq-result fit'} style={fitStyle('→ ', py.result, extra ? ` · ${extra}` : '')}>
        → {py.result}
        {extra && <span className="seq-badge"> · {extra}</span>}
      </span>
    </button>
  );
}
