// Page object for the Programs tab: pick a program, give it arguments, Run, Stop, read the console.
import type { Locator, Page } from '@playwright/test';
import { escapeRegExp, LabPage } from './lab-page.ts';

export class ProgramsPage extends LabPage {
  readonly form: Locator;
  readonly runs: Locator;
  readonly console: Locator;

  constructor(page: Page) {
    super(page);
    this.form = page.getByRole('form', { name: 'Run a program' });
    this.runs = page.getByRole('list', { name: 'Runs' });
    this.console = page.getByRole('log', { name: 'Program output' });
  }

  async open(): Promise<void> {
    await this.openTab('Programs');
  }

  /** Runs a listed program with `args` typed as a shell would (the seed's, if not given). */
  async run(program: string, args?: string): Promise<void> {
    await this.form.getByRole('combobox', { name: 'Program' }).selectOption({ label: program });
    if (args !== undefined) await this.form.getByRole('textbox', { name: 'Arguments' }).fill(args);
    await this.form.getByRole('button', { name: 'Run' }).click();
  }

  /** Cards in any program's lane (`pid 4242 · MainThread`) whose line is `code`, as the program wrote it. */
  programCards(code: string): Locator {
    return this.log.getByRole('article', { name: new RegExp(`^pid \\d+ \u00b7 \\S+ lane, event \\d+: ${escapeRegExp(code)}$`) });
  }


  /** The run of `program` in the runs list. */
  run_(program: string): Locator {
    return this.runs.getByRole('listitem').filter({ hasText: `python3 ${program}` });
  }
}
