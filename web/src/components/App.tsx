// The page frame: header with lab tabs, the current lab's controls, its timeline, the selected event.
import { useEffect, useState } from 'react';
import { labFromHash } from '../labs/registry.ts';
import { EventDetail } from './EventDetail.tsx';
import { Header } from './Header.tsx';
import { Notices } from './Notices.tsx';
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
  const Controls = lab.Controls;
  const Panel = lab.Panel;
  const seq = selected?.lab === lab.id ? selected.seq : null;
  useEffect(() => {
    document.title = `${lab.title} · Socket Lab`;
  }, [lab.title]);
  return (
    <div className="app">
      <Header current={lab.id} />
      <Notices />
      <main className="main">
        <section className="controls" aria-label={`${lab.title} controls`}>
          <Controls />
        </section>
        <Timeline key={lab.id} lab={lab.id} selected={seq} onSelect={(s) => setSelected({ lab: lab.id, seq: s })} />
        {Panel && <Panel />}
        {seq !== null && <EventDetail lab={lab.id} seq={seq} onClose={() => setSelected(null)} />}
      </main>
    </div>
  );
}
