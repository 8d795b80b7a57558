// Beside the Server styles lanes: each client's wait as it timed it, a forking server's children
// as /proc lists them (Z: a zombie), the comparison of the four styles, and the console.
import { STYLE_INFO, type StyleClient } from '@socket-lab/protocol';
import { useStore } from '../../app-context.ts';
import { ConsolePanel } from '../programs/ConsolePanel.tsx';

const ms = (n: number | undefined) => (n === undefined ? '—' : `${Math.round(n).toLocaleString('en')} ms`);

function Waits({ clients, caption }: { clients: StyleClient[]; caption: string }) {
  return (
    <table className="grade-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">client</th>
          <th scope="col">connect()</th>
          <th scope="col">reply after</th>
        </tr>
      </thead>
      <tbody>
        {clients.map((c) => (
          <tr key={c.name}>
            <td>{c.name}</td>
            <td>{ms(c.connectMs)}</td>
            <td>{ms(c.replyMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ServersPanel() {
  const store = useStore();
  const state = store.state('servers');
  const current = state?.current;
  return (
    <div className="servers-panel">
      <section className="grader" aria-label="Clients">
        {current && current.clients.length > 0 && <Waits clients={current.clients} caption={`${STYLE_INFO[current.style].title}: each client's wait, as it timed it`} />}
        {current?.style === 'forking' && (
          <ul aria-label="Children of the server" className="children">
            {current.children.length === 0 && <li>no child processes in /proc</li>}
            {current.children.map((c) => (
              <li key={c.pid}>
                pid {c.pid}: state {c.state}
                {c.state === 'Z' ? ' — a zombie (<defunct>): exited, never wait()ed for' : ''}
              </li>
            ))}
          </ul>
        )}
        {state && state.comparison.length > 0 && (
          <table className="grade-table" aria-label="Comparison">
            <caption>The same three clients against each style: reply after (ms)</caption>
            <thead>
              <tr>
                <th scope="col">style</th>
                <th scope="col">A</th>
                <th scope="col">B</th>
                <th scope="col">C</th>
              </tr>
            </thead>
            <tbody>
              {state.comparison.map((row) => (
                <tr key={row.style}>
                  <th scope="row">{STYLE_INFO[row.style].title}</th>
                  {['A', 'B', 'C'].map((n) => (
                    <td key={n}>{ms(row.clients.find((c) => c.name === n)?.replyMs)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ConsolePanel lab="servers" />
    </div>
  );
}
