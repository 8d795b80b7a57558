// Page entry: the live session's store, one bridge connection, then React.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.tsx';
import { Root } from './components/Root.tsx';
import { BridgeClient, bridgeUrl, refetchToken } from './bridge/bridge-client.ts';
import { LabStore } from './store/lab-store.ts';
import './styles.css';

const store = new LabStore();
const url = bridgeUrl(document, location);
// The bridge reads the kernel's socket tables for this page only while someone can see it.
const watchKernel = () => void client.request({ type: 'kernel-watch', on: document.visibilityState === 'visible' }).catch(() => undefined);
const client = new BridgeClient(
  url ?? 'ws://invalid/',
  {
    message: (msg) => {
      store.apply(msg);
      if (msg.type === 'welcome') watchKernel();
    },
    status: (status) => store.setStatus(status),
  },
  () => refetchToken(document, location),
);
document.addEventListener('visibilitychange', watchKernel);
if (url) client.connect();
else store.setStatus({ kind: 'static' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root live={store} client={client}>
      <App />
    </Root>
  </StrictMode>,
);
