// The timeline stays virtualized: 100,000+ real events, a bounded DOM, and scrolling that works.
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
  // Jump to the middle: the cards there are rendered, numbered from the middle of the session.
  await tcpEcho.log.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(cards.first()).toHaveAccessibleName(/event (4|5|6)\d{4}:/);
  expect(await cards.count()).toBeLessThan(80);
});
