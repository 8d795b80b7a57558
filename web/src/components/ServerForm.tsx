// The frame every lab's server controls share: its fields, one Start/Stop button, and a status line.
import type { ReactNode } from 'react';

interface Props {
  running: boolean;
  /** The button is off (not connected, a command under way, or stopping). */
  blocked: boolean;
  start(): void;
  stop(): void;
  /** What the button says while the server runs. */
  stopLabel?: string;
  status: string;
  /** The lab's fields (host, port, backlog…), drawn before the button. */
  children: ReactNode;
  /** More status after the main line (e.g. clients waiting). */
  after?: ReactNode;
}

export function ServerForm({ running, blocked, start, stop, stopLabel = 'Stop server', status, children, after }: Props) {
  return (
    <form
      className="control-group"
      aria-label="Server"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (running) stop();
        else start();
      }}
    >
      <h2>Server</h2>
      {children}
      <button type="submit" disabled={blocked}>
        {running ? stopLabel : 'Start server'}
      </button>
      <span className="state-note" role="status" aria-label="Server state">
        {status}
      </span>
      {after}
    </form>
  );
}

