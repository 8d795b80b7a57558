// Page object for the bytes workbench.
import { expect, type Locator, type Page } from '@playwright/test';

export class WorkbenchPage {
  readonly pack: Locator;
  readonly fields: Locator;
  readonly size: Locator;
  readonly send: Locator;

  constructor(readonly page: Page) {
    this.pack = page.getByRole('form', { name: 'struct.pack' });
    this.fields = page.getByRole('list', { name: 'Packed fields' });
    this.size = page.getByRole('status', { name: 'Packed size' });
    this.send = page.getByRole('group', { name: 'Send the packed bytes' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: 'Bytes workbench' }).click();
    await expect(this.pack).toBeVisible();
  }

  async build(format: string, values: string): Promise<void> {
    await this.pack.getByRole('textbox', { name: 'Format' }).fill(format);
    await this.pack.getByRole('textbox', { name: 'Values' }).fill(values);
  }
}
