// The Lifecycle tab in Chromium: each press runs real Python programs; the lanes show their calls,
// the line below says what happened, and the lane heads the kernel's states as they last.
import { LifecyclePage } from '../pages/lifecycle-page.ts';
import { expect, test } from '../fixtures.ts';

test('Reset: the client\'s recv raises ConnectionResetError; Forgot close(): the server sits in CLOSE_WAIT, counted', async ({ page, bridge }) => {
  // Real Python programs, started and traced: on a loaded machine that takes a while.
  test.setTimeout(120_000);
  const lab = new LifecyclePage(page);
  await lab.goto(bridge.url);
  await lab.open();
  await lab.press('Reset');
  // Each moment starts real Python programs: on a loaded machine that takes a while.
  await expect(lab.happened).toContainText('closed with 6 still unread: the kernel sent RST, not FIN', { timeout: 30_000 });
  await expect(lab.happened).toContainText('ConnectionResetError: [Errno 104] Connection reset by peer');
  // The client's failing recv is a few events from the live end, which the lanes follow: it is drawn there.
  const recv = lab.log.getByRole('article', { name: /lane, event \d+: while reply := sock\.recv\(BUF_SIZE\):$/ }).filter({ hasText: 'ConnectionResetError' }).first();
  await expect(recv).toContainText('hello_client.py:');

  await lab.press('Forgot close()');
  await expect(lab.happened).toContainText('never called sc.close(): its socket stays in CLOSE_WAIT', { timeout: 30_000 });
  // The server's lane head: its connection in CLOSE_WAIT, and for how long (the bridge reads /proc 4 times a second).
  await expect(lab.kernelNow(/^pid \d+ · MainThread lane$/).filter({ hasText: 'CLOSE_WAIT' })).toContainText(/CLOSE_WAIT for [1-9]\d* s/, { timeout: 15_000 });
});

test('Handshake: connect() returns before accept(), said under the accept that took it; Backlog: the third client waits in SYN_SENT, in its own lane', async ({ page, bridge }) => {
  // Two moments of real Python programs: on a loaded machine each takes a while.
  test.setTimeout(150_000);
  const lab = new LifecyclePage(page);
  await lab.goto(bridge.url);
  await lab.open();
  await lab.press('Handshake');
  await expect(lab.note).toContainText('connect() returned (the client ESTABLISHED) before the server called accept()', { timeout: 30_000 });
  // The note sits in the row of the accept event: that card is just above it.
  const seq = Number((await lab.note.getAttribute('aria-label'))!.match(/\d+$/)![0]);
  await expect(lab.log.getByRole('article', { name: new RegExp(`lane, event ${seq}: sc, addr = sock\\.accept\\(\\)$`) })).toBeVisible();

  await lab.press('Backlog');
  // C's connect() has not returned, so it has no event yet beyond socket(): its lane head shows the kernel's SYN_SENT.
  await expect(page.getByRole('note', { name: 'In the kernel now' }).filter({ hasText: 'SYN_SENT' }).first()).toBeVisible({ timeout: 60_000 });
  await expect(lab.happened).toContainText('waited in SYN_SENT', { timeout: 60_000 });
});

test('Nagle: the chart plots the round trips as the client times them; the TCP_NODELAY switch sets it on the real socket; Stop ends it', async ({ page, bridge }) => {
  const lab = new LifecyclePage(page);
  await lab.goto(bridge.url);
  await lab.open();
  await lab.press('Nagle');
  await expect(lab.chart).toHaveAccessibleName(/Nagle on, median [\d.]+ ms over ([3-9]|\d\d+) round trips; TCP_NODELAY, median not measured/, { timeout: 60_000 });
  await expect(lab.nodelay).not.toBeChecked();
  // The switch follows the socket: it turns on once the client's getsockopt has read TCP_NODELAY back as 1.
  await lab.nodelay.click();
  await expect(lab.nodelay).toBeChecked({ timeout: 30_000 });
  await expect(page.getByRole('log', { name: 'Program output' })).toContainText('TCP_NODELAY is now 1');
  await expect(lab.chart).toHaveAccessibleName(/TCP_NODELAY, median [\d.]+ ms over ([3-9]|\d\d+) round trips/, { timeout: 60_000 });
  await lab.moments.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(lab.happened).toContainText('stopped');
  await expect(lab.nodelay).toHaveCount(0);
});

test('the other moments: each button runs its programs and says what happened, under the event that completed it', async ({ page, bridge }) => {
  test.setTimeout(240_000);
  const lab = new LifecyclePage(page);
  await lab.goto(bridge.url);
  await lab.open();
  const said: [string, string | RegExp][] = [
    ['Half-close', /After shutdown\(SHUT_WR\) the client was FIN_WAIT[12]; the server's recv returned b'' \(its end then CLOSE_WAIT\), yet its sendall still reached the client/],
    ['FIN', "the kernel sent FIN, and the client's recv returned b'' (end of file)"],
    ['SO_LINGER 0', 'ConnectionResetError: [Errno 104] Connection reset by peer'],
    ['Refused', 'connect() raised ConnectionRefusedError: [Errno 111] Connection refused'],
    ['Address in use', 'bind raised OSError: [Errno 98] Address already in use'],
    ['Timeout', 'raised TimeoutError: timed out 2 seconds later'],
  ];
  for (const [moment, text] of said) {
    await lab.press(moment);
    await expect(lab.note, moment).toContainText(text, { timeout: 30_000 });
    await expect(lab.happened, moment).toContainText(text);
  }
});
