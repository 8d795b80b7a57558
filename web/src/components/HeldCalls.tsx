// Step mode's held calls where they happen: a ghost card in the lane of each socket whose call
// waits, saying what it waits with, and a button to let that one go (not only the oldest).
import type { LabId } from '@socket-lab/protocol';
import { useStore } from '../app-context.ts';
import { useStep } from '../step-request.ts';
import { heldCall } from '../held-text.ts';
import type { Lane } from '../lanes.ts';

export function HeldCalls({ lab, lanes, columns }: { lab: LabId; lanes: Lane[]; columns: string }) {
  const store = useStore();
  const release = useStep();
  const { mode, pending } = store.stepper;
  const mine = mode === 'step' ? pending.filter((p) => p.lab === lab) : [];
  if (mine.length === 0) return null;
  const view = store.view(lab);
  return (
    <div className="held-row" role="group" aria-label="Held calls in their lanes" style={{ gridTemplateColumns: columns }}>
      {mine.map((p, i) => {
        const lane = Math.max(0, lanes.findIndex((l) => l.key === view.lanes.laneOf(p.socket)));
        const text = heldCall(p);
        return (
          <div key={`${p.socket} ${p.op} ${i}`} className="ghost-card" style={{ gridColumn: lane + 1 }} aria-label={`${p.socket}: ${text}`}>
            <span className="ghost-sock">{p.socket}</span>
            <span className="ghost-text">{text}</span>
            <button type="button" onClick={() => release(p.socket)} title={mine.length > 1 ? 'Let this call go first' : 'Let this call go (→)'}>
              Release
            </button>
          </div>
        );
      })}
    </div>
  );
}
