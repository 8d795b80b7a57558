// Demos of the deck's Server styles exercises: set up from the run step with Enter, each ending as
// its reveal said it would.
import { DeckPage } from '../../pages/deck-page.ts';
import { ServersPage } from '../../pages/servers-page.ts';
import { expect, test } from '../../fixtures.ts';

test("iterative: B and C connect at once, but wait for their reply; the panel lists each client's wait", async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.runExercise(bridge.url, 'iterative');
  const waits = page.getByRole('table', { name: /^Iterative: each client's wait/ });
  await expect(waits.getByRole('row')).toHaveCount(4, { timeout: 30_000 });
  // The server's console: one client at a time, each "Done" before the next "Serving".
  const lines = (await page.getByRole('log', { name: 'Program output' }).innerText()).split('\n').filter((l) => /Serving|Done with/.test(l));
  expect(lines.map((l) => (l.includes('Serving') ? 'S' : 'D')).join('')).toBe('SDSDSD');
});

test('forking: each exited child a zombie, as /proc lists it', async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.runExercise(bridge.url, 'forking');
  const lab = new ServersPage(page);
  await expect(lab.children.getByRole('listitem').filter({ hasText: 'a zombie' })).toHaveCount(3, { timeout: 30_000 });
});
