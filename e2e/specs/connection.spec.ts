// Honest connection state: when the bridge goes away the page says so at once and its controls
// are disabled; when a bridge is back on that port (restarted, so with a new launch token) the
// same page finds it by itself, without a reload, and works again.
import { freePort, startBridgeProcess } from '../bridge-process.ts';
import { TcpEchoPage } from '../pages/tcp-echo-page.ts';
import { expect, test } from '../fixtures.ts';

test('the bridge stops: the page says so and disables its controls; a bridge restarted on the port is found again by itself', async ({ page }) => {
  test.setTimeout(120_000);
  const port = await freePort();
  const first = await startBridgeProcess({ port });
  const lab = new TcpEchoPage(page);
  const status = page.getByRole('banner').getByRole('status');
  let second: Awaited<ReturnType<typeof startBridgeProcess>> | null = null;
  try {
    await lab.goto(first.url);
    await expect(status).toHaveText('bridge connected');
    await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));

    await first.stop();
    await expect(status).toContainText('disconnected: ');
    await expect(status).toContainText('looking for it again');
    await expect(page.getByRole('button', { name: 'Start server' })).toBeDisabled();

    second = await startBridgeProcess({ port });
    await expect(status).toHaveText('bridge connected', { timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
    await expect(page.getByRole('alert').filter({ hasText: 'in a new session' })).toBeVisible();
    // It works again: the restarted bridge runs the lab.
    await lab.startServer('0');
    await expect(page.getByRole('status', { name: 'Server state' })).toContainText('listening on 127.0.0.1:');
  } finally {
    await first.stop();
    await second?.stop();
  }
});
