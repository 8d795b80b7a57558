// The Chat tab's controls: seed 003's chat server (a traced Python program) on a port, and a
// button that opens one more chat panel (a lab client socket). nc joins the same server.
import { CHAT_PORT, MAX_CHAT_PANELS } from '@socket-lab/protocol';
import { useStore } from '../../app-context.ts';
import { ServerProgramForm } from '../../components/ServerProgramForm.tsx';
import { useLabCommand } from '../use-lab-command.ts';

export function ChatControls() {
  const store = useStore();
  const state = store.state('chat');
  const server = state?.server ?? null;
  const connected = store.status.kind === 'open';
  const { run, busy } = useLabCommand('chat');
  const open = state?.panels.filter((p) => p.open).length ?? 0;
  return (
    <div className="lab-controls">
      <ServerProgramForm
        program="chat_server.py"
        server={server}
        defaultPort={CHAT_PORT}
        ready={connected && !busy}
        start={(port) => void run({ op: 'start', port })}
        stop={() => void run({ op: 'stop' })}
        tryWith={(port) => `nc 127.0.0.1 ${port}`}
      />
      <div className="control-group" role="group" aria-label="Chat clients">
        <h2>Clients</h2>
        <button type="button" disabled={!connected || server?.status !== 'listening' || open >= MAX_CHAT_PANELS} onClick={() => void run({ op: 'join' })}>
          New chat panel
        </button>
        <span className="state-note">
          {open === 0 ? 'each panel is a client socket: its first line is the username' : `${open} panel${open === 1 ? '' : 's'} connected`}
        </span>
      </div>
    </div>
  );
}
