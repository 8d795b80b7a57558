// Demo of the deck's add-one exercise: 1 comes back as 2; 32767 raises struct.error and nothing comes back.
import { DeckPage } from '../../pages/deck-page.ts';
import { expect, test } from '../../fixtures.ts';

test("add-one: 32767 + 1 does not fit '!h', so the server raises and the client times out", async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.runExercise(bridge.url, 'add-one');
  // The client's result line is in the lab's controls, folded in the deck.
  await deck.openLabControls('Add-one');
  const result = page.getByRole('form', { name: 'Client' }).getByRole('status', { name: 'Result' });
  await expect(result).toContainText('no reply within 2 s', { timeout: 15_000 });
  await expect(result).toContainText('sent 32767 → no reply');
  await expect(deck.cards('Server', 'data, address = sock.recvfrom(1024)').last()).toContainText("struct.pack('!h', 32768) raised struct.error");
});
