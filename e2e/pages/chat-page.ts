// Page object for the Chat tab: the server's form, New chat panel, and each panel's line and log.
import { expect, type Locator, type Page } from '@playwright/test';
import { LabPage } from './lab-page.ts';

export class ChatPage extends LabPage {
  readonly serverState: Locator;

  constructor(page: Page) {
    super(page);
    this.serverState = this.server.getByRole('status', { name: 'Server state' });
  }

  async open(): Promise<void> {
    await this.openTab('Chat');
  }

  /** Starts the chat server on `port` (0: any free port) and waits until it listens. */
  async start(port = '0'): Promise<void> {
    await this.server.getByRole('textbox', { name: 'Port' }).fill(port);
    await this.server.getByRole('button', { name: 'Start server' }).click();
    await expect(this.serverState).toContainText('listening on 127.0.0.1:', { timeout: 30_000 });
  }

  async port(): Promise<number> {
    return Number(/127\.0\.0\.1:(\d+)/.exec((await this.serverState.textContent()) ?? '')![1]);
  }

  /** Opens one more panel; it is the newest, named by its socket until the server welcomes it. */
  async join(): Promise<Locator> {
    const before = await this.page.getByRole('region', { name: /^Chat / }).count();
    await this.page.getByRole('group', { name: 'Chat clients' }).getByRole('button', { name: 'New chat panel' }).click();
    await expect(this.page.getByRole('region', { name: /^Chat / })).toHaveCount(before + 1);
    return this.page.getByRole('region', { name: /^Chat / }).nth(before);
  }

  /** Types a line into a panel and sends it (with its '\n' unless `newline` is false). */
  async say(panel: Locator, text: string, newline = true): Promise<void> {
    const box = panel.getByRole('checkbox', { name: 'end with \\n' });
    if ((await box.isChecked()) !== newline) await box.click();
    const line = panel.getByRole('textbox', { name: /^Line for / });
    await line.fill(text);
    await panel.getByRole('button', { name: 'Send' }).click();
    // Sent: the field empties, or (after /bye, when the server closes at once) the form is gone.
    await expect.poll(async () => (await line.count()) === 0 || (await line.inputValue({ timeout: 1000 }).catch(() => '')) === '').toBe(true);
  }

  lines(panel: Locator): Locator {
    return panel.getByRole('list', { name: /^Lines of / }).getByRole('listitem');
  }
}
