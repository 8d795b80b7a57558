// A card's framing lines: header decoded, payload progress bar, frame complete or refused.
import type { FrameLine } from '../frame-lines.ts';
import { fitStyle } from '../fit.ts';

export function FrameLines({ lines }: { lines: FrameLine[] }) {
  if (lines.length === 0) return null;
  return (
    <ul className="frame-lines" aria-label="framing">
      {lines.map((l, i) => (
        <li key={i} className={`frame-line tone-${l.tone} fit`} style={fitStyle(l.text, l.fill !== undefined ? 6 : 0)}>
          {l.fill !== undefined && (
            <span className="bar" aria-hidden="true">
              <span style={{ width: `${Math.round(l.fill * 100)}%` }} />
            </span>
          )}
          {l.text}
        </li>
      ))}
    </ul>
  );
}
