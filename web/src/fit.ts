// Text on a card or a diagram node is one line at a fixed height (the timeline's rows are
// computed, not measured), and must never be cut: a line too long for its box is drawn smaller
// until it fits. CSS does the sizing (`.fit` in styles.css) from the box's width (a container
// query unit) and the text's length in characters, given here.
import type { CSSProperties } from 'react';

/** The style that lets a `.fit` element scale `chars` characters (of a monospace font) to its box. */
export function fitStyle(...parts: Array<string | number | null | undefined | false>): CSSProperties {
  let chars = 0;
  for (const p of parts) if (p !== null && p !== undefined && p !== false) chars += String(p).length;
  return { '--chars': Math.max(chars, 1) } as CSSProperties;
}
