// Demo of the deck's HTTP exercise: set up from the run step with Enter, ending as its reveal said:
// the request, sent one byte per send(), is read in many recvs and answered once, whole.
import { DeckPage } from '../../pages/deck-page.ts';
import { HttpPage } from '../../pages/http-page.ts';
import { expect, test } from '../../fixtures.ts';

test('http-one-byte: the head ends at the blank line, Content-Length counts the body, one answer', async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.runExercise(bridge.url, 'http-one-byte');
  const http = new HttpPage(page);
  await expect(http.requestParts().filter({ hasText: 'ping' })).toHaveAccessibleName('body: 4 bytes', { timeout: 30_000 });
  await expect(http.requestParts().filter({ hasText: 'POST /echo HTTP/1.1' })).toContainText(/\(\d+ calls\)/);
  await expect(http.messages.getByRole('listitem', { name: 'status line: HTTP/1.1 200 OK' })).toHaveCount(1);
});
