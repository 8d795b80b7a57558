// Start and stop a UDP lab server: `sock.bind((HOST, PORT))` on 127.0.0.1 or ::1.
import { useState } from 'react';
import { PortField } from '../components/PortField.tsx';
import { ServerForm } from '../components/ServerForm.tsx';

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
    <ServerForm
      running={!!server}
      blocked={disabled || busy}
      start={() => start(host, Number(port))}
      stop={stop}
      status={server ? `bound to ${server.local[0]}:${server.local[1]}, in recvfrom()` : 'not running'}
    >
      <label>
        Host{' '}
        <select value={host} onChange={(e) => setHost(e.target.value)} disabled={!!server}>
          <option value="127.0.0.1">127.0.0.1 (AF_INET)</option>
          <option value="::1">::1 (AF_INET6)</option>
        </select>
      </label>
      <PortField value={port} onChange={setPort} locked={!!server} listening={server?.local[1]} />
    </ServerForm>
  );
}
