// Demo of the deck's UDP exercise: three datagrams are three recvfrom; TCP can join them.
import { DeckPage } from '../../pages/deck-page.ts';
import { expect, test } from '../../fixtures.ts';

test('udp-echo: three sendto are three recvfrom, while TCP may deliver one recv', async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.runExercise(bridge.url, 'udp-echo');
  const table = page.getByRole('table', { name: 'TCP and UDP boundaries' });
  await expect(table.getByRole('row').filter({ hasText: 'UDP' })).toContainText('3 sendto → 3 recvfrom');
  await expect(table.getByRole('row').filter({ hasText: 'TCP' })).toContainText('3 sendall →');
});
