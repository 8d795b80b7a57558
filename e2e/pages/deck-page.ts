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

  /** Opens an exercise's run step and sets it up with Enter, as a presenter would. */
  async runExercise(url: string, exercise: string): Promise<void> {
    await this.gotoDeck(url, `#/deck/${exercise}/4`);
    await this.expectStep(4, 'run');
    await this.page.keyboard.press('Enter');
  }

  /** The header's count of recorded events (the timeline is virtualized, so cards are not counted). */
  async recorded(): Promise<number> {
    return Number((await this.page.getByLabel('events recorded').textContent())!.replace(/\D/g, ''));
  }

  /**
   * Presses → until `done`, checking each press lets a call run; returns the presses. A step can
   * add more than one event: the length-prefix server records the frame it found with the recv.
   */
  async stepUntil(done: () => Promise<boolean>, max = 40): Promise<number> {
    let presses = 0;
    while (!(await done())) {
      if (presses === max) throw new Error(`not done after ${max} steps`);
      // A call is held (each says what it waits for), not just settling after the last step.
      await expect(this.held).toContainText('waiting —');
      const before = await this.recorded();
      await this.page.keyboard.press('ArrowRight');
      await expect.poll(() => this.recorded()).toBeGreaterThan(before);
      presses++;
    }
    return presses;
  }

  /** The lab's controls, folded in the deck: opens them (a click on their bar). */
  async openLabControls(lab: string): Promise<void> {
    await this.page.getByText(`${lab} controls`, { exact: true }).click();
    await expect(this.page.getByRole('region', { name: `${lab} controls` })).toBeVisible();
  }

  async expectStep(n: number, name: string): Promise<void> {
    await expect(this.step).toHaveText(new RegExp(`^Step ${n} of 4: ${name}$`));
  }
}
