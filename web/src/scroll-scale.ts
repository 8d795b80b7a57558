// A scroll box taller than the browser lays out: Chromium draws no box past 2^25 px (33,554,432),
// and a timeline of a few hundred thousand cards is taller than that. Past MAX_SCROLL_PX the box
// keeps that height and each scrolled pixel stands for `k` pixels of rows (the timeline and the
// sequence diagram alike).

/** Browsers stop laying out boxes taller than about 33 million pixels: past this the scroll is scaled. */
export const MAX_SCROLL_PX = 8_000_000;

/** The pixels of rows one scrolled pixel stands for: 1 until `totalPx` passes MAX_SCROLL_PX. */
export function scrollFactor(totalPx: number, viewPx: number): number {
  if (totalPx <= MAX_SCROLL_PX) return 1;
  return Math.max(1, (totalPx - viewPx) / Math.max(1, MAX_SCROLL_PX - viewPx));
}

/** The scroll box's height for `totalPx` of rows, and the rows' pixels one scrolled pixel stands for. */
export function scrollBox(totalPx: number, viewPx: number): { height: number; k: number } {
  const k = scrollFactor(totalPx, viewPx);
  return { height: k === 1 ? totalPx : MAX_SCROLL_PX, k };
}
