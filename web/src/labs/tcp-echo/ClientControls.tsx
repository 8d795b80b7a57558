// The lab's client: connect, sendall a message, close.
import { toHex } from '@socket-lab/bytes';
import type { TcpEchoState } from '@socket-lab/protocol';
import { useState } from 'react';
import { useTcpEchoCommand } from './use-command.ts';

export function ClientControls({ state, disabled }: { state: TcpEchoState | undefined; disabled: boolean }) {
  const clients = state?.clients ?? [];
  const serverPort = state?.server?.local[1];
  // Connect where the server listens: 127.0.0.1, or ::1 for an AF_INET6 server.
  const serverHost = state?.server?.local[0] ?? '127.0.0.1';
  const [port, setPort] = useState('');
  const [message, setMessage] = useState('Hello World');
  const [chosen, setChosen] = useState<string | null>(null);
  const { run, busy } = useTcpEchoCommand();
  const current = clients.find((c) => c.socket === chosen) ?? clients[clients.length - 1];
  const targetPort = port === '' ? (serverPort ?? 65432) : Number(port);
  return (
    <div className="control-group" role="group" aria-label="Client">
      <h2>Client</h2>
      <form
        className="inline"
        onSubmit={(ev) => {
          ev.preventDefault();
          void run({ op: 'connect', host: serverHost, port: targetPort });
        }}
      >
        <label>
          Port <input value={port} placeholder={String(serverPort ?? 65432)} onChange={(e) => setPort(e.target.value)} size={6} aria-label="Client port" />
        </label>
        <button type="submit" disabled={disabled || busy}>
          Connect
        </button>
      </form>
      {clients.length > 1 && (
        <label>
          Socket{' '}
          <select value={current?.socket} onChange={(e) => setChosen(e.target.value)}>
            {clients.map((c) => (
              <option key={c.socket} value={c.socket}>
                {c.socket} from port {c.local[1]}
              </option>
            ))}
          </select>
        </label>
      )}
      <form
        className="inline"
        onSubmit={(ev) => {
          ev.preventDefault();
          if (current) void run({ op: 'sendall', socket: current.socket, hex: toHex(new TextEncoder().encode(message)) });
        }}
      >
        <label>
          Message <input value={message} onChange={(e) => setMessage(e.target.value)} size={18} />
        </label>
        <button type="submit" disabled={disabled || busy || !current}>
          Send
        </button>
      </form>
      <button type="button" disabled={disabled || busy || !current} onClick={() => current && void run({ op: 'close', socket: current.socket })}>
        Close client
      </button>
      <span className="state-note" role="status" aria-label="Client state">
        {/* Ports only: the host is loopback, and the lanes' cards give whole addresses. With hosts, the note took a row of its own at 1280 px. */}
        {current ? `${current.socket}: port ${current.local[1]} → port ${current.remote[1]}` : 'not connected'}
      </span>
    </div>
  );
}
