// Page object for the TCP echo lab, built from roles and names as a screen reader would find them.
import { expect, type Locator, type Page } from '@playwright/test';

export type LaneName = 'Client' | 'Server' | `Connection ${string}`;

export class TcpEchoPage {
  readonly server: Locator;
  readonly client: Locator;
  readonly bufsize: Locator;
  readonly log: Locator;

  constructor(readonly page: Page) {
    this.server = page.getByRole('form', { name: 'Server' });
    this.client = page.getByRole('group', { name: 'Client' });
    this.bufsize = page.getByRole('form', { name: 'Buffer size' });
    this.log = page.getByRole('log', { name: 'Socket calls' });
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('status').filter({ hasText: 'bridge connected' })).toBeVisible();
  }

  /** Starts the server (port '0' = any free port) and returns the port it listens on. */
  async startServer(port = '0'): Promise<number> {
    await this.server.getByRole('textbox', { name: 'Port' }).fill(port);
    await this.server.getByRole('button', { name: 'Start server' }).click();
    const state = this.server.getByRole('status', { name: 'Server state' });
    await expect(state).toHaveText(/listening on/);
    return Number(/:(\d+)$/.exec((await state.textContent()) ?? '')![1]);
  }

  async connect(): Promise<void> {
    await this.client.getByRole('button', { name: 'Connect' }).click();
    await expect(this.client.getByRole('status', { name: 'Client state' })).toHaveText(/^client-\d+:/);
  }

  async send(text: string): Promise<void> {
    await this.client.getByRole('textbox', { name: 'Message' }).fill(text);
    await this.client.getByRole('button', { name: 'Send' }).click();
  }

  async setBufsize(n: number): Promise<void> {
    await this.bufsize.getByRole('textbox', { name: 'BUF_SIZE' }).fill(String(n));
    await this.bufsize.getByRole('button', { name: 'Set BUF_SIZE' }).click();
    await expect(this.bufsize).toContainText(`BUF_SIZE = ${n}`);
  }

  /** Every event card in a lane whose Python line matches `code`. */
  cards(lane: LaneName, code: RegExp | string): Locator {
    const line = typeof code === 'string' ? escape(code) : code.source;
    return this.log.getByRole('article', { name: new RegExp(`^${escape(lane)} lane, event \\d+: .*${line}`) });
  }

  async waitForRecv(lane: LaneName, text: string): Promise<Locator> {
    const card = this.cards(lane, /recv\(\d+\)/).filter({ hasText: text }).last();
    await expect(card).toBeVisible();
    return card;
  }

  async waitForEventCount(n: number): Promise<void> {
    await expect
      .poll(async () => Number(((await this.page.getByLabel('events recorded').textContent()) ?? '0').replace(/\D/g, '')))
      .toBeGreaterThanOrEqual(n);
  }

  laneHeader(lane: LaneName): Locator {
    return this.page.getByRole('columnheader', { name: `${lane} lane` });
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
