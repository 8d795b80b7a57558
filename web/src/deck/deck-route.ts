// Deck addresses: #/deck (the list), #/deck/<exercise>/<step 1-4>. A reload lands on the same step.
import { EXERCISES, STEPS } from './exercises.ts';

export interface DeckPlace {
  exercise: number;
  /** 0-based index into STEPS. */
  step: number;
}

export const isDeckHash = (hash: string) => /^#\/deck(\/|$)/.test(hash);

/** The place a hash names; null for the list. Unknown exercises and steps fall back to the list or step 1. */
export function parseDeckHash(hash: string): DeckPlace | null {
  const [, id, step] = hash.replace(/^#\//, '').split('/');
  const exercise = EXERCISES.findIndex((e) => e.id === id);
  if (exercise < 0) return null;
  const n = Number(step);
  return { exercise, step: Number.isInteger(n) && n >= 1 && n <= STEPS.length ? n - 1 : 0 };
}

export function deckHash(place: DeckPlace | null): string {
  return place ? `#/deck/${EXERCISES[place.exercise]!.id}/${place.step + 1}` : '#/deck';
}

/** The next (+1) or previous (-1) step across exercises; null past either end. */
export function move(place: DeckPlace | null, by: 1 | -1): DeckPlace | null {
  if (!place) return by === 1 ? { exercise: 0, step: 0 } : null;
  const flat = place.exercise * STEPS.length + place.step + by;
  if (flat < 0) return null;
  if (flat >= EXERCISES.length * STEPS.length) return place;
  return { exercise: Math.floor(flat / STEPS.length), step: flat % STEPS.length };
}
