// Sends the workbench's bytes through a running lab socket, and shows the Python line for it.
import { encodeFrame } from '@socket-lab/framing';
import { toHex } from '@socket-lab/bytes';
import { useStore } from '../../app-context.ts';
import { useLabCommand } from '../use-lab-command.ts';

/** `folded`: inside a small panel, the buttons open from a one-line summary. */
export function SendBytes({ bytes, pythonExpr, label, folded = false }: { bytes: Uint8Array; pythonExpr: string; label: string; folded?: boolean }) {
  const store = useStore();
  const tcp = useLabCommand('tcp-echo');
  const udp = useLabCommand('udp-echo');
  const lp = useLabCommand('length-prefix');
  const tcpClient = store.state('tcp-echo')?.clients.at(-1);
  const udpServer = store.state('udp-echo')?.server;
  const lpClient = store.state('length-prefix')?.clients.at(-1);
  const open = store.status.kind === 'open';
  const group = (
    <div className="control-group" role="group" aria-label={label}>
      {!folded && <h2>{label}</h2>}
      <button type="button" disabled={!open || !tcpClient} onClick={() => tcpClient && void tcp.run({ op: 'sendall', socket: tcpClient.socket, hex: toHex(bytes) })}>
        {tcpClient ? `sock.sendall(…) on TCP echo ${tcpClient.socket}` : 'TCP echo: connect a client first'}
      </button>
      <button type="button" disabled={!open || !udpServer} onClick={() => void udp.run({ op: 'sendto', hex: toHex(bytes) })}>
        {udpServer ? 'sock.sendto(…) to UDP echo' : 'UDP echo: start the server first'}
      </button>
      <button
        type="button"
        disabled={!open || !lpClient}
        onClick={() => lpClient && void lp.run({ op: 'send-raw', socket: lpClient.socket, hex: toHex(encodeFrame(bytes)) })}
      >
        {lpClient ? `as a length-prefix payload on ${lpClient.socket}` : 'Length-prefix: connect a client first'}
      </button>
      <code className="state-note">data = {pythonExpr}</code>
    </div>
  );
  if (!folded) return group;
  return (
    <details className="send-folded">
      <summary>{label}</summary>
      {group}
    </details>
  );
}
