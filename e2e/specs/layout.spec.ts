// The projector's first rule: the lanes get most of the screen. At 1280×720, on every lab page and
// every deck run step, in each theme, the lanes' box is at least 60% of the viewport's height
// (controls, panels and the selected event's bytes go beside the lanes or fold, never above them).
// The header's tabs are not cut either, and no text is: a card's, a diagram node's, a lane head's,
// an error's or a heading's content never overflows its box (scrollWidth > clientWidth).
import { LabPage } from '../pages/lab-page.ts';
import { TcpEchoPage } from '../pages/tcp-echo-page.ts';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';

const LABS = ['tcp-echo', 'length-prefix', 'udp-echo', 'add-one', 'programs', 'lifecycle', 'servers', 'chat', 'http'];
const HEIGHT = 720;

test.use({ viewport: { width: 1280, height: HEIGHT } });

/** The lanes: their heads (each lane's title and the kernel's state now) and the calls under them. */
/** Text boxes whose content is wider than the box (cut or spilling), as `class: text`. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const cut: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) cut.push(`${el.className}: ${(el.textContent ?? '').slice(0, 80)}`);
    }
    return cut;
  }, TEXT);
}

const TEXT = ['.deck-code pre', '.deck-options li', '.deck-why', '.card-head', '.py-code', '.py-result', '.frame-line', '.hex-row', '.seq-code', '.seq-result', '.lane-head', '.kernel-now', '[role="alert"]', 'h1', 'h2', 'h3'].join(', ');

/** The header's tabs are not cut, and its state (theme, counters, the bridge's status) is on screen, not pushed past its edge. */
async function expectHeaderWhole(page: Page): Promise<void> {
  const tabs = page.getByRole('navigation', { name: 'Labs' });
  expect(await tabs.evaluate((el) => el.scrollWidth <= el.clientWidth), 'tabs not cut').toBe(true);
  const banner = page.getByRole('banner');
  const parts = { theme: banner.getByLabel('Theme'), recorded: banner.getByLabel('events recorded'), dropped: banner.getByLabel('events dropped'), status: banner.getByRole('status') };
  for (const [name, part] of Object.entries(parts)) {
    const box = await part.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 1280, `the header's ${name} within 1280 px`).toBe(true);
  }
}

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
      expect(await overflowing(page), `${at}: text cut`).toEqual([]);
    }
    // Every exercise's read, predict and reveal steps too (the struct one's included): its code,
    // question and answer are not cut either.
    const ids = links.map((h) => /^#\/deck\/([\w-]+)\/1$/.exec(h)?.[1]).filter((id): id is string => !!id);
    for (const id of ids) {
      for (const step of [1, 2, 3]) {
        await page.goto(`${base}#/deck/${id}/${step}`);
        await expect(page).toHaveTitle(new RegExp(`\\(step ${step} of`));
        expect(await overflowing(page), `deck/${id}/${step}: text cut`).toEqual([]);
      }
    }
    await expectHeaderWhole(page);
  });
}

for (const theme of ['light', 'dark', 'projector']) {
  test(`${theme}: with TCP echo's server started and a client connected, the lanes still take 60%`, async ({ page, bridge }) => {
    // The controls' notes grow once sockets exist (the client's ports): they must not take a row of their own.
    const lab = new TcpEchoPage(page);
    await lab.goto(`${bridge.url.replace(/\/?$/, '/')}?theme=${theme}#/tcp-echo`);
    await lab.startServer('0');
    await lab.connect();
    await expect.poll(() => lanesShare(lab), { message: "the lanes' share of the height" }).toBeGreaterThanOrEqual(0.6);
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

for (const theme of ['light', 'dark', 'projector']) {
  test(`${theme}: a long message, a recv(4) and the selected event: no card, node, head or error text is cut, in cards and in the diagram`, async ({ page, bridge }) => {
    const lab = new TcpEchoPage(page);
    await lab.goto(`${bridge.url.replace(/\/?$/, '/')}?theme=${theme}#/tcp-echo`);
    await lab.startServer('0');
    await lab.connect();
    await lab.setBufsize(4);
    await lab.send('Hello World');
    await lab.waitForRecv('Client', 'ld');
    // The long one last, so the diagram (which follows the newest calls) shows it too.
    await lab.setBufsize(1024);
    await lab.send('The quick brown fox jumps over the lazy dog, and then over the sleeping cat, twice!');
    // The client's recv(4) already waiting takes 'The '; the rest comes to recv(1024).
    await lab.waitForRecv('Client', 'quick brown');
    await lab.log.getByRole('article').filter({ hasText: 'quick brown' }).first().click();
    await expect(page.getByRole('complementary', { name: /^Event \d+ details$/ })).toBeVisible();
    expect(await overflowing(page), 'cards').toEqual([]);
    await page.getByRole('group', { name: 'Show the calls as' }).getByRole('button', { name: 'Diagram' }).click();
    await expect(page.getByRole('button', { name: /^event \d+: .*quick brown/ }).first()).toBeVisible();
    expect(await overflowing(page), 'diagram').toEqual([]);
    // Nothing overlaps: no arrow label over another label or over a node.
    const overlaps = await page.evaluate(() => {
      const boxes = (sel: string) => Array.from(document.querySelectorAll(sel)).map((el) => ({ el: el.textContent ?? '', r: el.getBoundingClientRect() }));
      const labels = boxes('.diagram-lines text');
      const nodes = boxes('.seq-node');
      const meet = (a: DOMRect, b: DOMRect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
      const found: string[] = [];
      labels.forEach((l, i) => {
        for (const o of labels.slice(i + 1)) if (meet(l.r, o.r)) found.push(`${l.el} / ${o.el}`);
        for (const n of nodes) if (meet(l.r, n.r)) found.push(`${l.el} / node ${n.el.slice(0, 30)}`);
      });
      return { found, labels: labels.length };
    });
    expect(overlaps.labels).toBeGreaterThan(0);
    expect(overlaps.found).toEqual([]);
  });
}

for (const theme of ['light', 'dark', 'projector']) {
  test(`${theme}: with tens of thousands of events counted, the header's tabs and state are whole (the projector's header still one row)`, async ({ page, bridge }) => {
    test.setTimeout(120_000);
    const lab = new TcpEchoPage(page);
    await lab.goto(`${bridge.url.replace(/\/?$/, '/')}?theme=${theme}#/tcp-echo`);
    await lab.startServer('0');
    await lab.setBufsize(1);
    await lab.connect();
    const banner = page.getByRole('banner');
    const height = (await banner.boundingBox())!.height;
    // 4,000 bytes at recv(1): a server recv, a sendall and a client recv per byte, 12,000 calls.
    await lab.send('x'.repeat(4_000));
    await lab.waitForEventCount(12_000, 60_000);
    await expectHeaderWhole(page);
    await expect(page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: 'Lecture deck' })).toBeInViewport({ ratio: 1 });
    // The projector's header does not grow a row at this count (a million events wrap it to two, never cut it).
    if (theme === 'projector') {
      expect((await banner.boundingBox())!.height).toBe(height);
      expect(await lanesShare(lab)).toBeGreaterThanOrEqual(0.6);
    }
  });
}
