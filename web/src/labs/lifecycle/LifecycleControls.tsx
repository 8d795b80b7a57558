// The Lifecycle tab: a button per moment of a TCP connection's life. Each press runs the lab's
// Python programs for it on a fresh port; the lanes show their calls and the kernel's states, and
// the line below (and a note under the event that completed it) says what happened once it has.
import { LIFECYCLE_MOMENTS, MOMENT_INFO } from '@socket-lab/protocol';
import { useStore } from '../../app-context.ts';
import type { LabStore } from '../../store/lab-store.ts';
import type { TimelineNote } from '../../timeline-layout.ts';
import { useLabCommand } from '../use-lab-command.ts';

export function LifecycleControls() {
  const store = useStore();
  const current = store.state('lifecycle')?.current ?? null;
  const connected = store.status.kind === 'open';
  const { run } = useLabCommand('lifecycle');
  const nagle = current?.moment === 'nagle' && current.status === 'running' ? current.nagle : null;
  return (
    <div className="lab-controls">
      <div className="control-group moments" role="group" aria-label="Moments">
        {LIFECYCLE_MOMENTS.map((m) => (
          <button
            key={m}
            type="button"
            title={MOMENT_INFO[m].about}
            aria-pressed={current?.moment === m}
            disabled={!connected}
            onClick={() => void run({ op: 'run', moment: m })}
          >
            {MOMENT_INFO[m].title}
          </button>
        ))}
        {current?.status === 'running' && (
          <button type="button" onClick={() => void run({ op: 'stop' })}>
            Stop
          </button>
        )}
        {nagle && (
          // The client's socket as getsockopt last read it back, not the wish: a press asks, its print confirms.
          <label className="nodelay" title="The client calls setsockopt(IPPROTO_TCP, TCP_NODELAY, …) before its next request">
            <input type="checkbox" role="switch" checked={nagle.nodelay} onChange={(e) => void run({ op: 'nodelay', on: e.target.checked })} />
            TCP_NODELAY
          </label>
        )}
      </div>
      <p className="moment-note" role="status" aria-label="What happened" title={current?.explanation ?? undefined}>
        {current
          ? `${MOMENT_INFO[current.moment].title} (port ${current.port}): ${current.status === 'running' ? `${MOMENT_INFO[current.moment].about}…` : current.explanation ?? ''}`
          : 'Press a moment: real Python programs make it happen, traced, with the kernel\u2019s view of each socket.'}
      </p>
    </div>
  );
}

/** The moment's explanation, under the event that completed it. */
export function lifecycleNote(store: LabStore): TimelineNote | null {
  const current = store.state('lifecycle')?.current;
  return current?.status === 'done' && current.after !== null && current.explanation ? { seq: current.after, text: current.explanation } : null;
}
