// Save the session as a JSON trace or as pcapng, or open a JSON trace to replay it beside the live session.
import { parseTrace } from '@socket-lab/protocol';
import { useRef } from 'react';
import { useApp, useStore } from '../app-context.ts';
import { fetchCapture } from '../bridge/bridge-client.ts';
import { LabStore } from '../store/lab-store.ts';

function download(blob: Blob, kind: 'trace.json' | 'capture.pcapng'): void {
  const [name, extension] = kind.split('.');
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `socket-lab-${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.${extension}`;
  a.click();
  URL.revokeObjectURL(a.href);
}

export function TraceControls() {
  const store = useStore();
  const { sessions } = useApp();
  const input = useRef<HTMLInputElement>(null);
  const status = store.status;
  const live = status.kind === 'open' ? status.session : null;
  const save = () => download(new Blob([JSON.stringify(store.toTrace())], { type: 'application/json' }), 'trace.json');
  const savePcap = async () => {
    if (!live) return;
    try {
      download(await fetchCapture(document, live), 'capture.pcapng');
    } catch (e) {
      store.notify('error', (e as Error).message);
    }
  };
  const open = async (file: File) => {
    const parsed = parseTrace(await file.text());
    if (!parsed.ok) return store.notify('error', parsed.message);
    // Beside the live session, which keeps recording: the header switches between them.
    const replay = new LabStore();
    replay.loadTrace(parsed.trace, file.name);
    sessions.openReplay(replay, file.name);
  };
  return (
    <div className="trace-controls" role="group" aria-label="Trace">
      <button type="button" onClick={save} disabled={store.total === 0}>
        Save trace
      </button>
      <button
        type="button"
        onClick={() => void savePcap()}
        disabled={!live || store.total === 0}
        title={live ? 'Every byte this session moved, in packets Wireshark and tshark read (headers reconstructed)' : 'pcapng comes from the bridge, which keeps every byte of a live session; a replayed trace has only what it saved'}
      >
        Save pcapng
      </button>
      <button type="button" onClick={() => input.current?.click()}>
        Open trace…
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label="Trace file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void open(f);
          e.target.value = '';
        }}
      />
    </div>
  );
}
