// Demo of the deck's struct exercise: '!hH?f10s' is 19 bytes; '@' pads it to 22.
import { DeckPage } from '../../pages/deck-page.ts';
import { WorkbenchPage } from '../../pages/workbench-page.ts';
import { expect, test } from '../../fixtures.ts';

test("struct: '!hH?f10s' packs to 19 bytes, and native '@' alignment makes it 22", async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.gotoDeck(bridge.url, '#/deck/struct/4');
  const wb = new WorkbenchPage(page);
  await expect(wb.size).toContainText('calcsize = 19 bytes');
  await wb.build('@hH?f10s', "13, 987, True, 0.3871, b'1234567890'");
  await expect(wb.size).toContainText('calcsize = 22 bytes');
});
