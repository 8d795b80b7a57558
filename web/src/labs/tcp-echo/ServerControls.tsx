// Start and stop the echo server: `sock.bind((HOST, PORT)); sock.listen(backlog)`.
import type { TcpEchoState } from '@socket-lab/protocol';
import { useState } from 'react';
import { PortField } from '../../components/PortField.tsx';
import { ServerForm } from '../../components/ServerForm.tsx';
import { useTcpEchoCommand } from './use-command.ts';

export function ServerControls({ server, disabled }: { server: TcpEchoState['server']; disabled: boolean }) {
  const [host, setHost] = useState('127.0.0.1');
  const [port, setPort] = useState('65432');
  const [backlog, setBacklog] = useState('1');
  const { run, busy } = useTcpEchoCommand();
  return (
    <ServerForm
      running={!!server}
      blocked={disabled || busy}
      start={() => void run({ op: 'start-server', host, port: Number(port), backlog: Number(backlog) })}
      stop={() => void run({ op: 'stop-server' })}
      status={server ? `listening on ${server.local[0]}:${server.local[1]}` : 'not running'}
    >
      <label>
        Host <input value={host} onChange={(e) => setHost(e.target.value)} disabled={!!server} size={10} />
      </label>
      <PortField value={port} onChange={setPort} locked={!!server} listening={server?.local[1]} />
      <label>
        Backlog <input value={backlog} onChange={(e) => setBacklog(e.target.value)} disabled={!!server} inputMode="numeric" size={3} />
      </label>
    </ServerForm>
  );
}
