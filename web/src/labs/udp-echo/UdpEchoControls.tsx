// UDP echo controls: the server, BUF_SIZE (with what Linux and Windows do past it), the client.
import { toHex } from '@socket-lab/bytes';
import { useState } from 'react';
import { useStore } from '../../app-context.ts';
import { BufSizeControl } from '../../components/BufSizeControl.tsx';
import { UdpServerControls } from '../UdpServerControls.tsx';
import { useUdpEchoCommand } from './use-command.ts';

export function UdpEchoControls() {
  const store = useStore();
  const state = store.state('udp-echo');
  const connected = store.status.kind === 'open';
  const { run, busy } = useUdpEchoCommand();
  const [message, setMessage] = useState('This is a test');
  const server = state?.server ?? null;
  const sendBytes = (bytes: Uint8Array) => void run({ op: 'sendto', hex: toHex(bytes) });
  return (
    <div className="lab-controls">
      <UdpServerControls
        defaultPort={65432}
        server={server}
        disabled={!connected}
        busy={busy}
        start={(host, port) => void run({ op: 'start-server', host, port })}
        stop={() => void run({ op: 'stop-server' })}
      />
      <BufSizeControl bufsize={state?.bufsize ?? 1024} disabled={!connected} busy={busy} onSet={(bufsize) => void run({ op: 'set-bufsize', bufsize })} />
      <div className="control-group" role="group" aria-label="Client">
        <h2>Client</h2>
        <form
          className="inline"
          onSubmit={(ev) => {
            ev.preventDefault();
            sendBytes(new TextEncoder().encode(message));
          }}
        >
          <label>
            Message <input value={message} onChange={(e) => setMessage(e.target.value)} size={22} />
          </label>
          <button type="submit" disabled={!connected || busy || !server}>
            sendto
          </button>
        </form>
        <button type="button" disabled={!connected || busy || !server} onClick={() => sendBytes(new Uint8Array(2000).fill(0x61))}>
          sendto 2,000 bytes
        </button>
        <button type="button" disabled={!connected || busy || !server} onClick={() => sendBytes(new Uint8Array(65508).fill(0x61))}>
          sendto 65,508 bytes
        </button>
        <span className="state-note" role="status" aria-label="Client state">
          {state?.client ? `${state.client.socket} from ${state.client.local[0]}:${state.client.local[1]}${state.relay ? ', via the relay' : ''}` : 'no socket yet (bound by the first sendto)'}
        </span>
      </div>
    </div>
  );
}
