// Demo of the deck's reset exercise: the server closes with 6 bytes unread, the kernel sends RST,
// and the real client's recv raises ConnectionResetError.
import { DeckPage } from '../../pages/deck-page.ts';
import { LifecyclePage } from '../../pages/lifecycle-page.ts';
import { expect, test } from '../../fixtures.ts';

test('reset: closing with bytes unread makes the client\'s recv raise ConnectionResetError', async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.runExercise(bridge.url, 'reset');
  const lab = new LifecyclePage(page);
  // The exercise starts real Python programs: on a loaded machine that takes a while.
  // The deck folds the lab's controls (and their status line): the note under the event says it.
  await expect(lab.note).toContainText('ConnectionResetError: [Errno 104] Connection reset by peer', { timeout: 30_000 });
  // The client's failing recv is a few events from the live end, which the lanes follow: it is drawn there.
  const recv = lab.log.getByRole('article', { name: /lane, event \d+: while reply := sock\.recv\(BUF_SIZE\):$/ }).filter({ hasText: 'ConnectionResetError' }).first();
  await expect(recv).toContainText('raises ConnectionResetError: [Errno 104] Connection reset by peer');
});
