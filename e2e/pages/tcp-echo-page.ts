// Page object for the TCP echo lab, built from roles and names as a screen reader would find them.
import { expect, type Locator } from '@playwright/test';
import { LabPage } from './lab-page.ts';

export type LaneName = 'Client' | 'Server' | `Connection ${string}`;

export class TcpEchoPage extends LabPage {
  /** Starts the server (port '0' = any free port) and returns the port it listens on. */
  async startServer(port = '0'): Promise<number> {
    await this.server.getByRole('textbox', { name: 'Port' }).fill(port);
    await this.server.getByRole('button', { name: 'Start server' }).click();
    const state = this.server.getByRole('status', { name: 'Server state' });
    await expect(state).toHaveText(/listening on/);
    return Number(/:(\d+)$/.exec((await state.textContent()) ?? '')![1]);
  }

  async send(text: string): Promise<void> {
    await this.client.getByRole('textbox', { name: 'Message' }).fill(text);
    await this.client.getByRole('button', { name: 'Send' }).click();
  }

  async waitForRecv(lane: LaneName, text: string): Promise<Locator> {
    const card = this.cards(lane, /recv\(\d+\)/).filter({ hasText: text }).last();
    await expect(card).toBeVisible();
    return card;
  }
}
