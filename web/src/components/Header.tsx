// Title, lab name, bridge status and the event counters (drops shown, never hidden).
import { useStore } from '../app-context.ts';

export function Header({ title }: { title: string }) {
  const store = useStore();
  const s = store.status;
  return (
    <header className="header">
      <h1>
        Socket Lab <span className="lab-title">· {title}</span>
      </h1>
      <div className="header-right">
        <span className="counter" aria-label="events recorded">{store.events.length.toLocaleString('en')} events</span>
        <span className={store.dropped > 0 ? 'counter warn' : 'counter'} aria-label="events dropped">
          {store.dropped.toLocaleString('en')} dropped
        </span>
        <span role="status" className={`status status-${s.kind}`}>
          {s.kind === 'open' ? 'bridge connected' : s.kind === 'connecting' ? 'connecting…' : `disconnected: ${s.reason}`}
        </span>
        {s.kind === 'closed' && (
          <button type="button" onClick={() => location.reload()}>
            Reconnect
          </button>
        )}
      </div>
    </header>
  );
}
