// Demo of the deck's length-prefix exercise: a 34-byte frame is nine recv(4) calls.
import { DeckPage } from '../../pages/deck-page.ts';
import { expect, test } from '../../fixtures.ts';

test('length-prefix: the 30-byte message arrives in nine recv(4) calls, then the reply is sent', async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.runExercise(bridge.url, 'length-prefix');
  const reply = deck.cards('Server', 'sc.sendall(');
  // The client's sendall, nine recv(4), the frame, then the reply's sendall: every call is one press
  // except the frame, which the server works out from bytes it already read.
  const presses = await deck.stepUntil(async () => (await reply.count()) > 0);
  expect(presses).toBe(1 + 9 + 1);
  await expect(reply.last()).toContainText('00 00 00 14');
  // The last read is a few events from the live end, which the lanes follow: it is drawn there.
  await expect(deck.cards('Server', 'sc.recv(4)').filter({ hasText: "b'go'" }).first()).toContainText('(2 bytes)');
});
