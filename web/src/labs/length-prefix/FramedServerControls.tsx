// The framed server: start, stop as keep_running = False does, and who is served or waiting.
import type { LengthPrefixState } from '@socket-lab/protocol';
import { useState } from 'react';
import { PortField } from '../../components/PortField.tsx';
import { ServerForm } from '../../components/ServerForm.tsx';
import { useLengthPrefixCommand } from './use-command.ts';

const addr = (a: [string, number]) => `${a[0]}:${a[1]}`;

export function FramedServerControls({ state, disabled }: { state: LengthPrefixState | undefined; disabled: boolean }) {
  const [port, setPort] = useState('65433');
  const { run, busy } = useLengthPrefixCommand();
  const server = state?.server ?? null;
  return (
    <ServerForm
      running={!!server}
      blocked={disabled || busy || !!server?.stopping}
      start={() => void run({ op: 'start-server', host: '127.0.0.1', port: Number(port) })}
      stop={() => void run({ op: 'stop-server' })}
      stopLabel="Stop (keep_running = False)"
      status={
        !server
          ? 'not running'
          : `${server.stopping ? 'stopping after the current recv returns' : 'listening'} on ${addr(server.local)}` +
            (state?.serving ? ` · serving ${state.serving.socket} from ${addr(state.serving.remote)}` : ' · waiting in accept()')
      }
      after={
        state &&
        state.waiting.length > 0 && (
          <span className="state-note waiting" role="status" aria-label="Waiting clients">
            {state.waiting.length} waiting for accept(): {state.waiting.map((w) => addr(w.remote)).join(', ')}
          </span>
        )
      }
    >
      <PortField value={port} onChange={setPort} locked={!!server} listening={server?.local[1]} />
    </ServerForm>
  );
}
