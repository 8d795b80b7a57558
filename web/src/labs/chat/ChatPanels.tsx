// Beside the Chat lanes: one panel per lab client socket (what it sent, each complete line the
// server sent back and how many recvs it took), then the server's console.
import type { ChatPanel } from '@socket-lab/protocol';
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../app-context.ts';
import { ConsolePanel } from '../programs/ConsolePanel.tsx';
import { useLabCommand } from '../use-lab-command.ts';

function Panel({ panel }: { panel: ChatPanel }) {
  const { run, busy } = useLabCommand('chat');
  const [text, setText] = useState('');
  const [newline, setNewline] = useState(true);
  const log = useRef<HTMLOListElement>(null);
  // The newest line stays in view, as in any chat window.
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [panel.lines.length]);
  const title = `${panel.name ?? 'no name yet'} · ${panel.panel} · port ${panel.port}`;
  return (
    <section className="chat-panel" aria-label={`Chat ${panel.name ?? panel.panel}`}>
      <header>
        <h3>{title}</h3>
        {panel.open ? (
          <button type="button" onClick={() => void run({ op: 'leave', panel: panel.panel })}>
            Close socket
          </button>
        ) : (
          <span className="state-note">closed</span>
        )}
      </header>
      <ol className="chat-log" ref={log} aria-label={`Lines of ${panel.name ?? panel.panel}`}>
        {panel.lines.map((l, i) => (
          <li key={i} className={`chat-${l.from}`}>
            {l.from === 'me' ? '> ' : ''}
            {l.text}
            {l.from === 'server' && (l.recvs ?? 1) > 1 && <span className="chat-recvs"> (one line from {l.recvs} recvs)</span>}
          </li>
        ))}
        {panel.partial > 0 && <li className="chat-note">{panel.partial} bytes of a line so far, no newline yet</li>}
      </ol>
      {panel.open && (
        <form
          className="chat-send"
          onSubmit={(ev) => {
            ev.preventDefault();
            void run({ op: 'say', panel: panel.panel, text, newline }).then((ok) => ok && setText(''));
          }}
        >
          <input aria-label={`Line for ${panel.name ?? panel.panel}`} value={text} onChange={(e) => setText(e.target.value)} placeholder={panel.name ? '/users, @name message, /bye' : 'your username'} />
          <label title="Send without the '\n' that ends a line: the server buffers it until the rest comes">
            <input type="checkbox" checked={newline} onChange={(e) => setNewline(e.target.checked)} /> end with \n
          </label>
          <button type="submit" disabled={busy}>
            Send
          </button>
        </form>
      )}
    </section>
  );
}

export function ChatPanels() {
  const store = useStore();
  const panels = store.state('chat')?.panels ?? [];
  return (
    <div className="chat-panels">
      {panels.map((p) => (
        <Panel key={p.panel} panel={p} />
      ))}
      <ConsolePanel lab="chat" />
    </div>
  );
}
