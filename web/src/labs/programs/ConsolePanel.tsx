// The programs' console: each line they printed (stdout and stderr, tracebacks too), in order.
import type { LabId } from '@socket-lab/protocol';
import { useStore } from '../../app-context.ts';

/** Lines kept on screen; the timeline holds them all. */
const SHOWN = 200;

export function ConsolePanel({ lab = 'programs' }: { lab?: LabId }) {
  const store = useStore();
  const lines = store.view(lab).events.filter((e) => e.op === 'output');
  return (
    <section className="console" aria-label="Console">
      <h2>Console</h2>
      <pre role="log" aria-label="Program output">
        {lines.length === 0 && <span className="empty">What the programs print appears here.</span>}
        {lines.slice(-SHOWN).map((e) => (
          <div key={e.seq} className={e.output?.stream === 'stderr' ? 'stderr' : undefined}>
            <span className="pid">{e.pid ?? ''}</span> {e.output?.text}
          </div>
        ))}
      </pre>
    </section>
  );
}
