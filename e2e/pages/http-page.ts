// Page object for the HTTP tab: the web server's form and link, the lab's client, the marked messages.
import { expect, type Locator, type Page } from '@playwright/test';
import { LabPage } from './lab-page.ts';

export class HttpPage extends LabPage {
  readonly serverState: Locator;
  readonly messages: Locator;

  constructor(page: Page) {
    super(page);
    this.serverState = this.server.getByRole('status', { name: 'Server state' });
    this.messages = page.getByRole('region', { name: 'HTTP messages' });
  }

  async open(): Promise<void> {
    await this.openTab('HTTP');
  }

  async start(port = '0'): Promise<void> {
    await this.server.getByRole('textbox', { name: 'Port' }).fill(port);
    await this.server.getByRole('button', { name: 'Start server' }).click();
    await expect(this.serverState).toContainText('listening on 127.0.0.1:', { timeout: 30_000 });
  }

  /** The marked parts of one connection's request (the newest connection when `port` is absent). */
  requestParts(port?: number): Locator {
    const conn = port === undefined ? this.messages.getByRole('region', { name: /^Connection from port / }).last() : this.messages.getByRole('region', { name: `Connection from port ${port}` });
    return conn.getByRole('list', { name: /^Request bytes of / }).getByRole('listitem');
  }
}
