// A session saved as a JSON trace replays to the same lanes in a page that has no bridge; saved as
// pcapng, tshark reads the bytes the page showed.
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from '../fixtures.ts';
import { TcpEchoPage } from '../pages/tcp-echo-page.ts';

/** A session to save: the TCP echo of 'Hello World', back at the client. */
async function echoHelloWorld(tcpEcho: TcpEchoPage): Promise<void> {
  await tcpEcho.startServer();
  await tcpEcho.connect();
  await tcpEcho.send('Hello World');
  await tcpEcho.waitForRecv('Client', 'Hello World');
}

/** Clicks one of the Trace buttons and keeps the download (as `as`, or under its own name). */
async function save(page: Page, button: 'Save trace' | 'Save pcapng', testInfo: TestInfo, as?: string): Promise<{ file: string; name: string }> {
  const download = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Trace' }).getByRole('button', { name: button }).click();
  const saved = await download;
  const name = saved.suggestedFilename();
  const file = testInfo.outputPath(as ?? name);
  await saved.saveAs(file);
  return { file, name };
}

test('save a trace, then replay it with the bridge unreachable: the same cards in the same lanes', async ({ tcpEcho, page, bridge }, testInfo) => {
  await echoHelloWorld(tcpEcho);
  const live = await tcpEcho.log.getByRole('article').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));

  const { file } = await save(page, 'Save trace', testInfo);

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
  // pcapng needs the bridge's capture, which a replay does not have: the page says so rather than offer a lossy file.
  const trace = offline.getByRole('group', { name: 'Trace' });
  await expect(trace.getByRole('button', { name: 'Save trace' })).toBeEnabled();
  await expect(trace.getByRole('button', { name: 'Save pcapng' })).toBeDisabled();
});

test('open a trace during a live session: it replays beside it, and the live session comes back intact, having kept recording', async ({ tcpEcho, page }, testInfo) => {
  const port = await tcpEcho.startServer();
  await tcpEcho.connect();
  await tcpEcho.send('Hello World');
  await tcpEcho.waitForRecv('Client', 'Hello World');
  const { file, name } = await save(page, 'Save trace', testInfo);
  const saved = await tcpEcho.log.getByRole('article').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  await tcpEcho.send('Again');
  await tcpEcho.waitForRecv('Client', 'Again');

  await page.getByLabel('Trace file').setInputFiles(file);
  const banner = page.getByRole('banner');
  await expect(banner.getByRole('status')).toHaveText(`replaying ${name} · live keeps recording`);
  const sessions = banner.getByRole('group', { name: 'Session shown' });
  await expect(sessions.getByRole('button', { name: 'Replay', exact: true })).toHaveAttribute('aria-pressed', 'true');
  // The replay is the saved session, marked as a replay; nothing in it drives the bridge.
  await expect.poll(() => tcpEcho.log.getByRole('article').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(saved);
  await expect(page.getByRole('group', { name: 'Scrub' }).getByRole('status', { name: 'Moment shown' })).toHaveText(`end of the replay · ${saved.length} events`);
  await expect(tcpEcho.client.getByRole('button', { name: 'Send' })).toBeDisabled();

  // Meanwhile someone connects to the live server: the live session records it unseen.
  const nc = net.connect(port, '127.0.0.1');
  await new Promise((r) => nc.once('connect', r));
  nc.write('while replaying');
  await sessions.getByRole('button', { name: /^Live · / }).click();
  await expect(banner.getByRole('status')).toHaveText('bridge connected');
  await expect(tcpEcho.cards('Connection peer-2', 'data = sc.recv(1024)')).toContainText("b'while replaying'");
  await tcpEcho.waitForRecv('Client', 'Again');
  // Still live: the controls work again, and the replay can be shown again until it is closed.
  await tcpEcho.send('Live again');
  await tcpEcho.waitForRecv('Client', 'Live again');
  await sessions.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect.poll(() => tcpEcho.log.getByRole('article').count()).toBe(saved.length);
  await sessions.getByRole('button', { name: 'Close the replay' }).click();
  await expect(sessions).toHaveCount(0);
  await tcpEcho.waitForRecv('Client', 'Live again');
  nc.destroy();
});

test('a file that is not a trace is refused with a reason', async ({ page, bridge }) => {
  await page.goto(bridge.url);
  await page.getByLabel('Trace file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"kind":"something else"}') });
  await expect(page.getByRole('alert')).toContainText('not a Socket Lab trace: kind:');
});

test('Save pcapng: tshark reads both directions of the echo, byte for byte as the cards show them', async ({ tcpEcho, page }, testInfo) => {
  await echoHelloWorld(tcpEcho);
  const { file, name } = await save(page, 'Save pcapng', testInfo);
  expect(name).toMatch(/^socket-lab-capture-.*\.pcapng$/);
  const rows = execFileSync('tshark', ['-r', file, '-Y', 'tcp.len > 0', '-T', 'fields', '-e', 'data.data'], { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim()
    .split('\n')
    .map((hex) => hex.replace(/:/g, ''));
  const shown = (await tcpEcho.cards('Server', 'data = sc.recv(1024)').first().textContent()) ?? '';
  expect(shown).toContain('48 65 6c 6c 6f 20 57 6f 72 6c 64');
  // One packet per sendall: the client's, then the server's echo.
  expect(rows).toEqual(['48656c6c6f20576f726c64', '48656c6c6f20576f726c64']);
});

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

test('the built page from a plain file server, under a sub-path, with no bridge: replays a trace and runs the workbench', async ({ tcpEcho, page }, testInfo) => {
  await echoHelloWorld(tcpEcho);
  const { file } = await save(page, 'Save trace', testInfo, 'class.json');

  // What a student might run at home: Python's file server over the build, the page at /dist/.
  const server = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', webDir], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const port = await new Promise<number>((resolve) => {
      let out = '';
      server.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /port (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
    });
    const home = await page.context().newPage();
    await home.goto(`http://127.0.0.1:${port}/dist/`);
    // A supported way to use the page: replay mode, said plainly, no error.
    await expect(home.getByRole('banner').getByRole('status')).toHaveText('replay mode (no bridge behind this page): Open trace… replays a saved session');
    await expect(home.getByRole('alert')).toHaveCount(0);
    await home.getByLabel('Trace file').setInputFiles(file);
    await expect(home.getByRole('status').filter({ hasText: 'replaying class.json (no bridge)' })).toBeVisible();
    await expect(new TcpEchoPage(home).cards('Server', 'data = sc.recv(1024)')).toContainText('48 65 6c 6c 6f 20 57 6f 72 6c 64');
    // The workbench computes in the page, and its lazily loaded codec tables come from the same server.
    await home.getByRole('link', { name: 'Bytes workbench' }).click();
    const text = home.getByRole('form', { name: 'Text' });
    await text.getByRole('textbox', { name: 'Text' }).fill('日本');
    await text.getByRole('combobox', { name: 'Encode with' }).selectOption('shift_jis');
    await expect(text).toContainText('93 fa 96 7b');
  } finally {
    server.kill();
  }
});
