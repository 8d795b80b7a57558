// The page frame: header, the current lab's controls, the timeline of lanes, the selected event.
import { useState } from 'react';
import { LABS } from '../labs/registry.ts';
import { EventDetail } from './EventDetail.tsx';
import { Header } from './Header.tsx';
import { Notices } from './Notices.tsx';
import { Timeline } from './Timeline.tsx';

export function App() {
  const [selected, setSelected] = useState<number | null>(null);
  const lab = LABS[0]!;
  const Controls = lab.Controls;
  return (
    <div className="app">
      <Header title={lab.title} />
      <Notices />
      <main className="main">
        <section className="controls" aria-label={`${lab.title} controls`}>
          <Controls />
        </section>
        <Timeline selected={selected} onSelect={setSelected} />
        {selected !== null && <EventDetail seq={selected} onClose={() => setSelected(null)} />}
      </main>
    </div>
  );
}
