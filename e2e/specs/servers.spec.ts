// The Server styles tab in Chromium: the forking server's zombies as /proc shows them, and the
// comparison of all four styles with the same three clients.
import { ServersPage } from '../pages/servers-page.ts';
import { expect, test } from '../fixtures.ts';

test('Forking: a lane per process, and each exited child a zombie in /proc; Compare all four fills the table', async ({ page, bridge }) => {
  test.setTimeout(120_000);
  const lab = new ServersPage(page);
  await lab.goto(bridge.url);
  await lab.open();
  await lab.press('Forking');
  // Real Python programs, three clients at once, each reply after a second of work.
  await expect(lab.run).toContainText('all three answered', { timeout: 30_000 });
  await expect(lab.children.getByRole('listitem').filter({ hasText: 'a zombie' })).toHaveCount(3, { timeout: 15_000 });
  // A lane head per process: the parent and its three children.
  await expect(page.getByRole('heading', { name: /^pid \d+ · MainThread lane$/ })).toHaveCount(7);

  await lab.styles.getByRole('button', { name: 'Compare all four' }).click();
  await expect(lab.comparison.getByRole('row')).toHaveCount(5, { timeout: 90_000 });
  for (const style of ['Iterative', 'Forking', 'Threaded', 'select']) {
    await expect(lab.comparison.getByRole('row', { name: new RegExp(`^${style} `) })).toContainText(/\d ms/);
  }
});
