// Page object for the Lifecycle tab: a button per moment, the line that says what happened.
import type { Locator, Page } from '@playwright/test';
import { LabPage } from './lab-page.ts';

export class LifecyclePage extends LabPage {
  readonly moments: Locator;
  readonly happened: Locator;
  /** The explanation drawn under the event that completed the moment. */
  readonly note: Locator;
  readonly nodelay: Locator;
  readonly chart: Locator;

  constructor(page: Page) {
    super(page);
    this.moments = page.getByRole('group', { name: 'Moments' });
    this.happened = page.getByRole('status', { name: 'What happened' });
    this.note = this.log.getByRole('note', { name: /^What happened, under event \d+$/ });
    this.nodelay = this.moments.getByRole('switch', { name: 'TCP_NODELAY' });
    this.chart = page.getByRole('img', { name: /^Round-trip times/ });
  }

  async open(): Promise<void> {
    await this.openTab('Lifecycle');
  }

  async press(moment: string): Promise<void> {
    await this.moments.getByRole('button', { name: moment, exact: true }).click();
  }
}
