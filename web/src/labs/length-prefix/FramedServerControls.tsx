// The framed server: start, stop as keep_running = False does, and who is served or waiting.
import type { LengthPrefixState } from '@socket-lab/protocol';
import { useState } from 'react';
import { useLengthPrefixCommand } from './use-command.ts';

export function FramedServerControls({ state, disabled }: { state: LengthPrefixState | undefined; disabled: boolean }) {
  const [port, setPort] = useState('65433');
  const { run, busy } = useLengthPrefixCommand();
  const server = state?.server ?? null;
  const addr = (a: [string, number]) => `${a[0]}:${a[1]}`;
  return (
    <form
      className="control-group"
      aria-label="Server"
      onSubmit={(ev) => {
        ev.preventDefault();
        void (server ? run({ op: 'stop-server' }) : run({ op: 'start-server', host: '127.0.0.1', port: Number(port) }));
      }}
    >
      <h2>Server</h2>
      <label>
        Port <input value={port} onChange={(e) => setPort(e.target.value)} disabled={!!server} inputMode="numeric" size={6} />
      </label>
      <button type="submit" disabled={disabled || busy || server?.stopping}>
        {server ? 'Stop (keep_running = False)' : 'Start server'}
      </button>
      <span className="state-note" role="status" aria-label="Server state">
        {!server
          ? 'not running'
          : `${server.stopping ? 'stopping after the current recv returns' : 'listening'} on ${addr(server.local)}` +
            (state?.serving ? ` · serving ${state.serving.socket} from ${addr(state.serving.remote)}` : ' · waiting in accept()')}
      </span>
      {state && state.waiting.length > 0 && (
        <span className="state-note waiting" role="status" aria-label="Waiting clients">
          {state.waiting.length} waiting for accept(): {state.waiting.map((w) => addr(w.remote)).join(', ')}
        </span>
      )}
    </form>
  );
}
