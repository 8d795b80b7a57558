// TCP echo controls: the server, BUF_SIZE, and the lab's clients.
import { useStore } from '../../app-context.ts';
import { BufSizeControl } from '../../components/BufSizeControl.tsx';
import { useTcpEchoCommand } from './use-command.ts';
import { ClientControls } from './ClientControls.tsx';
import { ServerControls } from './ServerControls.tsx';

export function TcpEchoControls() {
  const store = useStore();
  const state = store.state('tcp-echo');
  const connected = store.status.kind === 'open';
  const { run, busy } = useTcpEchoCommand();
  return (
    <div className="lab-controls">
      <ServerControls server={state?.server ?? null} disabled={!connected} />
      <BufSizeControl bufsize={state?.bufsize ?? 1024} disabled={!connected} busy={busy} onSet={(bufsize) => void run({ op: 'set-bufsize', bufsize })} />
      <ClientControls state={state} disabled={!connected} />
    </div>
  );
}
