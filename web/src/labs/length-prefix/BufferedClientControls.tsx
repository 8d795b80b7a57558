// The buffered client: send_message, receive_message(), shutdown(), and bytes no good client sends.
import { toHex } from '@socket-lab/bytes';
import { encodeText } from '@socket-lab/framing';
import type { LengthPrefixState } from '@socket-lab/protocol';
import { useState } from 'react';
import { useLengthPrefixCommand } from './use-command.ts';

/** Bytes a lecturer can throw at the server to show what bad input gets. */
const PRESETS: Array<{ label: string; bytes: () => Uint8Array }> = [
  {
    label: 'Three frames in one sendall',
    bytes: () => concat([encodeText('first message here'), encodeText('second message'), encodeText('third one, longer')]),
  },
  { label: 'Header ff ff ff ff', bytes: () => Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x41]) },
  { label: 'Invalid UTF-8', bytes: () => Uint8Array.from([0, 0, 0, 5, 0x41, 0x42, 0xc3, 0xff, 0x43]) },
  { label: 'Half a frame', bytes: () => encodeText('Four score and seven years ago').subarray(0, 12) },
];

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function BufferedClientControls({ state, disabled }: { state: LengthPrefixState | undefined; disabled: boolean }) {
  const clients = state?.clients ?? [];
  const current = clients[clients.length - 1];
  const [message, setMessage] = useState('Four score and seven years ago');
  const { run, busy } = useLengthPrefixCommand();
  const port = state?.server?.local[1] ?? 65433;
  const off = disabled || !current;
  return (
    <div className="control-group" role="group" aria-label="Client">
      <h2>Client</h2>
      <button type="button" disabled={disabled || busy} onClick={() => void run({ op: 'connect', host: '127.0.0.1', port })}>
        Connect
      </button>
      <form
        className="inline"
        onSubmit={(ev) => {
          ev.preventDefault();
          if (current) void run({ op: 'send-message', socket: current.socket, text: message });
        }}
      >
        <label>
          Message <input value={message} onChange={(e) => setMessage(e.target.value)} size={26} />
        </label>
        <button type="submit" disabled={off || busy}>
          send_message
        </button>
      </form>
      <button type="button" disabled={off || current?.waitingForReply} onClick={() => current && void run({ op: 'receive-message', socket: current.socket })}>
        receive_message()
      </button>
      <button type="button" disabled={off || busy} onClick={() => current && void run({ op: 'shutdown', socket: current.socket })}>
        shutdown()
      </button>
      <label>
        Raw bytes{' '}
        <select
          value=""
          disabled={off || busy}
          onChange={(e) => {
            const p = PRESETS[Number(e.target.value)];
            if (p && current) void run({ op: 'send-raw', socket: current.socket, hex: toHex(p.bytes()) });
          }}
        >
          <option value="">sendall…</option>
          {PRESETS.map((p, i) => (
            <option key={p.label} value={i}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <span className="state-note" role="status" aria-label="Client state">
        {current
          ? `${current.socket}: ${current.local[0]}:${current.local[1]} → ${current.remote[0]}:${current.remote[1]}${current.waitingForReply ? ' · in receive_message()' : ''}`
          : 'not connected'}
      </span>
    </div>
  );
}
