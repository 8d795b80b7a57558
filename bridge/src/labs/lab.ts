// What every lab module provides, and what the session hands it.
import type { LabCommands, LabId, LabStates, PyError } from '@socket-lab/protocol';
import { formatPyError } from '../python-errors.ts';
import type { Flow } from '../sockets/recv-loop.ts';
import type { Call } from '../recorder.ts';

export interface LabContext {
  /** Records one socket call as an event of this lab: its seq, or null once the session has closed. */
  record(call: Call): number | null;
  /** Congestion of the event sink: readers hold while it is full. */
  flow: Flow;
  /** Publishes the lab's state (what is listening, who is connected) after a change. */
  publish(): void;
  /** Socket ids unique within the session: `server-1`, `client-2`, `peer-3`, `relay-1`. */
  nextId(kind: 'server' | 'client' | 'peer' | 'relay'): string;
}

export interface Lab<L extends LabId> {
  /** Runs one command; rejects with LabError for a refusal the page should show. */
  handle(command: LabCommands[L]): Promise<void>;
  state(): LabStates[L];
  /** Closes every socket and server the lab holds (the page went away). */
  close(): void;
}

export type LabErrorCode = 'not-loopback' | 'not-found' | 'lab-error';

/** A command the lab refused or could not carry out; its message is shown to the user as is. */
export class LabError extends Error {
  constructor(
    readonly code: LabErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The refusal for a failed socket call: Python's exception line, then what to do about it. */
export function pyLabError(e: PyError): LabError {
  return new LabError('lab-error', formatPyError(e) + (e.hint ? ` — ${e.hint}` : ''));
}

/**
 * Operations still in flight: a lab's commands run concurrently, so a start that is still
 * binding, or connects not yet done, must count in the checks of the next command.
 * @example if (this.starting.count > 0) throw …; await this.starting.run(() => this.listen());
 */
export class InFlight {
  private n = 0;

  get count(): number {
    return this.n;
  }

  async run<T>(op: () => Promise<T>): Promise<T> {
    this.n++;
    try {
      return await op();
    } finally {
      this.n--;
    }
  }
}

/** Socket ids unique within one owner (a session or a CLI run). */
export function idCounter(): LabContext['nextId'] {
  const counts = { server: 0, client: 0, peer: 0, relay: 0 };
  return (kind) => `${kind}-${++counts[kind]}`;
}
