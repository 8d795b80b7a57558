// Title, the lab tabs, bridge status and the event counters (drops shown, never hidden).
import { useSyncExternalStore } from 'react';
import { useApp, useStore } from '../app-context.ts';
import { LABS, type LabEntry } from '../labs/registry.ts';
import { ThemeSelect } from './ThemeSelect.tsx';

export function Header({ current }: { current: LabEntry['id'] | 'deck' }) {
  const store = useStore();
  const { client, sessions } = useApp();
  const s = store.status;
  // The live session's count goes on while a replay is shown.
  useSyncExternalStore(sessions.live.subscribe, sessions.live.getVersion);
  const liveStatus = sessions.live.status;
  return (
    <header className="header">
      <h1>Socket Lab</h1>
      <nav className="tabs" aria-label="Labs">
        {LABS.map((l) => (
          <a key={l.id} href={`#/${l.id}`} aria-current={l.id === current ? 'page' : undefined} className="tab">
            {l.title}
          </a>
        ))}
        <a href="#/deck" aria-current={current === 'deck' ? 'page' : undefined} className="tab">
          Lecture deck
        </a>
      </nav>
      <div className="header-right">
        <ThemeSelect />
        <span className="counter" aria-label="events recorded">{store.total.toLocaleString('en')} events</span>
        <span className={store.missing > 0 ? 'counter warn' : 'counter'} aria-label="events dropped">
          {store.missing.toLocaleString('en')} dropped
        </span>
        <span role="status" className={`status status-${s.kind}`}>
          {s.kind === 'open'
            ? 'bridge connected'
            : s.kind === 'connecting'
              ? 'connecting…'
              : s.kind === 'replay'
                ? liveStatus.kind === 'open'
                  ? `replaying ${s.name} · live keeps recording`
                  : `replaying ${s.name} (no bridge)`
                : s.kind === 'static'
                  ? 'replay mode (no bridge behind this page): Open trace… replays a saved session'
                : `disconnected: ${s.reason}${s.retrying ? ' · looking for it again…' : ''}`}
        </span>
        {s.kind === 'closed' && s.retrying && (
          <button type="button" onClick={() => void client.lookAgain()}>
            Reconnect now
          </button>
        )}
        {s.kind === 'closed' && !s.retrying && (
          <button type="button" onClick={() => location.reload()}>
            Reconnect
          </button>
        )}
        {sessions.replay && (
          <div className="session-switch" role="group" aria-label="Session shown">
            <button type="button" aria-pressed={sessions.showing === 'live'} onClick={() => sessions.show('live')} title="The live session: it kept recording while the replay was shown">
              Live · {sessions.live.total.toLocaleString('en')}
            </button>
            <button type="button" aria-pressed={sessions.showing === 'replay'} onClick={() => sessions.show('replay')} title={`The trace ${sessions.replay.name}, replayed`}>
              Replay
            </button>
            <button type="button" aria-label="Close the replay" title="Close the replay (the live session stays)" onClick={() => sessions.closeReplay()}>
              ✕
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
