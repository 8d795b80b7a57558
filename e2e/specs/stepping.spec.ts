// Stepping through real TCP echo traffic with the keyboard, as a lecturer with a clicker would.
import { expect, test } from '../fixtures.ts';

test('in step mode each key press lets the server make exactly one recv', async ({ tcpEcho, page }) => {
  await tcpEcho.startServer();
  await tcpEcho.setBufsize(4);
  await tcpEcho.connect();
  const stepping = page.getByRole('group', { name: 'Stepping' });
  await stepping.getByRole('button', { name: 'Step mode' }).click();
  await tcpEcho.send('Hello World');
  await expect(stepping.getByRole('status', { name: 'Held calls' })).toContainText('recv(4) waiting — 11 bytes arrived, not yet read');
  const recvs = tcpEcho.cards('Server', 'data = sc.recv(4)');
  await expect(recvs).toHaveCount(0);

  await page.keyboard.press('ArrowRight');
  await expect(recvs).toHaveCount(1);
  await expect(recvs.nth(0)).toContainText("b'Hell'");
  await expect(stepping.getByRole('status', { name: 'Held calls' })).toContainText('7 bytes arrived');
  await page.keyboard.press('PageDown');
  await expect(recvs).toHaveCount(2);
  await expect(recvs.nth(1)).toContainText("b'o Wo'");

  await stepping.getByRole('button', { name: 'Run' }).click();
  await expect(recvs).toHaveCount(3);
  await expect(recvs.nth(2)).toContainText("b'rld'");
});
