// React access to the one store and the one bridge connection of this page.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { BridgeClient } from './bridge/bridge-client.ts';
import type { LabStore } from './store/lab-store.ts';

/** Which session the page shows: the live one, or a trace opened beside it. */
export type Showing = 'live' | 'replay';

export interface Sessions {
  /** The live session's store: it keeps recording while a replay is shown. */
  live: LabStore;
  /** A trace opened beside the live session, if any. */
  replay: { store: LabStore; name: string } | null;
  showing: Showing;
  openReplay(store: LabStore, name: string): void;
  show(which: Showing): void;
  closeReplay(): void;
}

export interface App {
  /** The store of the session shown (live, or the replay). */
  store: LabStore;
  client: BridgeClient;
  sessions: Sessions;
}

export const AppContext = createContext<App | null>(null);

export function useApp(): App {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside <AppContext.Provider>');
  return app;
}

/** Re-renders the caller whenever the store changes (at most once per frame); returns the store. */
export function useStore(): LabStore {
  const { store } = useApp();
  useSyncExternalStore(store.subscribe, store.getVersion);
  return store;
}
