// Save the session as a JSON trace, or open one to replay it with no bridge at all.
import { parseTrace } from '@socket-lab/protocol';
import { useRef } from 'react';
import { useApp, useStore } from '../app-context.ts';

export function TraceControls() {
  const store = useStore();
  const { client } = useApp();
  const input = useRef<HTMLInputElement>(null);
  const save = () => {
    const blob = new Blob([JSON.stringify(store.toTrace())], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `socket-lab-trace-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const open = async (file: File) => {
    const parsed = parseTrace(await file.text());
    if (!parsed.ok) return store.notify('error', parsed.message);
    client.close();
    store.loadTrace(parsed.trace, file.name);
  };
  return (
    <div className="trace-controls" role="group" aria-label="Trace">
      <button type="button" onClick={save} disabled={store.total === 0}>
        Save trace
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
