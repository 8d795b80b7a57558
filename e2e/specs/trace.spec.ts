// A session saved as a JSON trace replays to the same lanes in a page that has no bridge.
import { expect, test } from '../fixtures.ts';
import { TcpEchoPage } from '../pages/tcp-echo-page.ts';

test('save a trace, then replay it with the bridge unreachable: the same cards in the same lanes', async ({ tcpEcho, page, bridge }, testInfo) => {
  await tcpEcho.startServer();
  await tcpEcho.connect();
  await tcpEcho.send('Hello World');
  await tcpEcho.waitForRecv('Client', 'Hello World');
  const live = await tcpEcho.log.getByRole('article').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));

  const download = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Trace' }).getByRole('button', { name: 'Save trace' }).click();
  const saved = await download;
  const file = testInfo.outputPath(saved.suggestedFilename());
  await saved.saveAs(file);

  const offline = await page.context().newPage();
  await offline.routeWebSocket(/\/ws/, (ws) => ws.close());
  const replay = new TcpEchoPage(offline);
  await offline.goto(bridge.url);
  await expect(offline.getByRole('status').filter({ hasText: 'disconnected' })).toBeVisible();
  await offline.getByLabel('Trace file').setInputFiles(file);
  await expect(offline.getByRole('status').filter({ hasText: /replaying socket-lab-trace-.*\.json \(no bridge\)/ })).toBeVisible();
  await expect(replay.cards('Server', 'data = sc.recv(1024)')).toContainText('48 65 6c 6c 6f 20 57 6f 72 6c 64');
  const replayed = await replay.log.getByRole('article').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(replayed).toEqual(live);
});

test('a file that is not a trace is refused with a reason', async ({ page, bridge }) => {
  await page.goto(bridge.url);
  await page.getByLabel('Trace file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"kind":"something else"}') });
  await expect(page.getByRole('alert')).toContainText('not a Socket Lab trace: kind:');
});
