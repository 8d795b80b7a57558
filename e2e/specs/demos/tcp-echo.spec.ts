// Demo of the deck's TCP echo exercise (`pnpm demo tcp-echo`): the answer, 3 recv calls, shown live.
import { DeckPage } from '../../pages/deck-page.ts';
import { expect, test } from '../../fixtures.ts';

test('tcp-echo: recv(4) on Hello World takes three reads, stepped one call per key', async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.runExercise(bridge.url, 'tcp-echo');
  const clientGot = deck.cards('Client', 'reply = sock.recv(4)').filter({ hasText: "b'rld'" });
  // client sendall, then per chunk: server recv, server sendall, client recv.
  expect(await deck.stepUntil(async () => (await clientGot.count()) > 0)).toBe(1 + 3 * 3);
  await expect(await deck.scrollToCard('Server', 'data = sc.recv(4)', "b'o Wo'")).toContainText('(4 bytes)');
});
