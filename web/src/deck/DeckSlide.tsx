// One step of an exercise: read the code, predict, reveal, run. The step is in the URL.
import { useRef, useState, useEffect } from 'react';
import { useApp, useStore } from '../app-context.ts';
import { deckApi } from './deck-api.ts';
import { deckHash, move, type DeckPlace } from './deck-route.ts';
import { STEPS, type Exercise, type StepName } from './exercises.ts';

const LETTERS = 'ABCDEFG';

export function DeckSlide({ exercise, place }: { exercise: Exercise; place: DeckPlace }) {
  const app = useApp();
  const open = useStore().status.kind === 'open';
  const step = STEPS[place.step]!;
  const [setUp, setSetUp] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  const setUpButton = useRef<HTMLButtonElement>(null);
  const q = exercise.question;
  const revealed = step === 'reveal' || step === 'run';
  // Each step brings its own block into view (the code, the question, the answer, the run), so
  // step 2 never looks like step 1 with the question below the fold.
  const block = useRef<Record<StepName, HTMLElement | null>>({ read: null, predict: null, reveal: null, run: null });
  useEffect(() => {
    block.current[step]?.scrollIntoView({ block: 'nearest' });
  }, [step]);
  useEffect(() => {
    // Keyboard-driven: on the run step, Enter sets the lab up.
    // (again once the bridge is up: a disabled button cannot take the focus).
    if (step === 'run' && open) setUpButton.current?.focus();
  }, [step, open]);
  const runSetUp = async () => {
    if (!exercise.run.setUp) return;
    setSetUp('busy');
    try {
      await exercise.run.setUp(deckApi(app));
      setSetUp('done');
    } catch (err) {
      app.store.notify('error', (err as Error).message);
      setSetUp('failed');
    }
  };
  const prev = move(place, -1);
  const next = move(place, 1);
  return (
    <article className="deck-slide" aria-label="Exercise">
      <nav className="deck-nav" aria-label="Deck">
        <a href={deckHash(null)}>All exercises</a>
        <span aria-current="step">
          Step {place.step + 1} of {STEPS.length}: {step}
        </span>
        <a href={deckHash(prev)} aria-disabled={!prev} className={prev ? '' : 'disabled'}>
          ← Back
        </a>
        <a href={deckHash(next)}>Next →</a>
      </nav>
      <h2>{exercise.title}</h2>
      <p>{exercise.instruction}</p>
      <figure className="deck-code" ref={(el) => void (block.current.read = el)}>
        <pre>
          <code>{exercise.code}</code>
        </pre>
        <figcaption>{exercise.source}</figcaption>
      </figure>
      {step !== 'read' && (
        <section aria-label="Predict" ref={(el) => void (block.current.predict = el)}>
          <h3>Predict</h3>
          <p>{q.prompt}</p>
          <ol className="deck-options">
            {q.options.map((o, i) => (
              <li key={o} className={revealed && i === q.answer ? 'answer' : undefined} aria-label={revealed && i === q.answer ? `${o} (the answer)` : undefined}>
                <span className="letter">{LETTERS[i]}</span> {o}
                {revealed && i === q.answer && <strong> ✓</strong>}
              </li>
            ))}
          </ol>
          {revealed ? (
            <p role="status" aria-label="Answer" className="deck-why" ref={(el) => void (block.current.reveal = el)}>
              {q.why}
            </p>
          ) : (
            <p className="state-note">Vote, then press → to reveal.</p>
          )}
        </section>
      )}
      {step === 'run' && (
        <section aria-label="Run" ref={(el) => void (block.current.run = el)}>
          <h3>Run it</h3>
          <p>{exercise.run.instruction}</p>
          {exercise.run.setUp && (
            <button ref={setUpButton} type="button" disabled={setUp === 'busy' || !open} onClick={() => void runSetUp()}>
              {setUp === 'done' ? 'Set up again' : 'Set it up (Enter)'}
            </button>
          )}
          {setUp === 'done' && <span className="state-note"> ready: the lab beside is running it</span>}
        </section>
      )}
    </article>
  );
}
