// One socket call in its lane: the Python line, what it returned, and the first bytes it moved.
import { fromHex } from '@socket-lab/bytes';
import type { SocketEvent } from '@socket-lab/protocol';
import { memo } from 'react';
import { pythonLine } from '../python-line.ts';
import { hasMore, INLINE_HEX_ROWS } from '../timeline-layout.ts';
import { cardFrameLines } from '../frame-lines.ts';
import { FrameLines } from './FrameLines.tsx';
import { HexDump } from './HexDump.tsx';
import { kernelText } from '../kernel-text.ts';
import { fitStyle } from '../fit.ts';

const KERNEL_SKIPPED = 'kernel not read (busy socket)';

interface Props {
  event: SocketEvent;
  laneTitle: string;
  /** Colour family of the lane: the lab's client, the server, or an outside connection. */
  laneKind: 'client' | 'server' | 'external';
  perRow: number;
  selected: boolean;
  onSelect(seq: number): void;
}

export const EventCard = memo(function EventCard({ event: e, laneTitle, laneKind, perRow, selected, onSelect }: Props) {
  const py = pythonLine(e);
  const more = hasMore(e, perRow);
  const where = e.where ? `${e.where.file.split('/').at(-1)}:${e.where.line}` : null;
  // The head is one line that must fit: a traced socket's pid is the lane's title already, and the
  // kernel's view says only the queues that hold something (its title has the whole).
  const socket = e.pid !== undefined ? e.socket.replace(/^pid \d+ /, '') : e.socket;
  const kernel = e.kernel ? kernelText(e.kernel, true) : e.kernelSkipped ? KERNEL_SKIPPED : null;
  const time = `${e.t.toFixed(3)} ms`;
  return (
    <article
      className={`card lane-${laneKind} op-${e.op}${e.error ? ' card-error' : ''}${selected ? ' card-selected' : ''}`}
      aria-label={`${laneTitle} lane, event ${e.seq}: ${py.code}`}
      aria-current={selected ? 'true' : undefined}
      tabIndex={0}
      onClick={() => onSelect(e.seq)}
      onKeyDown={(ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          onSelect(e.seq);
        }
      }}
    >
      {/* Each span and gap of the head counted as about two characters' room. */}
      <div className="card-head fit" style={fitStyle(`#${e.seq}`, e.op, socket, where, kernel, time, 2 * (3 + (where ? 1 : 0) + (kernel ? 1 : 0)))}>
        <span className="seq">#{e.seq}</span>
        <span className="op">{e.op}</span>
        <span className="sock" title={e.socket}>
          {socket}
        </span>
        {where && <span className="where">{where}</span>}
        {kernel && (
          <span
            className="kernel"
            title={
              e.kernel
                ? `the kernel's view right after the call: ${kernelText(e.kernel)} (bytes received not yet read, bytes sent not yet acknowledged)`
                : "this socket was making calls faster than the tracer asks the kernel: it reads the kernel's view at most once a millisecond per busy socket, so this call has none of its own"
            }
          >
            {kernel}
          </span>
        )}
        <span className="time">{time}</span>
      </div>
      <code className="py-code fit" style={fitStyle(py.code)}>
        {py.code}
      </code>
      <div className={e.error ? 'py-result py-error fit' : 'py-result fit'} style={fitStyle('→ ', py.result)}>
        → {py.result}
      </div>
      <FrameLines lines={cardFrameLines(e)} />
      {e.hex.length > 0 && (
        <HexDump bytes={fromHex(e.hex)} perRow={perRow} maxRows={INLINE_HEX_ROWS} headerBytes={e.frame?.kind === 'header' ? e.frame.bytes : 0} />
      )}
      {more && (
        <div className="more">
          + {(e.size - INLINE_HEX_ROWS * perRow).toLocaleString('en')} more bytes — select to see {e.kept === undefined ? `all ${e.size.toLocaleString('en')}` : `the first ${e.kept.toLocaleString('en')} (the tracer kept those)`}
        </div>
      )}
    </article>
  );
});
