// The length-prefix lab in Chromium: the framing view of the seed's example, and the grader.
import { expect, test } from '../fixtures.ts';

test("shows the seed's frame at BUF_SIZE 4: header, payload filling, reply", async ({ lengthPrefix: lab }) => {
  await lab.startServer();
  await lab.setBufsize(4);
  await lab.connect();
  await lab.sendMessage('Four score and seven years ago');

  const reply = lab.cards('Server', "sc.sendall(b'\\x00\\x00\\x00\\x14 and seven years ago')");
  await expect(reply).toContainText('first 4 bytes: length header 00 00 00 14 = 20, then the payload');
  await expect(reply.locator('mark')).toHaveText('00 00 00 14');
  const frame = lab.cards('Server', "reply = payload.decode('utf-8')[10:]");
  await expect(frame).toContainText('payload "Four score and seven years ago" (30 chars, 30 bytes)');
  await expect(frame).toContainText('payload[10:] → " and seven years ago" (20 chars, 20 bytes)');

  const header = await lab.scrollToCard('Server', 'data = sc.recv(4)', 'header 00 00 00 1e');
  await expect(header).toContainText('header 00 00 00 1e → length 30 (read little-endian: 503,316,480)');
  await expect(header).toContainText('00 00 00 1e');
  const filling = await lab.scrollToCard('Server', 'data = sc.recv(4)', 'payload 12 / 30 bytes');
  await expect(filling).toContainText("b're a'");

  // Scrolling back paused following; resume it to see the next calls arrive.
  await lab.page.getByRole('button', { name: /Follow live/ }).click();
  await lab.receiveMessage();
  await expect(lab.cards('Client', 'payload, ok = client.receive_message()')).toContainText("(' and seven years ago', True)");
});

test('counts bytes in the header and characters in the cut', async ({ lengthPrefix: lab }) => {
  await lab.startServer();
  await lab.connect();
  await lab.sendMessage('héllo wörld ✓');
  const frame = lab.cards('Server', "reply = payload.decode('utf-8')[10:]");
  await expect(frame).toContainText('(13 chars, 17 bytes)');
  await expect(frame).toContainText('payload[10:] → "d ✓" (3 chars, 5 bytes)');
  await expect(lab.cards('Server', 'sc.sendall(').locator('mark')).toHaveText('00 00 00 05');
});

test('a hostile header is refused with the length it claimed', async ({ lengthPrefix: lab }) => {
  await lab.startServer();
  await lab.connect();
  await lab.client.getByRole('combobox', { name: 'Raw bytes' }).selectOption({ label: 'Header ff ff ff ff' });
  const refused = lab.cards('Server', "length = struct.unpack('!I', header)[0]");
  await expect(refused).toContainText('raises FrameTooLarge: frame too large: the header claims 4,294,967,295 bytes');
  await expect(lab.cards('Server', 'sc.close()')).toBeVisible();
});

test("the grader passes every test against the lab's own server", async ({ lengthPrefix: lab }) => {
  test.setTimeout(180_000);
  await lab.startServer();
  await lab.runGrader();
  await expect(lab.grader.getByRole('status', { name: 'Grade summary' })).toContainText('9 passed, 0 failed');
  for (const name of ['short message', 'medium message', 'long message', 'three messages in series', 'three messages in parallel', 'server shuts down']) {
    await expect(lab.result(name)).toContainText('PASS');
  }
  // Each test shows its bytes: the sent frame's header is marked apart.
  await lab.result('short message').getByText(/bytes: 1 sent/).click();
  await expect(lab.result('short message').getByRole('list', { name: 'sent (one frame per sendall) bytes' }).locator('mark')).toHaveText('00 00 00 20');
  // The shutdown test stopped the server; grading started it again.
  await expect(lab.server.getByRole('status', { name: 'Server state' })).toHaveText(/listening on/);
});

test('a bare port is graded as 127.0.0.1:port', async ({ lengthPrefix: lab }) => {
  test.setTimeout(180_000);
  const port = await lab.startServer();
  await lab.grader.getByRole('textbox', { name: 'Target' }).fill(String(port));
  await expect(lab.grader.getByText(`grades 127.0.0.1:${port}`)).toBeVisible();
  await lab.runGrader(String(port));
  // Given as a target, the server is not the grader's to stop: the shutdown test is not run.
  await expect(lab.grader.getByRole('status', { name: 'Grade summary' })).toContainText(`127.0.0.1:${port}, BUF_SIZE 1024: 8 passed, 0 failed, 1 not run`);
});
