// Scrub the session: a slider over every recorded event. At a moment, the timeline ends at that
// event, its lanes are the ones open then, and the event's bytes and Python line are shown.
import { useStore } from '../app-context.ts';
import type { LabId } from '@socket-lab/protocol';

interface Props {
  lab: LabId;
  /** Index of the event scrubbed to; null when live. */
  moment: number | null;
  onMoment(index: number | null): void;
}

export function Scrubber({ lab, moment, onMoment }: Props) {
  const store = useStore();
  const events = store.view(lab).events;
  const replay = store.status.kind === 'replay';
  if (events.length === 0) return null;
  const at = moment ?? events.length - 1;
  const e = events[Math.min(at, events.length - 1)]!;
  return (
    <div className="scrubber" role="group" aria-label="Scrub">
      <input
        type="range"
        aria-label="Moment"
        min={0}
        max={events.length - 1}
        value={at}
        onChange={(ev) => onMoment(Number(ev.target.value))}
        aria-valuetext={`#${e.seq} · event ${at + 1} of ${events.length}: ${e.socket} ${e.op}`}
      />
      <span className="state-note" role="status" aria-label="Moment shown">
        {/* The card's own number (#seq) first, so the slider and the selected card agree. */}
        {moment === null
          ? `${replay ? 'end of the replay' : 'live'} · ${events.length.toLocaleString('en')} events`
          : `#${e.seq} · event ${(at + 1).toLocaleString('en')} of ${events.length.toLocaleString('en')}: ${e.socket} ${e.op}`}
      </span>
      {moment !== null && (
        <button type="button" onClick={() => onMoment(null)}>
          {replay ? 'Back to the end' : 'Back to live'}
        </button>
      )}
    </div>
  );
}
