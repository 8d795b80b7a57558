// Length-prefix controls: the framed server, BUF_SIZE, and the buffered client.
import { useStore } from '../../app-context.ts';
import { BufSizeControl } from '../../components/BufSizeControl.tsx';
import { BufferedClientControls } from './BufferedClientControls.tsx';
import { FramedServerControls } from './FramedServerControls.tsx';
import { useLengthPrefixCommand } from './use-command.ts';

export function LengthPrefixControls() {
  const store = useStore();
  const state = store.state('length-prefix');
  const connected = store.status.kind === 'open';
  const { run, busy } = useLengthPrefixCommand();
  return (
    <div className="lab-controls">
      <FramedServerControls state={state} disabled={!connected} />
      <BufSizeControl bufsize={state?.bufsize ?? 1024} disabled={!connected} busy={busy} onSet={(bufsize) => void run({ op: 'set-bufsize', bufsize })} />
      <BufferedClientControls state={state} disabled={!connected} />
    </div>
  );
}
