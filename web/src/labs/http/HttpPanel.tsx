// Beside the HTTP lanes: each connection the server accepted, its request and response marked
// part by part (request or status line, each header, the blank line, the body), with the events
// that carried each part; then the programs' console.
import { useEffect, useMemo, useState } from 'react';
import { useApp, useStore } from '../../app-context.ts';
import { ConsolePanel } from '../programs/ConsolePanel.tsx';
import { cutEvents, httpConnections, type MarkedStream } from './http-messages.ts';

const NAMES = { 'start-line': 'start line', header: 'header', blank: 'blank line', body: 'body' } as const;
/** The body shown on one line, at most this many characters. */
const BODY_SHOWN = 60;

function Stream({ title, stream, request }: { title: string; stream: MarkedStream; request: boolean }) {
  const name = (part: keyof typeof NAMES) => (part === 'start-line' ? (request ? 'request line' : 'status line') : NAMES[part]);
  return (
    <div className="http-stream">
      <h4>{title}</h4>
      <ol aria-label={title}>
        {stream.parts.map((p, i) => {
          const text = p.part === 'blank' ? '' : p.part === 'body' ? (p.text.length > BODY_SHOWN ? `${p.text.slice(0, BODY_SHOWN)}…` : p.text) : p.text;
          const events = p.seqs.length === 1 ? `#${p.seqs[0]}` : `#${p.seqs[0]}–#${p.seqs.at(-1)} (${p.seqs.length} calls)`;
          return (
            <li key={i} className={`http-${p.part}`} aria-label={`${name(p.part)}: ${p.part === 'body' ? `${p.text.length} bytes` : text || '\\r\\n'}`}>
              <span className="http-part">{p.message > 0 ? `${p.message + 1}. ` : ''}{name(p.part)}</span>
              <code>{text}{p.part !== 'body' && <span className="http-crlf">\r\n</span>}</code>
              <span className="http-events">{events}</span>
            </li>
          );
        })}
      </ol>
      {stream.note && <p className="state-note">{stream.note}</p>}
    </div>
  );
}

interface Fetched {
  /** Whole bytes, by seq, as hex. */
  full: ReadonlyMap<number, string>;
  /** Why the bridge could not give an event's whole bytes (it forgot them, or went away), by seq. */
  failed: ReadonlyMap<number, string>;
}

/** A browser's request head is longer than an event's preview: its whole bytes are fetched, once. */
function useWholeBytes(events: Parameters<typeof cutEvents>[0]): Fetched {
  const { client } = useApp();
  const [fetched, setFetched] = useState<Fetched>({ full: new Map(), failed: new Map() });
  const wanted = cutEvents(events).filter((e) => !fetched.full.has(e.seq) && !fetched.failed.has(e.seq));
  const key = wanted.map((e) => e.seq).join(',');
  useEffect(() => {
    let live = true;
    for (const e of wanted) {
      client.request({ type: 'get-bytes', seq: e.seq }).then(
        (msg) => live && msg.type === 'bytes' && setFetched((f) => ({ ...f, full: new Map(f.full).set(e.seq, msg.hex) })),
        (err: Error) => live && setFetched((f) => ({ ...f, failed: new Map(f.failed).set(e.seq, err.message) })),
      );
    }
    return () => void (live = false);
    // The events to fetch are named by their seqs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, client]);
  return fetched;
}

export function HttpPanel() {
  const store = useStore();
  const events = store.view('http').events;
  const { full, failed } = useWholeBytes(events);
  const connections = useMemo(() => httpConnections(events, full, 4, failed), [events, events.length, full, failed]);
  return (
    <div className="http-panel">
      <section className="grader" aria-label="HTTP messages">
        {connections.length === 0 && <p className="state-note">Each request the server reads, marked part by part, appears here.</p>}
        {connections.map((c) => (
          <section key={c.socket} aria-label={`Connection from port ${c.remotePort}`} className="http-connection">
            <h3>
              {c.socket}: from port {c.remotePort}
            </h3>
            <Stream title={`Request bytes of ${c.socket}`} stream={c.request} request />
            <Stream title={`Response bytes of ${c.socket}`} stream={c.response} request={false} />
          </section>
        ))}
      </section>
      <ConsolePanel lab="http" />
    </div>
  );
}
