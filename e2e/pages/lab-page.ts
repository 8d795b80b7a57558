// What every lab page shares: the server and client controls, BUF_SIZE, and the lanes' cards.
import { expect, type Locator, type Page } from '@playwright/test';

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class LabPage {
  readonly server: Locator;
  readonly client: Locator;
  readonly bufsize: Locator;
  readonly log: Locator;

  constructor(readonly page: Page) {
    this.server = page.getByRole('form', { name: 'Server' });
    // The client is a group of forms in most labs, and a single form in add-one.
    this.client = page.getByRole('group', { name: 'Client' }).or(page.getByRole('form', { name: 'Client' }));
    this.bufsize = page.getByRole('form', { name: 'Buffer size' });
    this.log = page.getByRole('log', { name: 'Socket calls' });
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('status').filter({ hasText: 'bridge connected' })).toBeVisible();
  }

  async setBufsize(n: number): Promise<void> {
    await this.bufsize.getByRole('textbox', { name: 'BUF_SIZE' }).fill(String(n));
    await this.bufsize.getByRole('button', { name: 'Set BUF_SIZE' }).click();
    await expect(this.bufsize).toContainText(`BUF_SIZE = ${n}`);
  }

  async connect(): Promise<void> {
    await this.client.getByRole('button', { name: 'Connect' }).click();
    await expect(this.client.getByRole('status', { name: 'Client state' })).toHaveText(/^client-\d+:/);
  }

  /** Every event card in a lane (its title, or a pattern of it) whose Python line matches `code`. */
  cards(lane: string | RegExp, code: RegExp | string): Locator {
    const line = typeof code === 'string' ? escapeRegExp(code) : code.source;
    const title = typeof lane === 'string' ? escapeRegExp(lane) : lane.source;
    return this.log.getByRole('article', { name: new RegExp(`^${title} lane, event \\d+: .*${line}`) });
  }

  /**
   * Scrolls the (virtualized) log from the top until a card matching `code` and `text` is
   * rendered, as a user scrolling back would; returns it.
   */
  async scrollToCard(lane: string, code: string | RegExp, text: string | RegExp): Promise<Locator> {
    return this.scrollUntilShown(this.cards(lane, code).filter({ hasText: text }).first());
  }

  /** Scrolls the log from the top until `card` is rendered; returns it. */
  async scrollUntilShown(card: Locator): Promise<Locator> {
    await this.log.evaluate((el) => (el.scrollTop = 0));
    for (let i = 0; i < 200; i++) {
      if (await card.isVisible()) return card;
      const moved = await this.log.evaluate((el) => {
        const top = el.scrollTop;
        // At least a row's worth, however short the lanes are (a few pixels, in the deck's run step).
        el.scrollTop = top + Math.max(el.clientHeight * 0.8, 40);
        return el.scrollTop !== top;
      });
      if (!moved) break;
      // The virtualizer renders a scroll's rows on the next frame: look once two frames have been
      // drawn (under load, a look before that missed the card and scrolled past it).
      await this.page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
    }
    await expect(card).toBeVisible();
    return card;
  }

  /** Waits until the header counts `n` events; heavy runs pass the time their work needs. */
  async waitForEventCount(n: number, timeout?: number): Promise<void> {
    await expect
      .poll(async () => Number(((await this.page.getByLabel('events recorded').textContent()) ?? '0').replace(/\D/g, '')), timeout === undefined ? {} : { timeout })
      .toBeGreaterThanOrEqual(n);
  }

  /** Opens a lab's tab from the navigation, and waits until it is the current page. */
  async openTab(title: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: title }).click();
    await expect(this.page.getByRole('link', { name: title })).toHaveAttribute('aria-current', 'page');
  }

  /** A lane head's line of its sockets as the kernel lists them now. */
  kernelNow(lane: RegExp): Locator {
    return this.page.getByRole('group', { name: 'Lanes' }).getByRole('heading', { name: lane }).getByLabel('In the kernel now');
  }

  laneHeader(lane: string): Locator {
    return this.page.getByRole('heading', { name: `${lane} lane` });
  }
}
