// Page object for the lecture deck: the slide, its step, and the live lab beside it.
import { expect, type Locator, type Page } from '@playwright/test';
import { LabPage } from './lab-page.ts';

export class DeckPage extends LabPage {
  readonly slide: Locator;
  readonly step: Locator;
  readonly answer: Locator;
  readonly held: Locator;

  constructor(page: Page) {
    super(page);
    this.slide = page.getByRole('article', { name: 'Exercise' });
    this.step = this.slide.getByRole('navigation', { name: 'Deck' }).getByText(/^Step \d of \d/);
    this.answer = this.slide.getByRole('status', { name: 'Answer' });
    this.held = page.getByRole('group', { name: 'Stepping' }).getByRole('status', { name: 'Held calls' });
  }

  /** Opens the page at a deck address such as `#/deck/tcp-echo/1`. */
  async gotoDeck(url: string, at: string): Promise<void> {
    await this.goto(`${url.replace(/#.*$/, '')}${at}`);
    await expect(this.slide).toBeVisible();
  }

  async expectStep(n: number, name: string): Promise<void> {
    await expect(this.step).toHaveText(new RegExp(`^Step ${n} of 4: ${name}$`));
  }
}
