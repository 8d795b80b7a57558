// Keyboard shortcuts (step, next slide) must not take keys from what has the focus.

/** Keys a select does without: the deck's and stepping's, whatever has the focus (a select picks with ↑ ↓). */
const NOT_A_SELECTS = new Set(['ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown']);

/** Whether a key press belongs to the focused element: typing in a field, choosing in a select, or Space on a button. */
export function focusOwnsKey(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA')) return true;
  if (t?.tagName === 'SELECT') return !NOT_A_SELECTS.has(e.key);
  return t?.tagName === 'BUTTON' && e.key === ' ';
}
