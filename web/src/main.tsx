// Page entry: one store, one bridge connection, then React.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppContext } from './app-context.ts';
import { App } from './components/App.tsx';
import { BridgeClient, bridgeUrl } from './bridge/bridge-client.ts';
import { LabStore } from './store/lab-store.ts';
import './styles.css';

const store = new LabStore();
const url = bridgeUrl(document, location);
const client = new BridgeClient(url ?? 'ws://invalid/', {
  message: (msg) => store.apply(msg),
  status: (status) => store.setStatus(status),
});
if (url) client.connect();
else store.setStatus({ kind: 'closed', reason: 'this page was not served by the bridge: start it with `pnpm start`' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppContext.Provider value={{ store, client }}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);
