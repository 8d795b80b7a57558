// The projector's first rule: the lanes get most of the screen. At 1280×720, on every lab page and
// every deck run step, in each theme, the lanes' box is at least 60% of the viewport's height
// (controls, panels and the selected event's bytes go beside the lanes or fold, never above them).
// The header's tabs are not cut either.
import { LabPage } from '../pages/lab-page.ts';
import { TcpEchoPage } from '../pages/tcp-echo-page.ts';
import { expect, test } from '../fixtures.ts';

const LABS = ['tcp-echo', 'length-prefix', 'udp-echo', 'add-one', 'programs', 'lifecycle', 'servers', 'chat', 'http'];
const HEIGHT = 720;

test.use({ viewport: { width: 1280, height: HEIGHT } });

/** The lanes: their heads (each lane's title and the kernel's state now) and the calls under them. */
async function lanesShare(lab: LabPage): Promise<number> {
  const box = await lab.page.getByRole('region', { name: 'Timeline' }).boundingBox();
  return (box?.height ?? 0) / HEIGHT;
}

for (const theme of ['light', 'dark', 'projector']) {
  test(`${theme}: the lanes take at least 60% of 1280×720 on every lab page and deck run step`, async ({ page, bridge }) => {
    test.setTimeout(120_000);
    const lab = new LabPage(page);
    const base = `${bridge.url.replace(/\/?$/, '/')}?theme=${theme}`;
    // The deck's exercises as its index lists them; the struct one runs the bytes workbench, which has no lanes.
    await lab.goto(`${base}#/deck`);
    const exercises = page.getByRole('list', { name: 'Exercises' }).getByRole('link');
    await expect(exercises.first()).toBeVisible();
    const links = await exercises.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const socketLabs = links.map((h) => /^#\/deck\/([\w-]+)\/1$/.exec(h)?.[1]).filter((id): id is string => !!id && id !== 'struct').map((id) => `deck/${id}/4`);
    // A guard that the index was read, not a count to keep up to date.
    expect(socketLabs.length).toBeGreaterThanOrEqual(10);
    for (const at of [...LABS, ...socketLabs]) {
      await page.goto(`${base}#/${at}`);
      await expect(lab.log, at).toBeVisible();
      await expect.poll(() => lanesShare(lab), { message: `${at}: the lanes' share of the height` }).toBeGreaterThanOrEqual(0.6);
    }
    const tabs = page.getByRole('navigation', { name: 'Labs' });
    expect(await tabs.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  });
}

test('projector: with an echo done and an event selected, its bytes open beside the lanes, not over them', async ({ page, bridge }) => {
  const lab = new TcpEchoPage(page);
  await lab.goto(`${bridge.url.replace(/\/?$/, '/')}?theme=projector#/tcp-echo`);
  await lab.startServer('0');
  await lab.connect();
  await lab.send('Hello World');
  await lab.waitForRecv('Client', 'Hello World');
  await lab.log.getByRole('article').first().click();
  await expect(page.getByRole('complementary', { name: /^Event \d+ details$/ })).toBeVisible();
  expect(await lanesShare(lab)).toBeGreaterThanOrEqual(0.6);
});
