// The HTTP tab in Chromium: the browser's own request to the lab's Python web server, its request
// line and headers marked; and the lab's client sending a request one byte per send().
import { HttpPage } from '../pages/http-page.ts';
import { expect, test } from '../fixtures.ts';

test("the browser's own request: a new tab opens the lab's web server, and its request line and headers are marked", async ({ page, bridge }) => {
  test.setTimeout(90_000);
  const http = new HttpPage(page);
  await http.goto(bridge.url);
  await http.open();
  await http.start();
  const popup = page.waitForEvent('popup');
  await page.getByRole('link', { name: /^Open http:\/\/127\.0\.0\.1:\d+\/ in a new tab$/ }).click();
  const tab = await popup;
  await expect(tab.getByRole('heading', { name: 'Hello from http_server.py' })).toBeVisible({ timeout: 20_000 });
  await expect(http.messages.getByRole('listitem', { name: 'request line: GET / HTTP/1.1' }).first()).toBeVisible({ timeout: 20_000 });
  await expect(http.messages.getByRole('listitem', { name: /^header: User-Agent: Mozilla\/5\.0 .*Chrome/ }).first()).toBeVisible();
  await expect(http.messages.getByRole('listitem', { name: /^header: Host: 127\.0\.0\.1:\d+$/ }).first()).toBeVisible();
  await expect(http.messages.getByRole('listitem', { name: 'blank line: \\r\\n' }).first()).toBeVisible();
  await expect(http.messages.getByRole('listitem', { name: 'status line: HTTP/1.1 200 OK' }).first()).toBeVisible();
  // The same request in the bytes themselves: select the recv that read it.
  await http.cards(/pid \d+ · Thread-\d+ \(handle\)/, 'data = conn.recv(BUF_SIZE)').filter({ hasText: "b'GET / HTTP/1.1" }).first().click();
  const detail = page.getByRole('complementary', { name: /Event \d+ details/ });
  const marks = detail.getByRole('list', { name: 'HTTP in these bytes' }).getByRole('listitem');
  await expect(marks.first()).toHaveText(/^0–15 request line: GET \/ HTTP\/1\.1$/);
  await expect(marks.filter({ hasText: /header: User-Agent: Mozilla/ })).toHaveCount(1);
  await expect(marks.last()).toHaveText(/^\d+–\d+ blank line$/);
  // The request line's 16 bytes ("GET / HTTP/1.1\r\n") are one mark in the hex.
  await expect(detail.locator('mark.hex-http-start-line').first()).toHaveText('47 45 54 20 2f 20 48 54 54 50 2f 31 2e 31 0d 0a');
  await tab.close();
});

test('the lab client, one byte per send(): the request line is read across many recv calls, and answered', async ({ page, bridge }) => {
  test.setTimeout(90_000);
  const http = new HttpPage(page);
  await http.goto(bridge.url);
  await http.open();
  await http.start();
  await http.client.getByRole('combobox', { name: 'Method' }).selectOption('POST');
  await http.client.getByRole('textbox', { name: 'Path' }).fill('/echo');
  await http.client.getByRole('textbox', { name: 'Body' }).fill('ping');
  await http.client.getByRole('checkbox', { name: 'one byte per send()' }).check();
  await http.client.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('log', { name: 'Program output' })).toContainText('HTTP/1.1 200 OK', { timeout: 30_000 });
  const line = http.requestParts().filter({ hasText: 'POST /echo HTTP/1.1' });
  await expect(line).toHaveAccessibleName('request line: POST /echo HTTP/1.1');
  // Its 21 bytes came in more than one recv: the part lists the range of calls that held it.
  await expect(line).toContainText(/#\d+–#\d+ \(\d+ calls\)/);
  await expect(http.requestParts().filter({ hasText: 'ping' })).toHaveAccessibleName('body: 4 bytes');
});
