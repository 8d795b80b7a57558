// The page frame: header with lab tabs, the current lab's controls, its timeline, the selected event.
import { useEffect, useState } from 'react';
import { labFromHash } from '../labs/registry.ts';
import { EventDetail } from './EventDetail.tsx';
import { Header } from './Header.tsx';
import { Notices } from './Notices.tsx';
import { StepControls } from './StepControls.tsx';
import { TraceControls } from './TraceControls.tsx';
import { Timeline } from './Timeline.tsx';

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

export function App() {
  const lab = labFromHash(useHash());
  const [selected, setSelected] = useState<{ lab: string; seq: number } | null>(null);
  const { Controls, Panel, Body } = lab;
  /** The bridge lab whose timeline to show; none for page-only tools. */
  const socketLab = lab.id === 'workbench' ? null : lab.id;
  const seq = selected?.lab === lab.id ? selected.seq : null;
  useEffect(() => {
    document.title = `${lab.title} · Socket Lab`;
  }, [lab.title]);
  return (
    <div className="app">
      <Header current={lab.id} />
      {socketLab && (
        <div className="toolbar">
          <StepControls />
          <TraceControls />
        </div>
      )}
      <Notices />
      <main className="main">
        {Body && <Body />}
        {Controls && (
          <section className="controls" aria-label={`${lab.title} controls`}>
            <Controls />
          </section>
        )}
        {socketLab && <Timeline key={socketLab} lab={socketLab} selected={seq} onSelect={(s) => setSelected({ lab: socketLab, seq: s })} />}
        {Panel && <Panel />}
        {socketLab && seq !== null && <EventDetail lab={socketLab} seq={seq} onClose={() => setSelected(null)} />}
      </main>
    </div>
  );
}
