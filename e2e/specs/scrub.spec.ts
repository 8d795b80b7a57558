// Scrubbing the session: the timeline ends at the chosen event, with the lanes of that moment.
import net from 'node:net';
import { expect, test } from '../fixtures.ts';
import type { TcpEchoPage } from '../pages/tcp-echo-page.ts';

/** An outside client echoed at recv(1): 40 recv and 40 sendall, far more cards than the lanes show at once. */
async function manyCards(tcpEcho: TcpEchoPage): Promise<net.Socket> {
  const port = await tcpEcho.startServer();
  await tcpEcho.setBufsize(1);
  const nc = net.connect(port, '127.0.0.1');
  nc.on('data', () => {});
  await new Promise((r) => nc.once('connect', r));
  nc.write('a'.repeat(40));
  await tcpEcho.waitForEventCount(3 + 80);
  return nc;
}

test('scrubbing back hides a later connection\'s lane and shows the event there; live brings all back', async ({ tcpEcho, page }) => {
  const port = await tcpEcho.startServer();
  const nc = net.connect(port, '127.0.0.1');
  await new Promise((r) => nc.once('connect', r));
  nc.write('from nc\n');
  const recv = tcpEcho.cards('Connection peer-1', 'data = sc.recv(1024)');
  await expect(recv).toContainText("b'from nc\\n'");

  const scrub = page.getByRole('group', { name: 'Scrub' });
  const slider = scrub.getByRole('slider', { name: 'Moment' });
  const shown = scrub.getByRole('status', { name: 'Moment shown' });
  await expect(shown).toContainText('live ·');
  await slider.focus();
  await page.keyboard.press('Home');
  // The first event: the server's bind. The outside connection's lane did not exist yet.
  await expect(shown).toHaveText(/^#0 · event 1 of \d+: server-1 bind$/);
  await expect(tcpEcho.laneHeader('Connection peer-1')).toHaveCount(0);
  await expect(tcpEcho.log.getByRole('article')).toHaveCount(1);
  await expect(page.getByRole('complementary', { name: /^Event \d+ details$/ })).toContainText('sock.bind((');

  // bind, listen, then the accept that opened the lane.
  await page.keyboard.press('ArrowRight');
  await expect(shown).toHaveText(/^#1 · event 2 of \d+: server-1 listen$/);
  await expect(tcpEcho.laneHeader('Connection peer-1')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(shown).toHaveText(/^#2 · event 3 of \d+: peer-1 accept$/);
  await expect(tcpEcho.laneHeader('Connection peer-1')).toBeVisible();
  await expect(tcpEcho.log.getByRole('article')).toHaveCount(3);

  await scrub.getByRole('button', { name: 'Back to live' }).click();
  await expect(shown).toContainText('live ·');
  await expect(recv).toBeVisible();
  nc.destroy();
});

test('back to live from a moment far back: the timeline follows new events again', async ({ tcpEcho, page }) => {
  const nc = await manyCards(tcpEcho);
  const scrub = page.getByRole('group', { name: 'Scrub' });
  await scrub.getByRole('slider', { name: 'Moment' }).focus();
  await page.keyboard.press('Home');
  await expect(scrub.getByRole('status', { name: 'Moment shown' })).toHaveText(/^#0 · event 1 of/);
  await scrub.getByRole('button', { name: 'Back to live' }).click();
  nc.write('Z');
  const last = tcpEcho.cards('Connection peer-1', 'data = sc.recv(1)').filter({ hasText: "b'Z'" });
  await expect(last).toBeInViewport();
  nc.destroy();
});

test('following the live end: the last card stays whole in view when the lanes shrink (an event\'s details open below)', async ({ tcpEcho, page }) => {
  const nc = await manyCards(tcpEcho);
  const last = tcpEcho.log.getByRole('article').filter({ hasText: 'sc.sendall(' }).last();
  await expect(last).toBeInViewport({ ratio: 1 });
  await last.click();
  await expect(page.getByRole('complementary', { name: /^Event \d+ details$/ })).toBeVisible();
  await expect(last).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: '↓ Follow live' })).toHaveCount(0);
  nc.destroy();
});
