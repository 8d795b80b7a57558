// Page objects for the datagram labs: UDP echo (with its boundaries and relay panel) and add-one.
import { expect, type Locator, type Page } from '@playwright/test';
import { LabPage } from './lab-page.ts';

abstract class UdpLabPage extends LabPage {
  abstract readonly tab: string;

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: this.tab }).click();
    await expect(this.page.getByRole('link', { name: this.tab })).toHaveAttribute('aria-current', 'page');
  }

  /** Starts the server on a free port (or `port`), on 127.0.0.1 or ::1; returns the port. */
  async startServer(port = '0', host = '127.0.0.1'): Promise<number> {
    await this.server.getByRole('combobox', { name: 'Host' }).selectOption(host);
    await this.server.getByRole('textbox', { name: 'Port' }).fill(port);
    await this.server.getByRole('button', { name: 'Start server' }).click();
    const state = this.server.getByRole('status', { name: 'Server state' });
    await expect(state).toHaveText(/bound to/);
    return Number(/:(\d+),/.exec((await state.textContent()) ?? '')![1]);
  }
}

export class UdpEchoPage extends UdpLabPage {
  readonly tab = 'UDP echo';
  readonly panel: Locator;

  constructor(page: Page) {
    super(page);
    this.panel = page.getByRole('region', { name: 'Datagrams' });
  }

  async sendto(text: string): Promise<void> {
    await this.client.getByRole('textbox', { name: 'Message' }).fill(text);
    await this.client.getByRole('button', { name: 'sendto', exact: true }).click();
  }

  async compareBoundaries(): Promise<Locator> {
    await this.panel.getByRole('button', { name: 'Send one, two, three over TCP and UDP' }).click();
    const table = this.panel.getByRole('table', { name: 'TCP and UDP boundaries' });
    await expect(table).toBeVisible();
    return table;
  }
}

export class AddOnePage extends UdpLabPage {
  readonly tab = 'Add-one';

  async send(value: number): Promise<void> {
    await this.client.getByRole('textbox', { name: 'Number' }).fill(String(value));
    await this.client.getByRole('button', { name: "Send struct.pack('!h', n)" }).click();
  }

  get result(): Locator {
    return this.client.getByRole('status', { name: 'Result' });
  }
}
