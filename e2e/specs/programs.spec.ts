// The Programs tab in Chromium: seed 000's TCP server and client, traced on real CPython, each
// card with the program's own line and file:line, and the server's print in the console.
import { ProgramsPage } from '../pages/programs-page.ts';
import { expect, test } from '../fixtures.ts';

test('runs seed 000\'s TCP server and client: conn.recv with its file:line, the reply, the console, Stop', async ({ page, bridge }) => {
  // Real Python programs, started and traced: on a loaded machine that takes a while.
  test.setTimeout(120_000);
  const programs = new ProgramsPage(page);
  await programs.goto(bridge.url);
  await programs.open();
  await programs.run('tcp_server.py');
  await expect(programs.console).toContainText("Server: ('127.0.0.1', ");
  // The lane's head: the listening socket as the kernel lists it now, between calls.
  await expect(programs.kernelNow(/^pid \d+ · MainThread lane$/)).toContainText(/fd \d+ LISTEN/);
  await programs.run('tcp_client.py', '"Hello World"');
  await expect(programs.console).toContainText("Reply: b'Hello World'");
  await expect(programs.run_('tcp_client.py Hello World')).toContainText('exit status 0');

  // The server's recv as the program wrote it, on its own line, with what CPython returned.
  // Events still arriving (the server's next recv, the client's exit) may re-render the lanes and
  // take the card out of the virtualized window: find it again until it is read whole.
  await expect(async () => {
    const recv = await programs.scrollUntilShown(programs.programCards('data = sc.recv(BUF_SIZE) # recvfrom not needed since address known').first());
    await expect(recv).toContainText(/tcp_server\.py:\d+/, { timeout: 2_000 });
    await expect(recv).toContainText("b'Hello World'  (11 bytes)", { timeout: 2_000 });
    await expect(recv).toContainText('48 65 6c 6c 6f 20 57 6f 72 6c 64', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(programs.console).toContainText("b'Hello World'");

  await programs.run_('tcp_server.py').getByRole('button', { name: 'Stop' }).click();
  await expect(programs.run_('tcp_server.py')).toContainText('ended by SIGTERM');
});
