// The datagram labs in Chromium: UDP echo with address tuples, TCP vs UDP boundaries, add-one.
import { expect, test } from '../fixtures.ts';

test('UDP echo shows sendto and recvfrom with the address tuple and the seed line', async ({ udpEcho: lab }) => {
  const port = await lab.startServer();
  await lab.sendto('This is a test');
  const status = lab.client.getByRole('status', { name: 'Client state' });
  await expect(status).toHaveText(/^client-\d+ from 127\.0\.0\.1:\d+/);
  const clientState = await status.textContent();
  const clientPort = Number(/:(\d+)/.exec(clientState ?? '')![1]);
  const got = lab.cards('Server', 'data, address = sock.recvfrom(1024)');
  await expect(got).toContainText(`(b'This is a test', ('127.0.0.1', ${clientPort}))`);
  await expect(got).toContainText(`print → IP: 127.0.0.1 Port: ${clientPort} Message: This is a test`);
  await expect(lab.cards('Client', `sock.sendto(b'This is a test', ('127.0.0.1', ${port}))`)).toContainText('54 68 69 73 20 69 73 20 61 20 74 65 73 74');
  await expect(lab.cards('Client', 'data, address = sock.recvfrom(1024)')).toContainText(`('127.0.0.1', ${port})`);
});

test('the same three sends: TCP joins them, UDP keeps three datagrams', async ({ udpEcho: lab }) => {
  await lab.startServer();
  const table = await lab.compareBoundaries();
  await expect(table.getByRole('row').filter({ hasText: 'UDP' })).toContainText("3 sendto → 3 recvfrom: b'one', b'two', b'three'. Each datagram arrives whole, or not at all.");
  await expect(table.getByRole('row').filter({ hasText: 'TCP' })).toContainText('3 sendall → 1 recv: ');
  await expect(table.getByRole('row').filter({ hasText: 'TCP' })).toContainText("b'onetwothree'");
});

test('a datagram longer than BUF_SIZE is cut, and the page says who cut it', async ({ udpEcho: lab }) => {
  await lab.startServer();
  await lab.setBufsize(8);
  await lab.sendto('This is a test');
  const got = lab.cards('Server', 'data, address = sock.recvfrom(8)');
  await expect(got).toContainText("b'This is '");
  await expect(got).toContainText('kept 8 of 14 bytes: Linux discards the other 6');
});

test('add-one round trip: 00 01 out, 00 02 back; 32767 gets no reply', async ({ addOne: lab }) => {
  const port = await lab.startServer();
  await lab.send(1);
  await expect(lab.result).toContainText('sent 1 → 2: 1 + 1 = 2');
  await expect(lab.cards('Client', `sock.sendto(struct.pack('!h', 1), ('127.0.0.1', ${port}))`)).toContainText('00 01');
  await expect(lab.cards('Server', 'sock.sendto(struct.pack(')).toContainText('00 02');
  await lab.send(32767);
  await expect(lab.result).toContainText('no reply within 2 s: recvfrom raised TimeoutError: timed out');
  await expect(lab.cards('Server', 'data, address = sock.recvfrom(1024)').last()).toContainText("struct.pack('!h', 32768) raised struct.error");
});

test('multicast reaches both receivers joined on loopback', async ({ udpEcho: lab }) => {
  await lab.startServer();
  await lab.panel.getByRole('button', { name: 'Send to 226.1.1.1, two receivers' }).click();
  await expect(lab.panel.getByRole('status', { name: 'Multicast result' })).toContainText("→ 2 receivers got b'hello, group' and b'hello, group'");
});
