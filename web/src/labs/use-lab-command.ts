// Sends one lab's command; a refusal becomes a visible notice rather than a silent failure.
import type { LabCommands, LabId } from '@socket-lab/protocol';
import { useCallback, useState } from 'react';
import { useApp } from '../app-context.ts';

export function useLabCommand<L extends LabId>(lab: L): { run(command: LabCommands[L]): Promise<boolean>; busy: boolean } {
  const { client, store } = useApp();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (command: LabCommands[L]) => {
      setBusy(true);
      try {
        await client.request({ type: 'command', lab, command } as never);
        return true;
      } catch (err) {
        store.notify('error', (err as Error).message);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [client, store, lab],
  );
  return { run, busy };
}
