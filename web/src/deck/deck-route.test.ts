import { describe, expect, it } from 'vitest';
import { deckHash, isDeckHash, move, parseDeckHash } from './deck-route.ts';
import { EXERCISES, STEPS } from './exercises.ts';

describe('deck addresses', () => {
  it('round-trips every exercise and step through the URL', () => {
    for (let exercise = 0; exercise < EXERCISES.length; exercise++) {
      for (let step = 0; step < STEPS.length; step++) {
        const hash = deckHash({ exercise, step });
        expect(isDeckHash(hash)).toBe(true);
        expect(parseDeckHash(hash)).toEqual({ exercise, step });
      }
    }
    expect(deckHash(null)).toBe('#/deck');
  });

  it('falls back to the list for an unknown exercise and to step 1 for a bad step', () => {
    expect(parseDeckHash('#/deck')).toBeNull();
    expect(parseDeckHash('#/deck/nope/2')).toBeNull();
    expect(parseDeckHash('#/deck/tcp-echo/9')).toEqual({ exercise: 0, step: 0 });
    expect(isDeckHash('#/tcp-echo')).toBe(false);
    expect(isDeckHash('#/decks')).toBe(false);
  });

  it('moves across exercise boundaries and stops at both ends', () => {
    expect(move(null, 1)).toEqual({ exercise: 0, step: 0 });
    expect(move({ exercise: 0, step: STEPS.length - 1 }, 1)).toEqual({ exercise: 1, step: 0 });
    expect(move({ exercise: 1, step: 0 }, -1)).toEqual({ exercise: 0, step: STEPS.length - 1 });
    expect(move({ exercise: 0, step: 0 }, -1)).toBeNull();
    const last = { exercise: EXERCISES.length - 1, step: STEPS.length - 1 };
    expect(move(last, 1)).toEqual(last);
  });
});
