// The lanes' titles over the timeline and the sequence diagram, each with its sockets' kernel view now.
import type { LabId } from '@socket-lab/protocol';
import { useStore } from '../app-context.ts';
import type { Lane } from '../lanes.ts';
import { KernelNow } from './KernelNow.tsx';
import { fitStyle } from '../fit.ts';

export const laneKind = (key: string) => (key === 'client' || key === 'server' ? key : 'external');

/** `live`: the lanes as they are now (the kernel's view shows); a scrubbed moment has none. */
export function LaneHeads({ lab, lanes, columns, live }: { lab: LabId; lanes: Lane[]; columns: string; live: boolean }) {
  const store = useStore();
  const view = store.view(lab);
  return (
    <div className="lane-heads" style={{ gridTemplateColumns: columns }} role="group" aria-label="Lanes">
      {lanes.map((l) => (
        <div key={l.key} className={`lane-head lane-${laneKind(l.key)}`} role="heading" aria-level={3} aria-label={`${l.title} lane`}>
          <span className="lane-title fit" style={fitStyle(l.title, ' ', l.subtitle)}>
            <strong>{l.title}</strong> <span>{l.subtitle}</span>
          </span>
          {live && <KernelNow sockets={[...store.kernel.values()].filter((k) => k.lab === lab && view.lanes.laneOf(k.socket) === l.key)} />}
        </div>
      ))}
    </div>
  );
}
