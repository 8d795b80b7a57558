// The sequence diagram as a screen reader finds it: nodes are buttons named by their call, arrows
// images named by the bytes they carry and the two events they join.
import { expect, type Locator, type Page } from '@playwright/test';
import { escapeRegExp } from './lab-page.ts';

export interface DrawnArrow {
  label: string;
  from: number;
  to: number;
}

export class DiagramView {
  readonly log: Locator;
  readonly held: Locator;

  constructor(readonly page: Page) {
    this.log = page.getByRole('log', { name: 'Socket calls as a sequence diagram' });
    this.held = page.getByRole('group', { name: 'Held calls in their lanes' });
  }

  async show(): Promise<void> {
    const diagram = this.page.getByRole('group', { name: 'Show the calls as' }).getByRole('button', { name: 'Diagram' });
    await diagram.click();
    await expect(diagram).toHaveAttribute('aria-pressed', 'true');
    await expect(this.log).toBeVisible();
  }

  /** The nodes whose Python line matches `code`. */
  nodes(code: string | RegExp): Locator {
    return this.log.getByRole('button', { name: new RegExp(`^event \\d+: ${typeof code === 'string' ? escapeRegExp(code) : code.source}`) });
  }

  /** Each node's event number, in order. */
  async seqs(nodes: Locator): Promise<number[]> {
    const names = await nodes.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    return names.map((n) => Number(/^event (\d+):/.exec(n)![1]));
  }

  /** The arrows drawn now, optionally only those leaving or reaching an event. */
  async arrows(which: { from?: number; to?: number } = {}): Promise<DrawnArrow[]> {
    const names = await this.log.getByRole('img').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    return names
      .map((n) => /^(.*), from event (\d+) to event (\d+)$/.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ label: m[1]!, from: Number(m[2]), to: Number(m[3]) }))
      .filter((a) => (which.from === undefined || a.from === which.from) && (which.to === undefined || a.to === which.to))
      .sort((a, b) => a.to - b.to || a.from - b.from);
  }

  /** The ghost card of a call held in step mode, by the words it waits with. */
  ghost(text: string | RegExp): Locator {
    return this.held.getByLabel(typeof text === 'string' ? new RegExp(escapeRegExp(text)) : text);
  }
}
