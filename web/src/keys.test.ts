import { describe, expect, it } from 'vitest';
import { focusOwnsKey } from './keys.ts';

const press = (tagName: string, key: string) => ({ key, target: { tagName } }) as unknown as KeyboardEvent;

describe('focusOwnsKey', () => {
  it('a text field keeps every key', () => {
    expect(['ArrowRight', 'PageDown', 'a', ' '].map((k) => focusOwnsKey(press('INPUT', k)))).toEqual([true, true, true, true]);
  });
  it('a select keeps ↑ ↓ and letters, not the deck\'s → ← PageUp PageDown', () => {
    expect(['ArrowDown', 'ArrowUp', 'd', 'ArrowRight', 'ArrowLeft', 'PageUp', 'PageDown'].map((k) => focusOwnsKey(press('SELECT', k)))).toEqual([true, true, true, false, false, false, false]);
  });
  it('a button keeps only Space', () => {
    expect([' ', 'ArrowRight'].map((k) => focusOwnsKey(press('BUTTON', k)))).toEqual([true, false]);
  });
});
