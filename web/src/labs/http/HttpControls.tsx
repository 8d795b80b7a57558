// The HTTP tab's controls: seed 002's web server (a traced Python program) on a port, a link that
// opens it in a new browser tab (the browser's own request then shows in the lanes), and the
// lab's raw-socket client: one request, optionally one byte per send().
import { HTTP_PORT } from '@socket-lab/protocol';
import { useState } from 'react';
import { useStore } from '../../app-context.ts';
import { ServerProgramForm } from '../../components/ServerProgramForm.tsx';
import { useLabCommand } from '../use-lab-command.ts';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;

export function HttpControls() {
  const store = useStore();
  const state = store.state('http');
  const server = state?.server ?? null;
  const connected = store.status.kind === 'open';
  const { run, busy } = useLabCommand('http');
  const [method, setMethod] = useState<(typeof METHODS)[number]>('GET');
  const [path, setPath] = useState('/');
  const [body, setBody] = useState('hello');
  const [oneByte, setOneByte] = useState(false);
  const listening = server?.status === 'listening';
  const url = server ? `http://127.0.0.1:${server.port}/` : '';
  return (
    <div className="lab-controls">
      <ServerProgramForm
        program="http_server.py"
        server={server}
        defaultPort={HTTP_PORT}
        ready={connected && !busy}
        start={(port) => void run({ op: 'start', port })}
        stop={() => void run({ op: 'stop' })}
        tryWith={(port) => `curl http://127.0.0.1:${port}/`}
        after={
          listening && (
            <a href={url} target="_blank" rel="noreferrer">
              Open {url} in a new tab
            </a>
          )
        }
      />
      <form
        className="control-group"
        aria-label="Client"
        onSubmit={(ev) => {
          ev.preventDefault();
          void run({ op: 'request', method, path, body: method === 'GET' ? '' : body, oneByte });
        }}
      >
        <h2>Client</h2>
        <label>
          Method{' '}
          <select value={method} onChange={(e) => setMethod(e.target.value as (typeof METHODS)[number])}>
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Path <input value={path} onChange={(e) => setPath(e.target.value)} size={10} />
        </label>
        {method !== 'GET' && (
          <label>
            Body <input value={body} onChange={(e) => setBody(e.target.value)} size={10} />
          </label>
        )}
        <label title="http_client.py --one-byte: each byte of the request in its own send()">
          <input type="checkbox" checked={oneByte} onChange={(e) => setOneByte(e.target.checked)} /> one byte per send()
        </label>
        <button type="submit" disabled={!connected || !listening}>
          Send request
        </button>
      </form>
    </div>
  );
}
