// The TCP echo lab in Chromium against the real bridge: what a lecturer does in class.
import net from 'node:net';
import { expect, test } from '../fixtures.ts';

const HELLO_HEX = '48 65 6c 6c 6f 20 57 6f 72 6c 64';

test('echoes Hello World and shows its bytes in both lanes', async ({ tcpEcho }) => {
  const port = await tcpEcho.startServer();
  // Asked for port 0, the field shows the port the kernel gave, the one to connect to from outside.
  await expect(tcpEcho.server.getByRole('textbox', { name: 'Port' })).toHaveValue(String(port));
  await tcpEcho.connect();
  await tcpEcho.send('Hello World');

  const sent = tcpEcho.cards('Client', "sock.sendall(b'Hello World')");
  await expect(sent).toContainText(HELLO_HEX);
  const serverRecv = tcpEcho.cards('Server', 'data = sc.recv(1024)');
  await expect(serverRecv).toContainText(HELLO_HEX);
  await expect(serverRecv).toContainText("b'Hello World'  (11 bytes)");
  await expect(tcpEcho.cards('Server', "sc.sendall(b'Hello World')")).toContainText(HELLO_HEX);
  const reply = await tcpEcho.waitForRecv('Client', 'Hello World');
  await expect(reply).toContainText('reply = sock.recv(1024)');
  await expect(tcpEcho.cards('Server', 'sc, addr = sock.accept()')).toContainText(/addr = \('127\.0\.0\.1', \d+\)/);
});

test('BUF_SIZE 4 makes every recv read at most 4 bytes', async ({ tcpEcho }) => {
  await tcpEcho.startServer();
  await tcpEcho.setBufsize(4);
  await tcpEcho.connect();
  await tcpEcho.send('Hello World');

  const serverRecvs = tcpEcho.cards('Server', 'data = sc.recv(4)');
  await expect(serverRecvs).toHaveCount(3);
  await expect(serverRecvs.nth(0)).toContainText("b'Hell'  (4 bytes)");
  await expect(serverRecvs.nth(0)).toContainText('48 65 6c 6c');
  await expect(serverRecvs.nth(1)).toContainText("b'o Wo'  (4 bytes)");
  await expect(serverRecvs.nth(2)).toContainText("b'rld'  (3 bytes)");
  // The client's reads are recv(4) too, and together they hold the whole echo.
  const clientRecvs = tcpEcho.cards('Client', 'reply = sock.recv(4)');
  await expect(clientRecvs.last()).toContainText('rld');
  for (const text of await clientRecvs.allTextContents()) {
    const size = Number(/\((\d) bytes?\)/.exec(text)?.[1]);
    expect(size).toBeGreaterThanOrEqual(1);
    expect(size).toBeLessThanOrEqual(4);
  }
});

test('an outside connection (as nc would make) appears as a lane of its own', async ({ tcpEcho }) => {
  const port = await tcpEcho.startServer();
  const nc = net.connect(port, '127.0.0.1');
  await new Promise((r) => nc.once('connect', r));
  nc.write('from nc\n');
  await expect(tcpEcho.laneHeader('Connection peer-1')).toBeVisible();
  await expect(tcpEcho.laneHeader('Connection peer-1')).toContainText(`from 127.0.0.1:${nc.localPort}`);
  const recv = tcpEcho.cards('Connection peer-1', 'data = sc.recv(1024)');
  await expect(recv).toContainText('66 72 6f 6d 20 6e 63 0a');
  await expect(recv).toContainText("b'from nc\\n'");
  nc.end();
  await expect(tcpEcho.cards('Connection peer-1', 'sc.close()')).toBeVisible();
});

test('a port in use shows the Python error and what to do', async ({ tcpEcho }) => {
  const holder = net.createServer();
  await new Promise<void>((r) => holder.listen(0, '127.0.0.1', () => r()));
  const port = (holder.address() as net.AddressInfo).port;
  try {
    await tcpEcho.server.getByRole('textbox', { name: 'Port' }).fill(String(port));
    await tcpEcho.server.getByRole('button', { name: 'Start server' }).click();
    await expect(tcpEcho.page.getByRole('alert')).toContainText('OSError: [Errno 98] Address already in use');
    await expect(tcpEcho.cards('Server', `sock.bind(('127.0.0.1', ${port}))`)).toContainText('raises OSError');
  } finally {
    holder.close();
  }
});

test('selecting an event shows every byte, fetched when the preview was cut', async ({ tcpEcho }) => {
  await tcpEcho.startServer();
  await tcpEcho.connect();
  await tcpEcho.send('A'.repeat(1500) + 'THE END');
  const card = tcpEcho.cards('Client', 'sock.sendall(');
  await expect(card).toContainText('more bytes');
  await card.click();
  const detail = tcpEcho.page.getByRole('complementary', { name: /Event \d+ details/ });
  await expect(detail).toContainText('1507 bytes');
  // Byte 1504 on (offset 0x5e0) lies beyond the 1024-byte preview: it came from get-bytes.
  const last = detail.getByRole('row').last();
  await expect(last.getByRole('cell').nth(0)).toHaveText('05e0');
  await expect(last.getByRole('cell').nth(1)).toHaveText('45 4e 44');
  await expect(last.getByRole('cell').nth(2)).toHaveText('END');
});

test('the server can bind ::1 (AF_INET6) and the client connects there', async ({ tcpEcho }) => {
  await tcpEcho.server.getByRole('textbox', { name: 'Host' }).fill('::1');
  await tcpEcho.server.getByRole('textbox', { name: 'Port' }).fill('0');
  await tcpEcho.server.getByRole('button', { name: 'Start server' }).click();
  await expect(tcpEcho.server.getByRole('status', { name: 'Server state' })).toHaveText(/listening on ::1:\d+/);
  await tcpEcho.connect();
  await tcpEcho.send('over IPv6');
  await expect(tcpEcho.cards('Server', 'sc, addr = sock.accept()')).toContainText("addr = ('::1', ");
  await tcpEcho.waitForRecv('Client', 'over IPv6');
});
