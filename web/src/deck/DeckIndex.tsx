// #/deck: the exercises, one per lab, each linkable from a slide.
import { deckHash } from './deck-route.ts';
import { EXERCISES } from './exercises.ts';

export function DeckIndex() {
  return (
    <main className="deck-index">
      <h2>Lecture deck</h2>
      <p>
        Each exercise reads the course's Python, asks the room to predict, reveals, then runs it on real sockets. Use → or PageDown to go on, ← or PageUp to
        go back; a clicker works.
      </p>
      <ol aria-label="Exercises">
        {EXERCISES.map((e, i) => (
          <li key={e.id}>
            <a href={deckHash({ exercise: i, step: 0 })}>{e.title}</a>
          </li>
        ))}
      </ol>
    </main>
  );
}
