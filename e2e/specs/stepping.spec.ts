// Stepping through real TCP echo traffic with the keyboard, as a lecturer with a clicker would.
import { expect, test } from '../fixtures.ts';

test('in step mode each key press lets exactly one call run: the client\'s sendall, then the server\'s recv', async ({ tcpEcho, page }) => {
  await tcpEcho.startServer();
  await tcpEcho.setBufsize(4);
  await tcpEcho.connect();
  const stepping = page.getByRole('group', { name: 'Stepping' });
  // P pauses from anywhere on the page (but not while typing in a field).
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('p');
  await expect(stepping.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  await tcpEcho.send('Hello World');
  const held = stepping.getByRole('status', { name: 'Held calls' });
  // Nothing is written until the step: the client's sendall is held.
  await expect(held).toHaveText('client-1: sendall(11 bytes) waiting — nothing written yet');
  const sends = tcpEcho.cards('Client', 'sendall');
  const recvs = tcpEcho.cards('Server', 'data = sc.recv(4)');
  await expect(sends).toHaveCount(0);

  await page.keyboard.press('ArrowRight');
  await expect(sends).toHaveCount(1);
  await expect(held).toContainText('recv(4) waiting — 11 bytes arrived, not yet read');
  await expect(recvs).toHaveCount(0);

  await page.keyboard.press('ArrowRight');
  await expect(recvs).toHaveCount(1);
  await expect(recvs.nth(0)).toContainText("b'Hell'");
  // The echo of those 4 bytes is held next; the server's next recv waits behind it, as in Python.
  await expect(held).toContainText('sendall(4 bytes) waiting');
  await page.keyboard.press('PageDown');
  await expect(held).toContainText('7 bytes arrived');
  await expect(recvs).toHaveCount(1);

  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('r');
  await expect(stepping.getByRole('button', { name: 'Run' })).toHaveAttribute('aria-pressed', 'true');
  await expect(recvs).toHaveCount(3);
  await expect(recvs.nth(2)).toContainText("b'rld'");
});

test('UDP echo steps too: sendto, the server\'s recvfrom, its echo, the client\'s recvfrom', async ({ udpEcho, page }) => {
  await udpEcho.startServer();
  const stepping = page.getByRole('group', { name: 'Stepping' });
  await stepping.getByRole('button', { name: 'Pause' }).click();
  await expect(stepping).toContainText('datagrams wait in the bridge, not in the kernel');
  await udpEcho.sendto('This is a test');
  const held = stepping.getByRole('status', { name: 'Held calls' });
  await expect(held).toHaveText('client-1: sendto(14 bytes) waiting — nothing sent yet');
  const serverRecv = udpEcho.cards('Server', 'recvfrom(1024)');
  const clientRecv = udpEcho.cards('Client', 'recvfrom(1024)');
  await page.keyboard.press('ArrowRight');
  await expect(held).toHaveText('server-1: recvfrom(1024) waiting — a 14-byte datagram arrived, not yet read');
  await expect(serverRecv).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(serverRecv).toHaveCount(1);
  await expect(held).toHaveText('server-1: sendto(14 bytes) waiting — nothing sent yet');
  await page.keyboard.press('ArrowRight');
  await expect(held).toHaveText('client-1: recvfrom(1024) waiting — a 14-byte datagram arrived, not yet read');
  await expect(clientRecv).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(clientRecv).toContainText("b'This is a test'");
  await expect(held).toHaveText('nothing waiting');
});
