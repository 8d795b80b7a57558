// axe-core over every lab page, the deck, and each theme: no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DeckPage } from '../pages/deck-page.ts';
import { DiagramView } from '../pages/diagram-view.ts';
import { TcpEchoPage } from '../pages/tcp-echo-page.ts';
import { expect, test } from '../fixtures.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/** Each address, and the tab that shows it is on screen. */
const PAGES: Array<[string, string]> = [
  ['#/tcp-echo', 'TCP echo'],
  ['#/length-prefix', 'Length-prefix'],
  ['#/udp-echo', 'UDP echo'],
  ['#/add-one', 'Add-one'],
  ['#/programs', 'Programs'],
  ['#/lifecycle', 'Lifecycle'],
  ['#/servers', 'Servers'],
  ['#/workbench', 'Bytes workbench'],
  ['#/deck', 'Lecture deck'],
  ['#/deck/tcp-echo/4', 'Lecture deck'],
];

// One test per page and theme: an axe scan takes seconds on a busy machine, so each gets its own timeout.
for (const theme of ['light', 'dark', 'projector']) {
  for (const [at, tab] of PAGES) {
    test(`${at} in the ${theme} theme has no serious or critical axe violations`, async ({ page, bridge }) => {
      test.setTimeout(60_000);
      const deck = new DeckPage(page);
      await deck.goto(`${bridge.url.replace(/\/?$/, '/')}?theme=${theme}${at}`);
      await expect(page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: tab })).toHaveAttribute('aria-current', 'page');
      if (at === '#/deck/tcp-echo/4') {
        // The run step with the lab set up and a call held: the busiest state the deck shows.
        await page.keyboard.press('Enter');
        await expect(deck.held).toContainText('sendall(11 bytes)');
      }
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}

// The sequence diagram's busiest state: arrows drawn, a call held as a ghost card with its Release.
for (const theme of ['light', 'dark', 'projector']) {
  test(`the sequence diagram with arrows and a held call in the ${theme} theme has no serious or critical axe violations`, async ({ page, bridge }) => {
    test.setTimeout(60_000);
    const lab = new TcpEchoPage(page);
    await lab.goto(`${bridge.url.replace(/\/?$/, '/')}?theme=${theme}&view=diagram#/tcp-echo`);
    await lab.startServer();
    await lab.setBufsize(4);
    await lab.connect();
    await lab.send('Hello World');
    const diagram = new DiagramView(page);
    await expect.poll(async () => (await diagram.arrows()).length).toBeGreaterThanOrEqual(3);
    await page.getByRole('group', { name: 'Stepping' }).getByRole('button', { name: 'Pause' }).click();
    await lab.send('Again');
    await expect(diagram.ghost('sendall(5 bytes) waiting')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
