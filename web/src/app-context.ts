// React access to the one store and the one bridge connection of this page.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { BridgeClient } from './bridge/bridge-client.ts';
import type { LabStore } from './store/lab-store.ts';

export interface App {
  store: LabStore;
  client: BridgeClient;
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
