// Keyboard shortcuts (step, next slide) must not take keys from what has the focus.

/** Whether a key press belongs to the focused element: typing in a field, or Space on a button. */
export function focusOwnsKey(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return true;
  return t?.tagName === 'BUTTON' && e.key === ' ';
}
