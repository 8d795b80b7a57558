// The Server styles tab: a button per style (its Python server on a fresh port, then three clients
// at once), SIG_IGN for the forking one, a comparison of all four, and the line that says where
// the run is.
import { SERVER_STYLES, STYLE_INFO } from '@socket-lab/protocol';
import { useState } from 'react';
import { useStore } from '../../app-context.ts';
import { useLabCommand } from '../use-lab-command.ts';

export function ServersControls() {
  const store = useStore();
  const state = store.state('servers');
  const current = state?.current ?? null;
  const connected = store.status.kind === 'open';
  const { run } = useLabCommand('servers');
  const [sigIgn, setSigIgn] = useState(false);
  const running = current?.status === 'running' || state?.comparing;
  return (
    <div className="lab-controls">
      <div className="control-group moments" role="group" aria-label="Server styles">
        {SERVER_STYLES.map((s) => (
          <button key={s} type="button" title={STYLE_INFO[s].about} aria-pressed={current?.style === s} disabled={!connected} onClick={() => void run({ op: 'run', style: s, sigIgn })}>
            {STYLE_INFO[s].title}
          </button>
        ))}
        <label className="nodelay" title="The forking server calls signal(SIGCHLD, SIG_IGN) first: the kernel reaps its children">
          <input type="checkbox" checked={sigIgn} onChange={(e) => setSigIgn(e.target.checked)} />
          forking with SIG_IGN
        </label>
        <button type="button" disabled={!connected} onClick={() => void run({ op: 'compare' })}>
          Compare all four
        </button>
        {(running || current) && (
          <button type="button" disabled={!connected} onClick={() => void run({ op: 'stop' })}>
            Stop
          </button>
        )}
      </div>
      <p className="moment-note" role="status" aria-label="Server run">
        {!current
          ? 'Press a style: its Python server starts, then three clients at once, all traced. Each reply follows a second of work.'
          : `${STYLE_INFO[current.style].title}${current.sigIgn ? ' (SIG_IGN)' : ''} on port ${current.port}: ${
              current.status === 'running'
                ? `${STYLE_INFO[current.style].about}… ${current.clients.length} of 3 clients answered`
                : current.status === 'done'
                  ? `all three answered${state?.comparing ? ' (comparing)' : '; the server keeps serving until Stop (try nc)'}`
                  : `stopped: ${current.error ?? ''}`
            }`}
      </p>
    </div>
  );
}
