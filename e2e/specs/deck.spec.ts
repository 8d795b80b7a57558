// The lecture deck, driven with the keyboard only, as a lecturer with a clicker would.
import { DeckPage } from '../pages/deck-page.ts';
import { expect, test } from '../fixtures.ts';

test('steps through the TCP echo exercise with the keyboard only, and a reload lands on the same step', async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.gotoDeck(bridge.url, '#/deck/tcp-echo/1');
  await deck.expectStep(1, 'read');
  await expect(deck.slide.getByRole('figure')).toContainText('while data := sc.recv(BUF_SIZE):');

  await page.keyboard.press('ArrowRight');
  await deck.expectStep(2, 'predict');
  await expect(page).toHaveURL(/#\/deck\/tcp-echo\/2$/);
  await expect(deck.answer).toHaveCount(0);

  // Reload mid-exercise: the same step, from the URL.
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'bridge connected' })).toBeVisible();
  await deck.expectStep(2, 'predict');

  await page.keyboard.press('PageDown');
  await deck.expectStep(3, 'reveal');
  await expect(deck.slide.getByRole('listitem', { name: '3 (the answer)' })).toBeVisible();
  await expect(deck.answer).toContainText("b'Hell', b'o Wo', b'rld'");

  await page.keyboard.press('ArrowRight');
  await deck.expectStep(4, 'run');
  // The set-up button has the focus: Enter runs it.
  await page.keyboard.press('Enter');
  await expect(deck.held).toHaveText('client-1: sendall(11 bytes) waiting — nothing written yet');

  // A quick double press right after a step stays on the slide, even if the next call is not held yet.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(deck.held).toContainText('waiting —');
  await expect(page).toHaveURL(/#\/deck\/tcp-echo\/4$/);

  // Now → steps the sockets, one call per press, until the echo is back.
  const clientRecvs = deck.cards('Client', 'sock.recv(4)');
  await deck.stepUntil(async () => (await clientRecvs.filter({ hasText: "b'rld'" }).count()) > 0);
  await expect(clientRecvs.filter({ hasText: "b'rld'" })).toHaveCount(1);
  // Cards scroll out of the virtualized DOM, so look for the first read as a user would: scroll back.
  await expect(await deck.scrollToCard('Server', 'data = sc.recv(4)', "b'Hell'")).toBeVisible();
  await deck.expectStep(4, 'run');

  // With nothing held, → goes on to the next exercise.
  await expect(deck.held).toHaveText('nothing waiting');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#\/deck\/length-prefix\/1$/);
  await page.keyboard.press('PageUp');
  await expect(page).toHaveURL(/#\/deck\/tcp-echo\/4$/);
});

test('a Lifecycle exercise with the keyboard only: predict, reveal, then Enter runs the real programs', async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.gotoDeck(bridge.url, '#/deck/handshake/1');
  await deck.expectStep(1, 'read');
  await expect(deck.slide.getByRole('figure')).toContainText('sock.listen(1)');
  await page.keyboard.press('ArrowRight');
  await deck.expectStep(2, 'predict');
  await expect(deck.answer).toHaveCount(0);
  await page.keyboard.press('PageDown');
  await deck.expectStep(3, 'reveal');
  await expect(deck.slide.getByRole('listitem', { name: 'Yes: the kernel completes the handshake on its own (the answer)' })).toBeVisible();
  await expect(deck.answer).toContainText('puts the finished connection in the accept queue');
  await page.keyboard.press('ArrowRight');
  await deck.expectStep(4, 'run');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('note', { name: /^What happened, under event \d+$/ })).toContainText('before the server called accept()', { timeout: 30_000 });
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/#\/deck\/handshake\/3$/);
});

test('after choosing a theme with the keyboard, → still moves the deck while the select has the focus', async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.gotoDeck(bridge.url, '#/deck/tcp-echo/1');
  // With the keyboard, as a lecturer would: focus the select, ↓ picks the next theme.
  await page.getByRole('combobox', { name: 'Theme' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#\/deck\/tcp-echo\/2$/);
  await deck.expectStep(2, 'predict');
});

test('in the deck, a replay opened beside the live session has its own scrub position, and live comes back live', async ({ tcpEcho, page }, testInfo) => {
  await tcpEcho.startServer();
  await tcpEcho.connect();
  await tcpEcho.send('Hello World');
  await tcpEcho.waitForRecv('Client', 'Hello World');
  const download = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Trace' }).getByRole('button', { name: 'Save trace' }).click();
  const file = testInfo.outputPath('echo.json');
  await (await download).saveAs(file);

  const deck = new DeckPage(page);
  await deck.gotoDeck(page.url(), '#/deck/tcp-echo/4');
  const shown = page.getByRole('group', { name: 'Scrub' }).getByRole('status', { name: 'Moment shown' });
  await expect(shown).toContainText('live ·');
  // Scrubbed back to the first call of the live session, then a trace opened.
  await page.getByRole('group', { name: 'Scrub' }).getByRole('slider', { name: 'Moment' }).focus();
  await page.keyboard.press('Home');
  await expect(shown).toHaveText(/^#0 · event 1 of/);
  await page.getByLabel('Trace file').setInputFiles(file);
  await expect(page.getByRole('banner').getByRole('group', { name: 'Session shown' }).getByRole('button', { name: 'Replay', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(shown).toHaveText(/^end of the replay · \d+ events$/);
  await page.getByRole('banner').getByRole('group', { name: 'Session shown' }).getByRole('button', { name: /^Live · / }).click();
  await expect(shown).toContainText('live ·');
  await deck.expectStep(4, 'run');
});

test.describe('at 1280×720 in the projector theme', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('each step brings its own block into view: the question on predict, the answer on reveal, for every exercise', async ({ page, bridge }) => {
    test.setTimeout(120_000);
    const deck = new DeckPage(page);
    const base = `${bridge.url.replace(/\/?$/, '/')}?theme=projector`;
    await deck.goto(`${base}#/deck`);
    const links = await page.getByRole('list', { name: 'Exercises' }).getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const ids = links.map((h) => /^#\/deck\/([\w-]+)\/1$/.exec(h)?.[1]).filter((id): id is string => !!id);
    expect(ids.length).toBeGreaterThanOrEqual(10);
    /** Whether `block` lies wholly inside the slide's visible part. */
    const shown = async (block: ReturnType<typeof page.getByRole>) => {
      const [b, s] = await Promise.all([block.boundingBox(), deck.slide.boundingBox()]);
      return !!b && !!s && b.y >= s.y - 1 && b.y + Math.min(b.height, s.height) <= s.y + s.height + 1;
    };
    for (const id of ids) {
      await page.goto(`${base}#/deck/${id}/2`);
      await deck.expectStep(2, 'predict');
      await expect.poll(() => shown(deck.slide.getByRole('region', { name: 'Predict' })), { message: `${id}: the question in view` }).toBe(true);
      await page.goto(`${base}#/deck/${id}/3`);
      await deck.expectStep(3, 'reveal');
      await expect.poll(() => shown(deck.answer), { message: `${id}: the answer in view` }).toBe(true);
    }
  });

  test('the struct exercise\'s workbench, which shows the answer, stays closed until Reveal', async ({ page, bridge }) => {
    const deck = new DeckPage(page);
    await deck.gotoDeck(`${bridge.url.replace(/\/?$/, '/')}?theme=projector`, '#/deck/struct/2');
    await expect(page.getByRole('note', { name: 'Lab hidden until Reveal' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Packed fields' })).toHaveCount(0);
    await page.getByRole('heading', { level: 2 }).click();
    await page.keyboard.press('ArrowRight');
    await deck.expectStep(3, 'reveal');
    await expect(page.getByRole('list', { name: 'Packed fields' })).toBeVisible();
    await expect(page.getByRole('note', { name: 'Lab hidden until Reveal' })).toHaveCount(0);
  });
});
