// Below the Lifecycle lanes: the nagle moment's round-trip chart while it is the moment, and the
// programs' console.
import { useStore } from '../../app-context.ts';
import { ConsolePanel } from '../programs/ConsolePanel.tsx';
import { NagleChart } from './NagleChart.tsx';

export function LifecyclePanel() {
  const store = useStore();
  const current = store.state('lifecycle')?.current;
  return (
    <div className="lifecycle-panel">
      {current?.moment === 'nagle' && current.nagle && <NagleChart rounds={current.nagle.rounds} />}
      <ConsolePanel lab="lifecycle" />
    </div>
  );
}
