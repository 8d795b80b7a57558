// The timeline stays virtualized: 100,000+ real events, a bounded DOM, and scrolling that works.
import net from 'node:net';
import { expect, test } from '../fixtures.ts';

test('100,000 real events scroll with only a screenful of cards in the DOM', async ({ tcpEcho }) => {
  // 100,000 events through a real bridge and page take 10–40 s on a busy 2-core machine.
  test.setTimeout(180_000);
  await tcpEcho.startServer();
  await tcpEcho.setBufsize(1);
  await tcpEcho.connect();
  // 34,000 bytes at recv(1): one server recv, one sendall and one client recv per byte.
  await tcpEcho.send('x'.repeat(34_000));
  await tcpEcho.waitForEventCount(100_000, 150_000);
  await expect(tcpEcho.page.getByLabel('events dropped')).toHaveText('0 dropped');

  const cards = tcpEcho.log.getByRole('article');
  expect(await cards.count()).toBeLessThan(80);
  // 100,000 cards are taller than a browser draws a box (Chromium: 33.5 million px, a few hundred
  // thousand cards): the scroll box keeps 8 million px and each scrolled pixel stands for more.
  expect(await tcpEcho.log.evaluate((el) => el.scrollHeight)).toBe(8_000_000);
  // At the live end, the newest call is drawn, on screen (events are numbered from 0).
  const recorded = Number(((await tcpEcho.page.getByLabel('events recorded').textContent()) ?? '').replace(/\D/g, ''));
  const last = tcpEcho.log.getByRole('article', { name: new RegExp(`event ${recorded - 1}:`) });
  await expect(last).toBeInViewport();
  // Jump to the middle: the cards there are rendered, numbered from the middle of the session.
  await tcpEcho.log.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(cards.first()).toHaveAccessibleName(/event (4|5|6)\d{4}:/);
  expect(await cards.count()).toBeLessThan(80);
  // Drawn where the view is (the rows above it are the overscan), each card showing its own call
  // (a jump past every row drawn before gives the new rows the old ones' elements).
  const shown = () =>
    tcpEcho.log.evaluate((el) => {
      const view = el.getBoundingClientRect();
      return Array.from(el.querySelectorAll('article'))
        .filter((a) => a.getBoundingClientRect().bottom > view.top && a.getBoundingClientRect().top < view.bottom)
        .map((a) => `${a.getAttribute('aria-label')} | ${/#\d+/.exec(a.textContent ?? '')?.[0]}`);
    });
  await expect.poll(shown).toEqual(expect.arrayContaining([expect.stringMatching(/event (4|5|6)\d{4}:/)]));
  for (const card of await shown()) expect(card).toMatch(/event (\d+):.* \| #\1$/);
  // A wheel turn up from there (a scaled scroll jumps rows): the cards are still each their own.
  await tcpEcho.log.hover();
  await tcpEcho.page.mouse.wheel(0, -300);
  await expect.poll(async () => (await shown()).length).toBeGreaterThan(0);
  for (const card of await shown()) expect(card).toMatch(/event (\d+):.* \| #\1$/);
  // And the top: the first calls, on screen.
  await tcpEcho.log.evaluate((el) => (el.scrollTop = 0));
  await expect(tcpEcho.log.getByRole('article', { name: /event 0:/ })).toBeInViewport();
});

test('calls streaming in faster than frames: the live end shows the newest calls, in order, frame after frame', async ({ tcpEcho }) => {
  // While rows stream in, the cards on screen keep their elements and take each frame's new rows
  // (Timeline's busy mode): every card must still show its own call, and in the order of the calls.
  test.setTimeout(120_000);
  const port = await tcpEcho.startServer();
  const peer = net.connect(port, '127.0.0.1');
  peer.setNoDelay(true);
  peer.on('data', () => {});
  await new Promise((r) => peer.once('connect', r));
  // What the cards on screen say, top to bottom by where they are drawn; sampled every frame.
  await tcpEcho.page.evaluate(`(() => {
    const samples = (window.samples = []);
    const sample = () => {
      const cards = [...document.querySelectorAll('[role=log] article')].map((a) => ({ y: a.getBoundingClientRect().top, label: a.getAttribute('aria-label'), text: a.textContent }));
      samples.push(cards.sort((a, b) => a.y - b.y));
      if (samples.length < 2000) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  })()`);
  const total = 600;
  for (let n = 0; n < total; n++) {
    peer.write(`msg${String(n).padStart(6, '0')}`);
    // Each message its own recv: one every 2 ms, as fast as the bench's 1,000 events a second.
    await new Promise((r) => setTimeout(r, 2));
  }
  // The stream's last call is the server's close after the peer's FIN (a busy machine may read the
  // last messages together in one recv, so no message marks the end): it is drawn at the live end.
  peer.end();
  await expect(tcpEcho.cards('Connection peer-1', 'sc.close()')).toBeVisible();
  const samples: Array<Array<{ label: string; text: string }>> = await tcpEcho.page.evaluate('window.samples.splice(0)');
  // Frames drawn while calls were still streaming in: they show messages, and their newest card is not the session's last.
  const newestOf = (cards: Array<{ label: string }>) => Math.max(-1, ...cards.map((c) => Number(/event (\d+):/.exec(c.label)![1])));
  const last = Math.max(...samples.map(newestOf));
  let midStream = 0;
  for (const cards of samples) {
    const seqs = cards.map((c) => Number(/event (\d+):/.exec(c.label)![1]));
    // Drawn in the order of the calls.
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const c of cards) {
      // A card's text is its own call's: the number in its name and the message in its bytes agree
      // with each other (a recv and its echo's sendall carry the same message).
      expect(c.text).toContain(`#${/event (\d+):/.exec(c.label)![1]}`);
      const code = /: (.*)$/.exec(c.label)![1]!;
      const msg = /msg\d{6}/.exec(code);
      if (msg) expect(c.text).toContain(msg[0]);
    }
    if (cards.some((c) => /msg\d{6}/.test(c.label)) && newestOf(cards) < last) midStream++;
  }
  // The cards were checked in many frames drawn mid-stream (about 70 at 60 frames a second; a busy
  // machine draws fewer, and a page that only drew the end would have none).
  expect(midStream).toBeGreaterThan(5);
});
