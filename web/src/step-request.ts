// Letting a held call go: one place that asks the bridge (Step, a key, a ghost card's Release).
import { useApp, useStore } from './app-context.ts';

/**
 * `step(socket?)` releases the oldest held call, or `socket`'s. A refusal shows as a notice;
 * with `quiet` (a key pressed as the held call went by itself) it is dropped.
 */
export function useStep(): (socket?: string, quiet?: boolean) => void {
  const store = useStore();
  const { client } = useApp();
  return (socket, quiet = false) =>
    void client.request(socket === undefined ? { type: 'step' } : { type: 'step', socket }).catch((err: Error) => {
      if (!quiet) store.notify('error', err.message);
    });
}
