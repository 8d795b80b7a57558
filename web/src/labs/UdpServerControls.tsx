// Start and stop a UDP lab server: `sock.bind((HOST, PORT))` on 127.0.0.1 or ::1.
import { useState } from 'react';

interface Props {
  defaultPort: number;
  server: { socket: string; local: [string, number] } | null;
  disabled: boolean;
  busy: boolean;
  start(host: string, port: number): void;
  stop(): void;
}

export function UdpServerControls({ defaultPort, server, disabled, busy, start, stop }: Props) {
  const [host, setHost] = useState('127.0.0.1');
  const [port, setPort] = useState(String(defaultPort));
  return (
    <form
      className="control-group"
      aria-label="Server"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (server) stop();
        else start(host, Number(port));
      }}
    >
      <h2>Server</h2>
      <label>
        Host{' '}
        <select value={host} onChange={(e) => setHost(e.target.value)} disabled={!!server}>
          <option value="127.0.0.1">127.0.0.1 (AF_INET)</option>
          <option value="::1">::1 (AF_INET6)</option>
        </select>
      </label>
      <label>
        Port <input value={port} onChange={(e) => setPort(e.target.value)} disabled={!!server} inputMode="numeric" size={6} />
      </label>
      <button type="submit" disabled={disabled || busy}>
        {server ? 'Stop server' : 'Start server'}
      </button>
      <span className="state-note" role="status" aria-label="Server state">
        {server ? `bound to ${server.local[0]}:${server.local[1]}, in recvfrom()` : 'not running'}
      </span>
    </form>
  );
}
