// The selected event whole: every field, the Python line, and all its bytes (fetched if cut).
import { fromHex } from '@socket-lab/bytes';
import { useEffect, useMemo, useState } from 'react';
import { useApp, useStore } from '../app-context.ts';
import type { LabId, SocketEvent } from '@socket-lab/protocol';
import { frameLines } from '../frame-lines.ts';
import { pyAddress, pythonLine } from '../python-line.ts';
import { FrameLines } from './FrameLines.tsx';
import { HexDump } from './HexDump.tsx';
import { LABS } from '../labs/registry.ts';

/** Rows of hex the detail view renders at most (64 KiB); a 1 MiB sendall would be 65,536 rows. */
const MAX_DETAIL_BYTES = 64 * 1024;

export function EventDetail({ lab, seq, onClose }: { lab: LabId; seq: number; onClose(): void }) {
  const store = useStore();
  const { client } = useApp();
  const e = findBySeq(store.view(lab).events, seq);
  const [full, setFull] = useState<{ seq: number; bytes: Uint8Array } | { seq: number; error: string } | null>(null);

  // More to fetch than the preview: the bridge has all of it, or (a traced call) the tracer's first `kept`.
  const more = !!e?.truncated && (e.kept === undefined || e.kept > e.hex.length / 2);
  useEffect(() => {
    if (!e || !more) return;
    let live = true;
    client.request({ type: 'get-bytes', seq: e.seq }).then(
      (msg) => live && msg.type === 'bytes' && setFull({ seq: e.seq, bytes: fromHex(msg.hex) }),
      (err: Error) => live && setFull({ seq: e.seq, error: err.message }),
    );
    return () => {
      live = false;
    };
  }, [e?.seq, more, client]);

  const fetched = e && full && full.seq === e.seq ? full : null;
  const bytes = useMemo(() => (fetched && 'bytes' in fetched ? fetched.bytes : fromHex(e?.hex ?? '')), [fetched, e?.hex]);
  const events = store.view(lab).events;
  // Marked once per event and its bytes, not on every redraw the live events cause.
  const marker = LABS.find((l) => l.id === lab)?.marks;
  const marks = useMemo(() => (e && marker ? marker(events, e, bytes) : []), [marker, e?.seq, bytes]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!e) return null;
  const py = pythonLine(e);
  return (
    <aside className="detail" aria-label={`Event ${e.seq} details`}>
      <div className="detail-head">
        <h2>
          Event #{e.seq}: {e.op} on {e.socket} ({e.role})
        </h2>
        <button type="button" onClick={onClose} aria-label="Close details">
          ×
        </button>
      </div>
      <code className="py-code">{py.code}</code>
      <div className={e.error ? 'py-result py-error' : 'py-result'}>→ {py.result}</div>
      {e.error?.hint && <p className="hint">{e.error.hint}</p>}
      <FrameLines lines={frameLines(e)} />
      <dl className="fields">
        <dt>local</dt>
        <dd>{e.local ? pyAddress(e.local) : '—'}</dd>
        <dt>remote</dt>
        <dd>{e.remote ? pyAddress(e.remote) : '—'}</dd>
        <dt>size</dt>
        <dd>{e.size} bytes</dd>
        <dt>time</dt>
        <dd>{e.t.toFixed(3)} ms</dd>
      </dl>
      {more && !fetched && <p>Fetching {e.kept === undefined ? `all ${e.size}` : `the ${e.kept.toLocaleString('en')} kept`} bytes…</p>}
      {e.kept !== undefined && (
        <p className="hint">
          The call moved {e.size.toLocaleString('en')} bytes; the tracer kept the first {e.kept.toLocaleString('en')} (SOCKET_LAB_TRACE_BYTES).
        </p>
      )}
      {fetched && 'error' in fetched && (
        <p className="hint">
          Showing the first {e.hex.length / 2} of {e.size} bytes: {fetched.error}
        </p>
      )}
      {bytes.length > 0 && (
        <div className="detail-hex">
          <HexDump bytes={bytes.subarray(0, MAX_DETAIL_BYTES)} perRow={16} headerBytes={e.frame?.kind === 'header' ? e.frame.bytes : 0} marks={marks} />
          {marks.length > 0 && (
            <ul className="byte-marks" aria-label="HTTP in these bytes">
              {marks.map((m) => (
                <li key={m.start}>
                  <mark className={m.className}>
                    {m.start}–{m.end - 1}
                  </mark>{' '}
                  {m.title}
                </li>
              ))}
            </ul>
          )}
          {bytes.length > MAX_DETAIL_BYTES && (
            <p className="hint">
              Showing the first {MAX_DETAIL_BYTES.toLocaleString('en')} of {bytes.length.toLocaleString('en')} bytes.
            </p>
          )}
        </div>
      )}
    </aside>
  );
}

/** Events are in seq order, so a binary search finds one among 100,000 at once. */
function findBySeq(events: SocketEvent[], seq: number): SocketEvent | undefined {
  let lo = 0;
  let hi = events.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = events[mid]!.seq;
    if (s === seq) return events[mid];
    if (s < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
