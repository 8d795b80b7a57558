// Demo of the deck's Chat exercise: set up from the run step with Enter, ending as its reveal said:
// bob's thread reads b'bo' and b'b\n' in two recvs, and the server welcomes one name, bob.
import { ChatPage } from '../../pages/chat-page.ts';
import { DeckPage } from '../../pages/deck-page.ts';
import { expect, test } from '../../fixtures.ts';

test("chat-framing: one name in two sends is two recvs and one line, 'bob'", async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.runExercise(bridge.url, 'chat-framing');
  const chat = new ChatPage(page);
  await expect(chat.lines(page.getByRole('region', { name: 'Chat bob' })).filter({ hasText: 'welcome bob' })).toHaveCount(1, { timeout: 30_000 });
  const thread = /pid \d+ · Thread-2 \(handle\)/;
  await expect(chat.cards(thread, 'while data := conn.recv(BUF_SIZE):').filter({ hasText: "b'bo'" })).toHaveCount(1);
  await expect(chat.cards(thread, 'while data := conn.recv(BUF_SIZE):').filter({ hasText: "b'b\\n'" })).toHaveCount(1);
  await expect(chat.lines(page.getByRole('region', { name: 'Chat bob' })).filter({ hasText: /^welcome/ })).toHaveCount(1);
});
