// Page object for the length-prefix lab and its grader, from roles and names.
import { expect, type Locator, type Page } from '@playwright/test';
import { escapeRegExp, LabPage } from './lab-page.ts';

export class LengthPrefixPage extends LabPage {
  readonly grader: Locator;

  constructor(page: Page) {
    super(page);
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

  async sendMessage(text: string): Promise<void> {
    await this.client.getByRole('textbox', { name: 'Message' }).fill(text);
    await this.client.getByRole('button', { name: 'send_message' }).click();
  }

  async receiveMessage(): Promise<void> {
    await this.client.getByRole('button', { name: 'receive_message()' }).click();
  }

  async runGrader(target = ''): Promise<void> {
    await this.grader.getByRole('textbox', { name: 'Target' }).fill(target);
    await this.grader.getByRole('button', { name: 'Run grader' }).click();
    await expect(this.grader.getByRole('status', { name: 'Grade summary' })).toBeVisible({ timeout: 120_000 });
  }

  result(test: string): Locator {
    return this.grader.getByRole('row', { name: new RegExp(`^${escapeRegExp(test)}`) });
  }
}
