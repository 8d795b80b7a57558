// Text on a card or a diagram node is one line at a fixed height (the timeline's rows are
// computed, not measured), and must never be cut: a line too long for its box is drawn smaller
// until it fits. CSS does the sizing (`.fit` in styles.css) from the box's width (a container
// query unit) and the text's length in characters, given here.
import type { CSSProperties } from 'react';

/**
 * The style that lets a `.fit` element scale its text (of a monospace font) to its box: the
 * characters of each string part, and a number as that many characters' room (gaps, a bar).
 */
export function fitStyle(...parts: Array<string | number | null | undefined | false>): CSSProperties {
  let chars = 0;
  for (const p of parts) if (typeof p === 'number') chars += p;
  else if (p) chars += p.length;
  return { '--chars': Math.max(chars, 1) } as CSSProperties;
}
