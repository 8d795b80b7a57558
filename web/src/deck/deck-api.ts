// What an exercise's "Set it up" may do: lab commands through the bridge, and waiting for state.
import type { LabCommands, LabId, LabStates, SocketEvent } from '@socket-lab/protocol';
import type { App } from '../app-context.ts';

export interface DeckApi {
  /** Sends a command and waits for the bridge's answer. */
  command<L extends LabId>(lab: L, command: LabCommands[L]): Promise<void>;
  /** Sends a command without waiting: in step mode a sendall only returns after its step. */
  fire<L extends LabId>(lab: L, command: LabCommands[L]): void;
  /** Resolves with the first non-null value `pick` gives as the lab's state changes. */
  until<L extends LabId, T>(lab: L, pick: (state: LabStates[L]) => T | null | undefined): Promise<T>;
  /** Resolves with the first event of the lab, from the `from`th on, that `pick` accepts. */
  untilEvent(lab: LabId, from: number, pick: (e: SocketEvent) => boolean): Promise<SocketEvent>;
  /** How many events the lab has so far (a setUp waits only for events after it began). */
  eventCount(lab: LabId): number;
  stepMode(mode: 'run' | 'step'): Promise<void>;
}

export function deckApi({ client, store }: App): DeckApi {
  const fail = (err: Error) => store.notify('error', err.message);
  return {
    async command(lab, command) {
      await client.request({ type: 'command', lab, command } as never);
    },
    fire(lab, command) {
      client.request({ type: 'command', lab, command } as never).catch(fail);
    },
    until(lab, pick) {
      return new Promise((resolve) => {
        const check = () => {
          const s = store.state(lab);
          const v = s ? pick(s) : null;
          if (v === null || v === undefined) return false;
          off();
          resolve(v);
          return true;
        };
        const off = store.subscribe(() => void check());
        check();
      });
    },
    untilEvent(lab, from, pick) {
      return new Promise((resolve) => {
        const check = () => {
          const e = store.view(lab).events.slice(from).find(pick);
          if (!e) return;
          off();
          resolve(e);
        };
        const off = store.subscribe(check);
        check();
      });
    },
    eventCount(lab) {
      return store.view(lab).events.length;
    },
    async stepMode(mode) {
      await client.request({ type: 'step-mode', mode });
    },
  };
}
