// Page object for the Server styles tab: a button per style, the comparison, what the run says.
import type { Locator, Page } from '@playwright/test';
import { LabPage } from './lab-page.ts';

export class ServersPage extends LabPage {
  readonly styles: Locator;
  readonly run: Locator;
  readonly comparison: Locator;
  readonly children: Locator;

  constructor(page: Page) {
    super(page);
    this.styles = page.getByRole('group', { name: 'Server styles' });
    this.run = page.getByRole('status', { name: 'Server run' });
    this.comparison = page.getByRole('table', { name: 'Comparison' });
    this.children = page.getByRole('list', { name: 'Children of the server' });
  }

  async open(): Promise<void> {
    await this.openTab('Servers');
  }

  async press(style: string): Promise<void> {
    await this.styles.getByRole('button', { name: style, exact: true }).click();
  }
}
