// Sends a tcp-echo command; a refusal becomes a visible notice rather than a silent failure.
import type { TcpEchoCommand } from '@socket-lab/protocol';
import { useCallback, useState } from 'react';
import { useApp } from '../../app-context.ts';

export function useTcpEchoCommand(): { run(command: TcpEchoCommand): Promise<boolean>; busy: boolean } {
  const { client, store } = useApp();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (command: TcpEchoCommand) => {
      setBusy(true);
      try {
        await client.request({ type: 'command', lab: 'tcp-echo', command });
        return true;
      } catch (err) {
        store.notify('error', (err as Error).message);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [client, store],
  );
  return { run, busy };
}
