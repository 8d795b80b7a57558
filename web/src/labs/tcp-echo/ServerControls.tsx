// Start and stop the echo server: `sock.bind((HOST, PORT)); sock.listen(backlog)`.
import type { TcpEchoState } from '@socket-lab/protocol';
import { useState } from 'react';
import { useTcpEchoCommand } from './use-command.ts';

export function ServerControls({ server, disabled }: { server: TcpEchoState['server']; disabled: boolean }) {
  const [host, setHost] = useState('127.0.0.1');
  const [port, setPort] = useState('65432');
  const [backlog, setBacklog] = useState('1');
  const { run, busy } = useTcpEchoCommand();
  const start = () => run({ op: 'start-server', host, port: Number(port), backlog: Number(backlog) });
  return (
    <form
      className="control-group"
      aria-label="Server"
      onSubmit={(ev) => {
        ev.preventDefault();
        void (server ? run({ op: 'stop-server' }) : start());
      }}
    >
      <h2>Server</h2>
      <label>
        Host <input value={host} onChange={(e) => setHost(e.target.value)} disabled={!!server} size={10} />
      </label>
      <label>
        Port <input value={port} onChange={(e) => setPort(e.target.value)} disabled={!!server} inputMode="numeric" size={6} />
      </label>
      <label>
        Backlog <input value={backlog} onChange={(e) => setBacklog(e.target.value)} disabled={!!server} inputMode="numeric" size={3} />
      </label>
      <button type="submit" disabled={disabled || busy}>
        {server ? 'Stop server' : 'Start server'}
      </button>
      <span className="state-note" role="status" aria-label="Server state">
        {server ? `listening on ${server.local[0]}:${server.local[1]}` : 'not running'}
      </span>
    </form>
  );
}
