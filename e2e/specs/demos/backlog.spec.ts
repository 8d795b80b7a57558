// Demo of the deck's backlog exercise: listen(1) and no accept(): two connects return at once,
// the third waits in SYN_SENT until accept() makes room.
import { DeckPage } from '../../pages/deck-page.ts';
import { LifecyclePage } from '../../pages/lifecycle-page.ts';
import { expect, test } from '../../fixtures.ts';

test('backlog: A and B connect before any accept(); C waits in SYN_SENT, then gets in', async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.runExercise(bridge.url, 'backlog');
  const lab = new LifecyclePage(page);
  // Real Python programs, and C's SYN retried by the kernel a second later: give it the time.
  // The deck folds the lab's controls (and their status line): the note under the event says it.
  await expect(lab.note).toContainText('its connect() waited in SYN_SENT', { timeout: 30_000 });
  for (const name of ['A', 'B', 'C']) {
    await expect(lab.page.getByRole('log', { name: 'Program output' })).toContainText(`${name} connected from ('127.0.0.1', `);
  }
});
