// The server form of a lab whose server is a traced Python program (Chat, HTTP): a port, Start /
// Stop, and a status line saying where the program stands.
import type { ServerProgramView } from '@socket-lab/protocol';
import { useState, type ReactNode } from 'react';
import { PortField } from './PortField.tsx';
import { ServerForm } from './ServerForm.tsx';

interface Props {
  /** The program's file name, e.g. `chat_server.py`. */
  program: string;
  server: ServerProgramView | null;
  defaultPort: number;
  /** The page is connected and no command of the lab is under way. */
  ready: boolean;
  start(port: number): void;
  stop(): void;
  /** What to try once it listens, e.g. `nc 127.0.0.1 5960`. */
  tryWith(port: number): string;
  after?: ReactNode;
}

export function ServerProgramForm({ program, server, defaultPort, ready, start, stop, tryWith, after }: Props) {
  const [port, setPort] = useState(String(defaultPort));
  const running = server !== null && server.status !== 'failed';
  const status = !server
    ? 'not running'
    : server.status === 'starting'
      ? `starting ${program} on port ${server.port}…`
      : server.status === 'listening'
        ? `${program} listening on 127.0.0.1:${server.port}: try ${tryWith(server.port)}`
        : `stopped: ${server.error ?? ''}`;
  return (
    <ServerForm running={running} blocked={!ready || server?.status === 'starting'} start={() => start(Number(port))} stop={stop} status={status} after={after}>
      <PortField value={port} onChange={setPort} locked={running} listening={server?.port} />
    </ServerForm>
  );
}
