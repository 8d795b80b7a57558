// The Chat tab in Chromium: seed 003's Python chat server, two chat panels talking through it, a
// name sent in two sends that the server's thread reads in two recvs, and /bye.
import { ChatPage } from '../pages/chat-page.ts';
import { expect, test } from '../fixtures.ts';

test('two chat panels talk through the traced Python server; one name from two sends is two recvs in its thread', async ({ page, bridge }) => {
  test.setTimeout(90_000);
  const chat = new ChatPage(page);
  await chat.goto(bridge.url);
  await chat.open();
  await chat.start();
  const alice = await chat.join();
  const bob = await chat.join();

  await chat.say(alice, 'alice');
  await expect(chat.lines(alice).filter({ hasText: 'welcome alice' })).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Chat alice' })).toBeVisible();

  // "bo" without its newline: the server's thread reads it and waits for the rest.
  await chat.say(bob, 'bo', false);
  await expect(chat.cards(/pid \d+ · Thread-2 \(handle\)/, 'while data := conn.recv(BUF_SIZE):').filter({ hasText: "b'bo'" })).toHaveCount(1, { timeout: 20_000 });
  await chat.say(bob, 'b');
  await expect(chat.lines(bob).filter({ hasText: 'welcome bob' })).toHaveCount(1, { timeout: 20_000 });
  await expect(chat.cards(/pid \d+ · Thread-2 \(handle\)/, 'while data := conn.recv(BUF_SIZE):').filter({ hasText: "b'b\\n'" })).toHaveCount(1);

  await chat.say(alice, '@bob hi there');
  await expect(chat.lines(page.getByRole('region', { name: 'Chat bob' })).filter({ hasText: 'alice: hi there' })).toHaveCount(1, { timeout: 20_000 });
  // The panel's own recv, in its own lane, holds exactly those bytes.
  await expect(chat.cards('client-2', 'sock.recv(1024)').filter({ hasText: "b'alice: hi there\\n'" })).toHaveCount(1);

  await chat.say(alice, '@carol are you there?');
  await expect(chat.lines(alice).filter({ hasText: 'error: carol is not online (see /users)' })).toHaveCount(1, { timeout: 20_000 });

  await chat.say(page.getByRole('region', { name: 'Chat bob' }), '/bye');
  const gone = page.getByRole('region', { name: 'Chat bob' });
  await expect(chat.lines(gone).filter({ hasText: "the server closed the connection (recv returned b'')" })).toHaveCount(1, { timeout: 20_000 });
  await expect(gone.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('log', { name: 'Program output' })).toContainText('bob left - active threads:');
});
