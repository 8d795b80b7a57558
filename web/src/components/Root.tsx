// The live session and, beside it, a trace opened to replay: one is shown, the other keeps its
// state (the live one keeps recording), and neither is ever thrown away by opening the other.
import { useMemo, useState, type ReactNode } from 'react';
import { AppContext, type App, type Showing } from '../app-context.ts';
import type { BridgeClient } from '../bridge/bridge-client.ts';
import type { LabStore } from '../store/lab-store.ts';

export function Root({ live, client, children }: { live: LabStore; client: BridgeClient; children: ReactNode }) {
  const [replay, setReplay] = useState<{ store: LabStore; name: string } | null>(null);
  const [showing, setShowing] = useState<Showing>('live');
  const value = useMemo<App>(
    () => ({
      store: showing === 'replay' && replay ? replay.store : live,
      client,
      sessions: {
        live,
        replay,
        showing: replay ? showing : 'live',
        openReplay: (store, name) => {
          setReplay({ store, name });
          setShowing('replay');
        },
        show: setShowing,
        closeReplay: () => {
          setReplay(null);
          setShowing('live');
        },
      },
    }),
    [live, client, replay, showing],
  );
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}
