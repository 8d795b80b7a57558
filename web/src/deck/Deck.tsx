// The lecture deck: the exercise's slide beside its live lab. → / PageDown go on, ← / PageUp go
// back; while step mode holds a call, → steps the sockets instead (StepControls takes the key first).
import { useEffect } from 'react';
import { useApp } from '../app-context.ts';
import { LabScreen } from '../components/LabScreen.tsx';
import { focusOwnsKey } from '../keys.ts';
import { LABS } from '../labs/registry.ts';
import { DeckIndex } from './DeckIndex.tsx';
import { DeckSlide } from './DeckSlide.tsx';
import { deckHash, move, parseDeckHash, type DeckPlace } from './deck-route.ts';
import { EXERCISES, STEPS } from './exercises.ts';

const NEXT = new Set(['ArrowRight', 'PageDown', ' ']);
const PREV = new Set(['ArrowLeft', 'PageUp']);

export function Deck({ place }: { place: DeckPlace | null }) {
  const { sessions } = useApp();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || focusOwnsKey(e)) return;
      const by = NEXT.has(e.key) ? 1 : PREV.has(e.key) ? -1 : 0;
      if (!by) return;
      e.preventDefault();
      // From the address bar, not the render's `place`: a second press before React has re-rendered
      // (hashchange is async) must move from where the first one went, not from where it started.
      location.hash = deckHash(move(parseDeckHash(location.hash), by));
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  const exercise = place ? EXERCISES[place.exercise]! : null;
  useEffect(() => {
    document.title = exercise ? `${exercise.title} (step ${place!.step + 1} of ${STEPS.length}) · Socket Lab` : 'Lecture deck · Socket Lab';
  }, [exercise, place]);

  if (!place || !exercise) return <DeckIndex />;
  const lab = LABS.find((l) => l.id === exercise.lab)!;
  return (
    <div className="deck">
      <DeckSlide key={`${exercise.id}/${place.step}`} exercise={exercise} place={place} />
      <div className="deck-lab">
        {exercise.answerInLab && STEPS[place.step] !== 'reveal' && STEPS[place.step] !== 'run' ? (
          <p className="deck-veil" role="note" aria-label="Lab hidden until Reveal">
            The {lab.title.toLowerCase()} shows the answer as soon as it is on screen: it opens at Reveal (→ after the vote).
          </p>
        ) : (
          // Keyed by the session shown too, as on a lab page: a replay's scrub position is not the live one's.
          <LabScreen key={`${lab.id} ${sessions.showing}`} lab={lab} foldControls />
        )}
      </div>
    </div>
  );
}
