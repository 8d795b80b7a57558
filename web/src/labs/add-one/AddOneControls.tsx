// Add-one controls: the UDP server of seed 001, and a client that sends struct.pack('!h', n).
import { useState } from 'react';
import { useStore } from '../../app-context.ts';
import { UdpServerControls } from '../UdpServerControls.tsx';
import { useAddOneCommand } from './use-command.ts';

export function AddOneControls() {
  const store = useStore();
  const state = store.state('add-one');
  const connected = store.status.kind === 'open';
  const { run, busy } = useAddOneCommand();
  const [value, setValue] = useState('1');
  const n = Number(value);
  const valid = /^-?\d+$/.test(value.trim()) && Math.abs(n) < 2 ** 31;
  return (
    <div className="lab-controls">
      <UdpServerControls
        defaultPort={5000}
        server={state?.server ?? null}
        disabled={!connected}
        busy={busy}
        start={(host, port) => void run({ op: 'start-server', host, port })}
        stop={() => void run({ op: 'stop-server' })}
      />
      <form
        className="control-group"
        aria-label="Client"
        onSubmit={(ev) => {
          ev.preventDefault();
          if (valid) void run({ op: 'send', value: n });
        }}
      >
        <h2>Client</h2>
        <label>
          Number <input value={value} onChange={(e) => setValue(e.target.value)} size={8} inputMode="numeric" aria-invalid={!valid} />
        </label>
        <button type="submit" disabled={!connected || busy || !state?.server || !valid}>
          Send struct.pack('!h', n)
        </button>
        {[1, -1, 32766, 32767].map((v) => (
          <button key={v} type="button" className="chip" disabled={!connected || busy || !state?.server} onClick={() => (setValue(String(v)), void run({ op: 'send', value: v }))}>
            {v}
          </button>
        ))}
        <span className="state-note" role="status" aria-label="Result">
          {state?.last ? `sent ${state.last.value} → ${state.last.reply ?? 'no reply'}: ${state.last.note}` : "'!h' is a 2-byte signed big-endian integer: -32768 to 32767"}
        </span>
      </form>
    </div>
  );
}
