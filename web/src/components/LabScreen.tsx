// One lab as the page shows it (keyed by lab, so selection and scrub start afresh per lab): the step/trace toolbar, its controls, timeline, panel and the selected event.
import { useCallback, useMemo, useState } from 'react';
import type { LabEntry } from '../labs/registry.ts';
import { useStore } from '../app-context.ts';
import { EventDetail } from './EventDetail.tsx';
import { Scrubber } from './Scrubber.tsx';
import { StepControls } from './StepControls.tsx';
import { TraceControls } from './TraceControls.tsx';
import { Timeline } from './Timeline.tsx';
import { SequenceDiagram } from '../sequence/SequenceDiagram.tsx';
import { initialView, saveView, type ViewMode } from '../view-mode.ts';

/** `foldControls`: the lab's controls start folded into one bar that opens on demand (the deck, where Set up does their work). */
export function LabScreen({ lab, foldControls = false }: { lab: LabEntry; foldControls?: boolean }) {
  const store = useStore();
  const [selected, setSelected] = useState<{ lab: string; seq: number } | null>(null);
  const [moment, setMoment] = useState<number | null>(null);
  const [viewMode, setViewMode] = useState<ViewMode>(initialView);
  const [fold, setFold] = useState(false);
  const chooseView = (v: ViewMode) => {
    setViewMode(v);
    saveView(v);
  };
  const { Controls, Panel, Body } = lab;
  /** The bridge lab whose timeline to show; none for page-only tools. */
  const socketLab = lab.id === 'workbench' ? null : lab.id;
  // The same elements each render, so scrubbing (this component's state) does not redraw the
  // lab's controls and panel; they follow the store themselves.
  const controls = useMemo(() => {
    if (!Controls) return null;
    const section = (
      <section className="controls" aria-label={`${lab.title} controls`}>
        <Controls />
      </section>
    );
    return foldControls ? (
      <details className="folded-controls">
        <summary>{lab.title} controls</summary>
        {section}
      </details>
    ) : (
      section
    );
  }, [Controls, lab.title, foldControls]);
  const panel = useMemo(() => Panel && <Panel />, [Panel]);
  const body = useMemo(() => Body && <Body />, [Body]);
  const toolbar = useMemo(
    () => (
      <div className="toolbar">
        <StepControls lab={socketLab!} />
        <div className="view-switch" role="group" aria-label="Show the calls as">
          <button type="button" aria-pressed={viewMode === 'cards'} onClick={() => chooseView('cards')} title="A card per call, with its bytes">
            Cards
          </button>
          <button type="button" aria-pressed={viewMode === 'diagram'} onClick={() => chooseView('diagram')} title="A sequence diagram: an arrow from each send to the recvs that read its bytes">
            Diagram
          </button>
        </div>
        {viewMode === 'cards' && (
          <label className="fold-toggle" title="A run of the same call on one socket (3,400 × recv(1)) becomes one row after its first card; Open shows its calls again">
            <input type="checkbox" checked={fold} onChange={(e) => setFold(e.target.checked)} /> Fold repeats
          </label>
        )}
        <TraceControls />
      </div>
    ),
    [socketLab, viewMode, fold],
  );
  const seq = selected?.lab === lab.id ? selected.seq : null;
  // One function for the lab's life: this screen renders every frame the store changes, and a new
  // onSelect each time made every card on screen render again (EventCard is memo'd on its props).
  const select = useCallback((s: number) => setSelected({ lab: lab.id, seq: s }), [lab.id]);
  const note = lab.note?.(store) ?? null;
  const scrub = (index: number | null) => {
    setMoment(index);
    // At a moment, the event there is the one shown: its bytes and its Python line.
    const e = index === null || !socketLab ? undefined : store.view(socketLab).events[index];
    setSelected(e && socketLab ? { lab: socketLab, seq: e.seq } : null);
  };
  return (
    <>
      {socketLab && toolbar}
      {socketLab && <Scrubber lab={socketLab} moment={moment} onMoment={scrub} />}
      <main className="main">
        {body}
        {controls}
        {socketLab && (
          // The lanes first: the lab's panel and the selected event's detail go beside them (below, in
          // the deck's narrow column), never taking their height.
          <div className={`${panel || seq !== null ? 'work with-side' : 'work'} lab-${socketLab}`}>
            {viewMode === 'diagram' ? (
              <SequenceDiagram key={socketLab} lab={socketLab} selected={seq} until={moment} onSelect={select} />
            ) : (
              <Timeline key={socketLab} lab={socketLab} selected={seq} until={moment} note={note} fold={fold} onSelect={select} />
            )}
            {(panel || seq !== null) && (
              <div className="side">
                {seq !== null && <EventDetail lab={socketLab} seq={seq} onClose={() => setSelected(null)} />}
                {panel}
              </div>
            )}
          </div>
        )}
      </main>
    </>
  );
}
