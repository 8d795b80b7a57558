// Demos of the deck's Lifecycle exercises (backlog and reset have their own): each set up from its
// run step with Enter, as a presenter would, and each ending as its reveal said it would.
import { DeckPage } from '../../pages/deck-page.ts';
import { LifecyclePage } from '../../pages/lifecycle-page.ts';
import { expect, test } from '../../fixtures.ts';

// Real Python programs on a loaded machine: each moment gets the time it needs.
const MOMENT = { timeout: 30_000 };

const demos: [exercise: string, happened: string | RegExp, printed?: string][] = [
  ['handshake', 'connect() returned (the client ESTABLISHED) before the server called accept()', 'A connected from'],
  ['half-close', /After shutdown\(SHUT_WR\) the client was FIN_WAIT[12]/, "Reply: b'got 5 bytes'"],
  ['close-wait', 'its socket stays in CLOSE_WAIT', 'This server never calls sc.close().'],
  ['refused', 'ConnectionRefusedError: [Errno 111] Connection refused', 'connect raised ConnectionRefusedError: [Errno 111] Connection refused'],
  ['address-in-use', 'bind raised OSError: [Errno 98] Address already in use', 'OSError: [Errno 98] Address already in use'],
  ['timeout', 'raised TimeoutError: timed out 2 seconds later', 'TimeoutError: timed out'],
];

for (const [exercise, happened, printed] of demos) {
  test(`${exercise}: the run step's programs do what the reveal said`, async ({ page, bridge }) => {
    const deck = new DeckPage(page);
    await deck.runExercise(bridge.url, exercise);
    const lab = new LifecyclePage(page);
    // The deck folds the lab's controls (and their status line): the note under the event says it.
    await expect(lab.note).toContainText(happened, MOMENT);
    if (printed) await expect(page.getByRole('log', { name: 'Program output' })).toContainText(printed);
  });
}

test('nagle: about 40 ms a round trip with Nagle on; the switch brings it well under that', async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.runExercise(bridge.url, 'nagle');
  const lab = new LifecyclePage(page);
  await expect(lab.chart).toHaveAccessibleName(/Nagle on, median [\d.]+ ms over ([3-9]|\d\d+) round trips/, MOMENT);
  // The switch is in the lab's controls, folded in the deck: open them as the run step says.
  await deck.openLabControls('Lifecycle');
  await lab.nodelay.click();
  await expect(lab.chart).toHaveAccessibleName(/TCP_NODELAY, median [\d.]+ ms over ([3-9]|\d\d+) round trips/, MOMENT);
  // The reveal's figures, measured: Nagle × delayed ACK is tens of ms, TCP_NODELAY a fraction of that.
  const name = (await lab.chart.getAttribute('aria-label'))!;
  const [on, off] = [...name.matchAll(/median ([\d.]+) ms/g)].map((m) => Number(m[1]));
  expect(on).toBeGreaterThan(20);
  expect(off! * 4).toBeLessThan(on!);
});
