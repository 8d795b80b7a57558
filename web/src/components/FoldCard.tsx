// A run of the same call on one socket, folded into one row after its first card: how many more
// calls, what they returned together, and a button that opens them card by card.
import { fromHex, pythonBytesRepr } from '@socket-lab/bytes';
import type { SocketEvent } from '@socket-lab/protocol';
import { foldAt, type Fold } from '../fold-rows.ts';

interface Props {
  fold: Fold;
  events: SocketEvent[];
  /** At a scrubbed moment, only the calls made by then. */
  until: number | null;
  laneTitle: string;
  laneKind: string;
  onOpen(): void;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export function FoldCard({ fold, events, until, laneTitle, laneKind, onOpen }: Props) {
  const { calls, bytes } = until === null ? { calls: fold.members.length, bytes: fold.bytes.at(-1) ?? 0 } : foldAt(fold, until);
  if (calls === 0) return null;
  const first = events[fold.members[0]!]!;
  const last = events[fold.members[calls - 1]!]!;
  const call = `${fold.op}(${fold.arg ?? ''})`;
  // The preview holds the first calls' bytes; at a moment, no more than those calls moved.
  const shown = fromHex(fold.previewHex.slice(0, Math.min(fold.previewHex.length, bytes * 2)));
  const literal = pythonBytesRepr(shown) + (bytes > shown.length ? '\u2026' : '');
  const reads = fold.op.startsWith('recv');
  const count = `${calls.toLocaleString('en')} more × ${call}`;
  const moved = `${reads ? '→' : 'of'} ${literal} (${plural(bytes, 'byte', 'bytes')} in all)`;
  const text = `${count} ${moved}`;
  return (
    <div className={`card fold-card lane-${laneKind}`} role="group" aria-label={`${laneTitle} lane, #${first.seq}–#${last.seq}: ${text}, folded`}>
      <div className="card-head">
        <span className="seq">
          #{first.seq}–#{last.seq}
        </span>
        <span className="op">{fold.op}</span>
        <span className="sock">{fold.socket}</span>
      </div>
      <div className="fold-line">
        <code className="py-code">{count}</code>
        <button type="button" onClick={onOpen} aria-label={`Open the ${plural(calls, 'call', 'calls')} #${first.seq}–#${last.seq}`}>
          Open
        </button>
      </div>
      <div className="py-result" title={moved}>
        {moved}
      </div>
    </div>
  );
}
