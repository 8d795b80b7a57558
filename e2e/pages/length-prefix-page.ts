// Page object for the length-prefix lab and its grader, from roles and names.
import { expect, type Locator, type Page } from '@playwright/test';

export class LengthPrefixPage {
  readonly server: Locator;
  readonly client: Locator;
  readonly bufsize: Locator;
  readonly log: Locator;
  readonly grader: Locator;

  constructor(readonly page: Page) {
    this.server = page.getByRole('form', { name: 'Server' });
    this.client = page.getByRole('group', { name: 'Client' });
    this.bufsize = page.getByRole('form', { name: 'Buffer size' });
    this.log = page.getByRole('log', { name: 'Socket calls' });
    this.grader = page.getByRole('region', { name: 'Grader' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: 'Length-prefix' }).click();
    await expect(this.page.getByRole('link', { name: 'Length-prefix' })).toHaveAttribute('aria-current', 'page');
  }

  async startServer(port = '0'): Promise<number> {
    await this.server.getByRole('textbox', { name: 'Port' }).fill(port);
    await this.server.getByRole('button', { name: 'Start server' }).click();
    const state = this.server.getByRole('status', { name: 'Server state' });
    await expect(state).toHaveText(/listening on/);
    return Number(/:(\d+) ·/.exec((await state.textContent()) ?? '')![1]);
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

  async sendMessage(text: string): Promise<void> {
    await this.client.getByRole('textbox', { name: 'Message' }).fill(text);
    await this.client.getByRole('button', { name: 'send_message' }).click();
  }

  async receiveMessage(): Promise<void> {
    await this.client.getByRole('button', { name: 'receive_message()' }).click();
  }

  cards(lane: string, code: string | RegExp): Locator {
    const line = typeof code === 'string' ? code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : code.source;
    return this.log.getByRole('article', { name: new RegExp(`^${lane} lane, event \\d+: .*${line}`) });
  }

  /**
   * Scrolls the (virtualized) log from the top until a card matching `code` and `text` is
   * rendered, as a user scrolling back would; returns it.
   */
  async scrollToCard(lane: string, code: string | RegExp, text: string | RegExp): Promise<Locator> {
    const card = this.cards(lane, code).filter({ hasText: text }).first();
    await this.log.evaluate((el) => (el.scrollTop = 0));
    for (let i = 0; i < 200; i++) {
      if (await card.isVisible()) return card;
      const moved = await this.log.evaluate((el) => {
        const before = el.scrollTop;
        el.scrollTop = before + el.clientHeight * 0.8;
        return el.scrollTop !== before;
      });
      if (!moved) break;
      await expect.poll(() => this.log.getByRole('article').count()).toBeGreaterThan(0);
    }
    await expect(card).toBeVisible();
    return card;
  }

  async runGrader(target = ''): Promise<void> {
    await this.grader.getByRole('textbox', { name: 'Target' }).fill(target);
    await this.grader.getByRole('button', { name: 'Run grader' }).click();
    await expect(this.grader.getByRole('status', { name: 'Grade summary' })).toBeVisible({ timeout: 20_000 });
  }

  result(test: string): Locator {
    return this.grader.getByRole('row', { name: new RegExp(`^${test.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
  }
}
