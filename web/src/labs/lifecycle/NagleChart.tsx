// The nagle moment's round trips as its client measured them, plotted as they come: one dot per
// request/reply, on a log scale so 0.2 ms and 40 ms both read; the medians of each mode beside.
import { nagleMedianText, type NagleRound } from '@socket-lab/protocol';

const W = 520;
const H = 110;
const PAD = { left: 52, right: 8, top: 6, bottom: 20 };
/** The y axis, in ms: loopback with TCP_NODELAY is a few hundredths; Nagle × delayed ACK about 40. */
const TICKS = [0.01, 0.1, 1, 10, 100];
const LOG_MIN = Math.log10(TICKS[0]!);
const LOG_MAX = Math.log10(300);

const y = (ms: number) => {
  const v = Math.min(LOG_MAX, Math.max(LOG_MIN, Math.log10(Math.max(ms, 1e-6))));
  return PAD.top + (1 - (v - LOG_MIN) / (LOG_MAX - LOG_MIN)) * (H - PAD.top - PAD.bottom);
};

export function NagleChart({ rounds }: { rounds: NagleRound[] }) {
  const on = nagleMedianText(rounds, false);
  const off = nagleMedianText(rounds, true);
  const step = rounds.length > 1 ? (W - PAD.left - PAD.right) / (rounds.length - 1) : 0;
  const x = (i: number) => PAD.left + i * step;
  return (
    <figure className="nagle-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Round-trip times: Nagle on, median ${on}; TCP_NODELAY, median ${off}`}>
        {TICKS.map((t) => (
          <g key={t} className="tick">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end">
              {t >= 1 ? `${t} ms` : `${t}`}
            </text>
          </g>
        ))}
        {rounds.map((r, i) => (
          <circle key={r.n} cx={x(i)} cy={y(r.ms)} r={3.5} className={r.nodelay ? 'rtt-nodelay' : 'rtt-nagle'}>
            <title>{`round ${r.n}: ${r.ms.toFixed(3)} ms (${r.nodelay ? 'TCP_NODELAY' : 'Nagle on'})`}</title>
          </circle>
        ))}
        <text x={PAD.left} y={H - 6} className="axis">
          {rounds.length ? `round trips ${rounds[0]!.n}–${rounds.at(-1)!.n}, as the client timed them` : 'waiting for the first round trip'}
        </text>
      </svg>
      <figcaption>
        <span className="rtt-nagle">● Nagle on: median {on}</span> <span className="rtt-nodelay">● TCP_NODELAY: median {off}</span>
      </figcaption>
    </figure>
  );
}
